import { z } from 'zod';
import { channel, event } from '../define';

/** Whether the till's journal has reached the shop database (see electron/services/shop-db/). */
export const shopSyncSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('connecting'), waiting: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('up-to-date') }),
  z.object({ kind: z.literal('sending'), waiting: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('unreachable'), waiting: z.number().int().nonnegative(), retryInMs: z.number().int().nonnegative() }),
  z.object({
    kind: z.literal('schema-too-new'),
    waiting: z.number().int().nonnegative(),
    found: z.number().int(),
    known: z.number().int(),
  }),
  z.object({ kind: z.literal('conflict'), waiting: z.number().int().nonnegative(), seq: z.number().int().positive() }),
]);
export type ShopSync = z.infer<typeof shopSyncSchema>;

export const shopDatabaseStatusSchema = z.object({
  /** Where the URL comes from: Settings, the environment (LINKPOS_SHOP_DATABASE_URL) or nowhere. */
  source: z.enum(['settings', 'environment', 'none']),
  /** `user@host:port/database`: never the password. */
  target: z.string().max(300).nullable(),
  storage: z.enum(['encrypted', 'memory-only', 'none']),
  /** The saved URL could not be opened: enter it again. */
  needsReentry: z.boolean(),
  sync: shopSyncSchema,
});
export type ShopDatabaseStatus = z.infer<typeof shopDatabaseStatusSchema>;

export const shopDatabaseTestSchema = z.object({
  result: z.enum(['ok', 'not-configured', 'unreachable', 'rejected-login', 'no-database', 'tls', 'schema-too-new', 'failed']),
  schemaVersion: z.number().int().nullable(),
});
export type ShopDatabaseTest = z.infer<typeof shopDatabaseTestSchema>;

export const shopChannels = {
  'shop:databaseStatus': channel({
    summary: 'Whether a shop database is configured (never its URL) and how far the sync is.',
    input: z.void(),
    output: shopDatabaseStatusSchema,
  }),
  'shop:setDatabase': channel({
    summary: 'Store the shop database URL (write-only; null forgets it) and connect to it.',
    input: z.object({ url: z.string().max(2_000).nullable() }),
    output: shopDatabaseStatusSchema,
  }),
  'shop:testDatabase': channel({
    summary: 'Connect once to the configured shop database and read its schema version; writes nothing.',
    input: z.void(),
    output: shopDatabaseTestSchema,
  }),
} as const;

export const shopEvents = {
  'shop:syncChanged': event({ summary: 'The sync with the shop database changed state.', payload: shopSyncSchema }),
} as const;
