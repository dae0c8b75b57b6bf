import type { z } from 'zod';
import type { Currency } from '../domain/money';
import type { Message, MessageKey } from '../messages';

/** What a provider can do, so the UI offers only what works. */
export interface ProviderCapabilities {
  /** The link's cart can be changed in place (Ecster PUT); otherwise cancel and re-create. */
  readonly canUpdate: boolean;
  /** The provider can send the link to the customer by SMS or e-mail. */
  readonly canSendLink: boolean;
  /** The provider tells us when the customer has opened the link. */
  readonly reportsOpened: boolean;
  /** Search accepts filters beyond paging (order reference, phone, e-mail, dates, status). */
  readonly searchFilters: boolean;
  /** The provider's orders must be debited (captured) after approval; its client implements `capture`. */
  readonly capture: boolean;
  /**
   * The till can refund at the provider (its client implements `refund` and `readRefund`); without
   * it a refund is recorded and completed by a person in the provider's portal.
   */
  readonly refund: boolean;
}

/**
 * A field of the settings form a provider adds, drawn by the renderer from this description.
 * `path` is inside the provider's own settings (`settings.providers.<id>`); `label` is a key of
 * the renderer's translations. `section: 'provider'` fields show under the provider while it is
 * chosen; `'general'` fields show with the shop's other settings whichever provider is chosen.
 */
export type ProviderSettingsField =
  | {
      readonly kind: 'text';
      readonly path: string;
      readonly label: string;
      readonly section: 'provider' | 'general';
      readonly maxLength?: number;
      /** Whitespace is never part of the value (an identifier copied with a trailing space). */
      readonly trim?: boolean;
    }
  | {
      readonly kind: 'select';
      readonly path: string;
      readonly label: string;
      readonly section: 'provider' | 'general';
      readonly options: readonly string[];
      /** Translation keys naming each option, in the same order; without them the values are shown (codes such as `sv`). */
      readonly optionLabels?: readonly string[];
    };

/** A secret the clerk types for a provider (write-only: never shown again). */
export interface ProviderCredentialField {
  /** The field's name in the provider's credentials schema, e.g. `apiKey`. */
  readonly name: string;
  readonly label: string;
  /** Shorter than this once trimmed (and not all key fields empty) is refused with `tooShort`. */
  readonly minLength: number;
  /** Translation key of the message for a value that is too short or missing. */
  readonly tooShort: string;
}

/**
 * The part of a provider every process needs: the renderer draws its fields, settings
 * validation checks them, main names it and parses its credentials. No Node, no Electron, no DOM.
 * The main-process part (client factory, sandbox routes, demo keys) is
 * `electron/services/providers/<id>/descriptor.ts`.
 */
export interface ProviderInfo<
  Id extends string = string,
  Environment extends string = string,
  SettingsShape extends z.ZodType = z.ZodType,
  CredentialsShape extends z.ZodType = z.ZodType,
> {
  readonly id: Id;
  /** The provider's name in sentences, alarms and reports. */
  readonly displayName: string;
  /** The name printed on receipts. */
  readonly receiptName: string;
  /** Translation key of the provider's name in the settings form's provider lists. */
  readonly choiceLabel: string;
  /** The environments the merchant's keys may belong to, the default first. */
  readonly environments: readonly [Environment, ...Environment[]];
  /** The settings message that says which environments are allowed. */
  readonly environmentMessage: MessageKey;
  readonly currencies: readonly Currency[];
  readonly capabilities: ProviderCapabilities;
  /** The provider's own settings (`settings.providers.<id>`); every field has a default. */
  readonly settings: SettingsShape;
  readonly settingsFields: readonly ProviderSettingsField[];
  /** Rules across the provider's settings, checked on save while the provider is chosen (not in demo). */
  settingsRules?(settings: z.infer<SettingsShape>): Record<string, Message>;
  /** The credentials the vault keeps: `{ provider: Id, environment, ...secrets }`. */
  readonly credentials: CredentialsShape;
  readonly credentialFields: readonly ProviderCredentialField[];
}
