import { z } from 'zod';
import { channel, event } from '../define';
import { reportSchema, shopTotalSchema } from '../../domain/report';
import { saleStateSchema, saleViewSchema } from '../../domain/sale';

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

const tillId = z.string().uuid();
const isoDateTime = z.string().datetime({ offset: true });

/** A till of the shop as the others see it. */
export const shopTillSchema = z.object({
  id: tillId,
  name: z.string().max(100),
  /** The code its order references carry; null when another till had it first (an alarm on that till). */
  code: z.string().max(10).nullable(),
  /** This till. */
  own: z.boolean(),
});
export type ShopTill = z.infer<typeof shopTillSchema>;

export const shopSaleSchema = z.object({ tillId, tillName: z.string().max(100), own: z.boolean(), sale: saleViewSchema });
export type ShopSale = z.infer<typeof shopSaleSchema>;

/** The shop's X report: each till's own X (since its last Z) and their sum; and every till's Z reports. */
export const shopReportSchema = z.object({
  at: isoDateTime,
  /** False: the database could not be read just now, so the other tills are as last read. */
  complete: z.boolean(),
  total: shopTotalSchema,
  tills: z.array(z.object({ tillId, tillName: z.string().max(100), own: z.boolean(), report: reportSchema })),
  zReports: z.array(
    z.object({
      tillId,
      tillName: z.string().max(100),
      number: z.number().int().positive(),
      fromAt: isoDateTime.nullable(),
      toAt: isoDateTime,
      salesCount: z.number().int().nonnegative(),
    }),
  ),
});
export type ShopReport = z.infer<typeof shopReportSchema>;

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
  'shop:tills': channel({
    summary: 'The tills of the shop database (this one included), for the History till filter; none without a shop database.',
    input: z.void(),
    output: z.object({ complete: z.boolean(), tills: z.array(shopTillSchema) }),
  }),
  'shop:sales': channel({
    summary: 'History across the shop: this till’s sales from its journal, the others’ from their records in the shop database.',
    input: z.object({
      till: z.union([z.literal('all'), tillId]),
      from: isoDateTime.optional(),
      to: isoDateTime.optional(),
      states: z.array(saleStateSchema).optional(),
      minAmountMinor: z.number().int().optional(),
      maxAmountMinor: z.number().int().optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ complete: z.boolean(), sales: z.array(shopSaleSchema) }),
  }),
  'shop:xReport': channel({
    summary: 'The X report of the whole shop and of each till (each since its own last Z), with every till’s Z reports.',
    input: z.void(),
    output: shopReportSchema,
  }),
} as const;

export const shopEvents = {
  'shop:syncChanged': event({ summary: 'The sync with the shop database changed state.', payload: shopSyncSchema }),
} as const;
