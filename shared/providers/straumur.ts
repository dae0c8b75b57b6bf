import { z } from 'zod';
import { msg, type Message, type MessageKey } from '../messages';
import type { ProviderInfo } from './types';

const key = (k: MessageKey) => k;

/**
 * A terminal identifier as LinkPOS accepts it: 8 to 12 letters and digits. Straumur's create docs
 * say exactly 12, but their own examples use 8 (`1adfe4a1`); we refuse only what cannot be an
 * identifier and let the API decide the rest (its 2017 says the length is wrong).
 */
export const STRAUMUR_TERMINAL_IDENTIFIER = /^[A-Za-z0-9]{8,12}$/;

/** Straumur (Iceland): keys per staging/production environment, a terminal from the contract. */
export const straumurInfo = {
  id: 'straumur',
  displayName: 'Straumur',
  receiptName: 'Straumur',
  choiceLabel: 'settings.providerStraumur',
  environments: ['staging', 'production'],
  environmentMessage: 'settingsEnvironmentStraumur',
  currencies: ['SEK', 'NOK', 'DKK', 'EUR', 'ISK'],
  capabilities: { canUpdate: false, canSendLink: false, reportsOpened: true, searchFilters: false, capture: false, refund: false },
  settings: z
    .object({
      terminalIdentifier: z
        .union([z.literal(''), z.string().regex(STRAUMUR_TERMINAL_IDENTIFIER, { error: key('settingsTerminalFormat') })], {
          error: key('settingsTerminalFormat'),
        })
        .default(''),
      themeKey: z.string().max(100).default(''),
    })
    .prefault({}),
  settingsFields: [
    { kind: 'text', path: 'terminalIdentifier', label: 'settings.terminalIdentifier', section: 'provider', maxLength: 12, trim: true },
  ],
  settingsRules(settings: { terminalIdentifier: string }): Record<string, Message> {
    return settings.terminalIdentifier === '' ? { terminalIdentifier: msg('settingsTerminalNeeded') } : {};
  },
  credentials: z.object({
    provider: z.literal('straumur'),
    environment: z.enum(['staging', 'production']),
    apiKey: z.string().trim().min(8).max(200),
  }),
  credentialFields: [{ name: 'apiKey', label: 'settings.apiKey', minLength: 8, tooShort: 'settings.apiKeyTooShort' }],
} as const satisfies ProviderInfo<'straumur', 'staging' | 'production'>;
