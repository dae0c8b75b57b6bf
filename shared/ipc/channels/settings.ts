import { z } from 'zod';
import { channel } from '../define';
import { settingsSchema } from '../../domain/settings';
import { credentialsInputSchema, providerIdSchema } from '../../providers/registry';
import { messageSchema } from '../../messages';

/** A field-by-field answer so the settings form can show each message next to its field. */
export const fieldErrorsSchema = z.record(z.string(), z.string());
/** The same messages as catalog keys, for the clerk's language (absent from older answers). */
export const fieldMessagesSchema = z.record(z.string(), messageSchema);

export const credentialStatusSchema = z.object({
  provider: providerIdSchema.nullable(),
  environment: z.string().nullable(),
  state: z.enum(['missing', 'configured', 'needs-reentry']),
  /** The last four characters of the API key, for recognising which key is in use. Never more. */
  apiKeyLast4: z.string().max(4).nullable(),
  storage: z.enum(['encrypted', 'memory-only', 'none']),
  /** Why the credential is memory-only or needs re-entry, in words for the clerk. */
  detail: z.string().max(500),
});
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;

export { credentialsInputSchema, type CredentialsInput } from '../../providers/registry';

export const settingsChannels = {
  'settings:get': channel({ summary: 'All non-secret settings.', input: z.void(), output: settingsSchema }),
  'settings:save': channel({
    summary:
      'Validate and save settings; fields left out keep their stored values (objects merge), and nothing is saved when any field is wrong.',
    input: z.object({ settings: z.unknown() }),
    output: z.discriminatedUnion('saved', [
      z.object({ saved: z.literal(true), settings: settingsSchema }),
      z.object({ saved: z.literal(false), fieldErrors: fieldErrorsSchema, fieldMessages: fieldMessagesSchema.optional() }),
    ]),
  }),
  'credentials:set': channel({
    summary: 'Store credentials (write-only; there is no call that reads a secret back).',
    input: credentialsInputSchema,
    output: credentialStatusSchema,
  }),
  'credentials:status': channel({
    summary: 'Whether credentials are configured and how they are stored.',
    input: z.void(),
    output: credentialStatusSchema,
  }),
  'credentials:clear': channel({ summary: 'Forget the stored credentials.', input: z.void(), output: credentialStatusSchema }),
  'credentials:test': channel({
    summary: 'A harmless authenticated call to the provider.',
    input: z.void(),
    output: z.object({
      result: z.enum(['ok', 'rejected-key', 'unreachable', 'not-configured']),
      detail: z.string(),
      /** `detail` in the clerk's language (shared/messages.ts). */
      detailMessage: messageSchema.optional(),
    }),
  }),
} as const;
