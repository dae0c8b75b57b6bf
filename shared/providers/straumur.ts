import { z } from 'zod';
import { msg, type Message, type MessageKey } from '../messages';
import type { ProviderInfo } from './types';

const key = (k: MessageKey) => k;

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
      terminalIdentifier: z.union([z.literal(''), z.string().length(12)], { error: key('settingsTerminalLength') }).default(''),
      themeKey: z.string().max(100).default(''),
    })
    .prefault({}),
  settingsFields: [
    { kind: 'text', path: 'terminalIdentifier', label: 'settings.terminalIdentifier', section: 'provider', maxLength: 12, trim: true },
  ],
  settingsRules(settings: { terminalIdentifier: string }): Record<string, Message> {
    return settings.terminalIdentifier.length !== 12 ? { terminalIdentifier: msg('settingsTerminalNeeded') } : {};
  },
  credentials: z.object({
    provider: z.literal('straumur'),
    environment: z.enum(['staging', 'production']),
    apiKey: z.string().trim().min(8).max(200),
  }),
  credentialFields: [{ name: 'apiKey', label: 'settings.apiKey', minLength: 8, tooShort: 'settings.apiKeyTooShort' }],
} as const satisfies ProviderInfo<'straumur', 'staging' | 'production'>;
