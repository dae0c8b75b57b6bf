import { z } from 'zod';
import type { ProviderId } from '../../../../shared/providers/registry';
import type { ProviderInfo } from '../../../../shared/providers/types';

/**
 * A third payment provider that exists only in this folder. ProviderId is the closed set of the
 * providers the app ships; the fake is registered only by the test that uses it, so its id is
 * declared one with this one cast.
 */
export const FAKE_ID = 'fake' as ProviderId;

export const fakeInfo: ProviderInfo<string, 'sandbox'> = {
  id: FAKE_ID,
  displayName: 'Fakepay',
  receiptName: 'Fakepay Link',
  choiceLabel: 'Fakepay',
  environments: ['sandbox'],
  environmentMessage: 'settingsInvalid',
  currencies: ['SEK', 'EUR'],
  capabilities: { canUpdate: false, canSendLink: false, reportsOpened: false, searchFilters: false, capture: false, refund: false },
  settings: z.object({ greeting: z.string().max(40).default('Hej') }).prefault({}),
  settingsFields: [{ kind: 'text', path: 'greeting', label: 'Greeting', section: 'provider' }],
  credentials: z.object({ provider: z.literal('fake'), environment: z.literal('sandbox'), apiKey: z.string().min(8) }),
  credentialFields: [{ name: 'apiKey', label: 'settings.apiKey', minLength: 8, tooShort: 'settings.apiKeyTooShort' }],
};
