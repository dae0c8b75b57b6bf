import { z } from 'zod';
import type { ProviderInfo } from './types';

/** Ecster Pay Link (Sweden): keys per test/live environment, links updated in place. */
export const ecsterInfo = {
  id: 'ecster',
  displayName: 'Ecster',
  receiptName: 'Ecster Pay Link',
  choiceLabel: 'settings.providerEcster',
  environments: ['test', 'live'],
  environmentMessage: 'settingsEnvironmentEcster',
  currencies: ['SEK', 'NOK', 'DKK', 'EUR'],
  capabilities: { canUpdate: true, canSendLink: true, reportsOpened: false, searchFilters: true, capture: true, refund: true },
  settings: z
    .object({
      /** The language and country of Ecster's payment page. */
      locale: z
        .object({
          language: z.enum(['sv', 'en', 'no', 'da', 'fi']).default('sv'),
          country: z.enum(['SE', 'GB', 'NO', 'DK', 'FI']).default('SE'),
        })
        .prefault({}),
      /**
       * `platform.reference` identifies the integrating software and is "provided by Ecster" (seed):
       * only a merchant Ecster gave one has it. Empty: `platform` is left out of the request.
       */
      platformReference: z.string().trim().max(100).default(''),
      /**
       * `at-once`: an approved card or invoice order is debited as soon as it is READY (the goods
       * leave the shop now); `elsewhere`: it stays authorised for the merchant to debit in Ecster's portal.
       */
      capture: z.enum(['at-once', 'elsewhere']).default('at-once'),
    })
    .prefault({}),
  settingsFields: [
    {
      kind: 'select',
      path: 'locale.language',
      label: 'settings.ecsterLanguage',
      section: 'general',
      options: ['sv', 'en', 'no', 'da', 'fi'],
    },
    { kind: 'text', path: 'platformReference', label: 'settings.ecsterPlatformReference', section: 'provider', maxLength: 100, trim: true },
    {
      kind: 'select',
      path: 'capture',
      label: 'settings.ecsterCapture',
      section: 'provider',
      options: ['at-once', 'elsewhere'],
      optionLabels: ['settings.captureAtOnce', 'settings.captureElsewhere'],
    },
  ],
  credentials: z.object({
    provider: z.literal('ecster'),
    environment: z.enum(['test', 'live']),
    apiKey: z.string().trim().min(8).max(200),
    merchantKey: z.string().trim().min(1).max(200),
  }),
  credentialFields: [
    { name: 'apiKey', label: 'settings.apiKey', minLength: 8, tooShort: 'settings.apiKeyTooShort' },
    { name: 'merchantKey', label: 'settings.merchantKey', minLength: 1, tooShort: 'settings.merchantKeyMissing' },
  ],
} as const satisfies ProviderInfo<'ecster', 'test' | 'live'>;
