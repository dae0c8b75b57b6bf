/**
 * The sale records of the journal: one zod schema per record type and journal version. A record
 * is parsed when it is read (replay, the report ledger, a sale read back from its lines) and
 * before it is written, so the state machine works on checked data, never on a cast.
 *
 * The journal's format is frozen: a schema may only accept more (an optional field, as
 * `reasonMessage` was added), never less, or an old journal would stop replaying. A change that
 * needs more than that gets a new journal version and a schema table of its own.
 */
import { z } from 'zod';
import { currencySchema } from '../../../shared/domain/money';
import { articleKindSchema, type CartTotals } from '../../../shared/domain/schemas';
import type { PaymentLink, ProviderId } from '../../../shared/domain/sale';
import { refundMethods } from '../../../shared/domain/refund';
import { tenderSchema } from '../../../shared/domain/tender';

/**
 * A reason as the journal keeps it: the English text, and (since the clerk's language came in) its
 * Message. Records written before then have the text only, and a newer app may write a key this
 * version does not know: the Message is kept as read, and the machine reads it with `readMessage`,
 * which falls back to the text.
 */
const reasonSchema = z.object({ reason: z.string(), reasonMessage: z.unknown().optional() });

/** A link as the journal keeps it (the view's schema checks its URL and dates on the way out). */
const linkSchema = z.object({ reference: z.string(), url: z.string(), validTo: z.string().nullable() }) satisfies z.ZodType<PaymentLink>;

/**
 * A sale's frozen totals as the journal keeps them: the shape of `cartTotalsSchema` without its
 * defaults (a schema here must accept exactly its output type, see `fits`) and bounds (priceCart
 * made these numbers; the view's schema checks them again on the way to the renderer).
 */
const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), minor: z.number() }),
  z.object({ kind: z.literal('percent'), basisPoints: z.number() }),
]);
const totalsSchema = z.object({
  currency: currencySchema,
  lines: z.array(
    z.object({
      id: z.string(),
      barcode: z.string(),
      name: z.string(),
      unitPriceMinor: z.number(),
      vatRate: z.number(),
      quantityMilli: z.number(),
      weighed: z.boolean(),
      unit: z.string(),
      partNumber: z.string(),
      discount: discountSchema.nullable(),
      custom: z.boolean(),
      // Added for the Swedish day reports (goods/services, main groups, price reductions): absent before.
      kind: articleKindSchema.optional(),
      group: z.string().optional(),
      priceBeforeChangeMinor: z.number().optional(),
      grossBeforeDiscountMinor: z.number(),
      discountMinor: z.number(),
      totalMinor: z.number(),
    }),
  ),
  subtotalMinor: z.number(),
  discountMinor: z.number(),
  totalMinor: z.number(),
  vat: z.array(z.object({ vatRate: z.number(), grossMinor: z.number(), netMinor: z.number(), vatMinor: z.number() })),
  vatTotalMinor: z.number(),
}) satisfies z.ZodType<CartTotals>;

const journaledProviderId = z.custom<ProviderId>((v) => typeof v === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(v), {
  message: 'Expected a provider id',
});

/**
 * The member of staff who caused a record (id, and the name as it was), decided in main from the
 * till's own session. Optional everywhere: a till without staff, the app's own records (a poll, a
 * seal) and every record from before staff carry none, so old journals replay and old seals hold.
 */
const actorSchema = z.object({ id: z.string(), name: z.string() });
/**
 * `by`: who asked for it (a clerk's command), beside the record's own fields; `approvedBy`: the
 * manager whose PIN let a clerk do it (the approval dialog), when one was needed and given.
 */
const byActor = { by: actorSchema.optional(), approvedBy: actorSchema.optional() };
/** A member of staff as a record keeps them: the id, and the name as it was then. */
export type Actor = z.infer<typeof actorSchema>;
/** A record's `by`: present only when someone is signed in; `approvedBy` only when a manager's approval let the call through. */
export type Attribution = { by?: Actor; approvedBy?: Actor };

const referenceSchema = z.object({ reference: z.string().nullable(), ...byActor });

export const observedStatuses = ['opened', 'paid', 'expired', 'cancelled', 'failed'] as const;

/**
 * What the checkout concluded from the provider's order behind a paid link (Ecster): still being
 * completed, to be debited now, paid, ended unpaid, or for a person.
 */
export const orderDecisions = ['pending', 'capture', 'paid', 'ended', 'attention'] as const;
/** How a paid sale's money was taken: debited by LinkPOS, only authorised (the merchant debits elsewhere), or taken by the provider at purchase. */
export const settlements = ['captured', 'authorised', 'charged'] as const;

/** An order as the journal keeps it: enough for the receipt, History and support. */
const orderSchema = z.object({
  orderId: z.string(),
  providerStatus: z.string(),
  method: z.string().nullable(),
  /** The order's amount, the fee included. */
  amountMinor: z.number().int(),
  currency: z.string(),
  feeMinor: z.number().int(),
  debitedMinor: z.number().int(),
});

/** A refund's number within its sale (1, 2, …): with the sale, its idempotency key. */
const refundNumberSchema = z.number().int().positive();
const refundReasonSchema = reasonSchema.extend({ refundNumber: refundNumberSchema });

/** Version 1 of the journal (`v: 1`): every sale record there is. */
const v1 = {
  'sale-created': z.object({
    number: z.number().int().positive(),
    orderReference: z.string(),
    // Any provider id, not only the ones this build ships: the journal must replay a sale whatever
    // provider made it (a registry given in a test, a provider a later version adds or an earlier one had).
    provider: journaledProviderId,
    demo: z.boolean(),
    currency: currencySchema,
    amountMinor: z.number().int(),
    totals: totalsSchema,
    /** The till's name when the sale was made (added with till identities; absent in older records). */
    tillName: z.string().optional(),
    /** The member of staff who charged it (added with staff; absent on a till without staff and in older records). */
    clerk: actorSchema.optional(),
    /**
     * Paid another way (cash, a card terminal) after no link could be made for the cart of sale
     * `replaces` (added with other tenders; absent on a link sale). No link is ever made for it.
     */
    tender: tenderSchema.optional(),
    replaces: z.string().optional(),
  }),
  /** The clerk recorded the tender sale's money as taken: it is paid. Only for a sale created with a tender. */
  'tender-recorded': z.object({}),
  'link-created': z.object({ link: linkSchema, adopted: z.boolean() }),
  'create-unknown': reasonSchema,
  'recreate-confirmed': z.object({ orderReference: z.string(), ...byActor }),
  failed: reasonSchema,
  'link-updated': z.object({ link: linkSchema, totals: totalsSchema, amountMinor: z.number().int(), ...byActor }),
  'link-replaced': z.object({
    oldLink: linkSchema,
    orderReference: z.string(),
    totals: totalsSchema,
    amountMinor: z.number().int(),
    ...byActor,
  }),
  'link-sent': z.object({ via: z.enum(['email', 'cellular']), to: z.string(), link: linkSchema, ...byActor }),
  'status-observed': z.object({
    reference: z.string(),
    status: z.enum(observedStatuses),
    providerStatus: z.string(),
    amountMinor: z.number().int().nullable(),
    currency: z.string().nullable(),
  }),
  'cancel-requested': referenceSchema,
  cancelled: referenceSchema,
  /** `by`: a clerk stopped waiting for an order (the app's own needs-attention has none). */
  'needs-attention': reasonSchema.extend(byActor),
  resolved: z.object({ note: z.string(), ...byActor }),
  'order-observed': orderSchema.extend({
    reference: z.string(),
    decision: z.enum(orderDecisions),
    /** For `paid`: how the money was taken. */
    settlement: z.enum(settlements).optional(),
  }),
  /** Journaled before the debit is sent; its reference finds the debit again if the answer is lost. */
  'capture-requested': z.object({ orderId: z.string(), transactionReference: z.string(), amountMinor: z.number().int() }),
  captured: z.object({
    orderId: z.string(),
    transactionId: z.string().nullable(),
    amountMinor: z.number().int(),
    orderStatus: z.string(),
    /** `answer`: the debit's own reply; `read`: found in the order after an unknown outcome or a 4424. */
    via: z.enum(['answer', 'read']),
  }),
  'capture-unknown': reasonSchema,
  'capture-failed': reasonSchema,
  /**
   * A refund the clerk confirmed, journaled before anything is sent: its lines and amount (checked
   * against what is left of the sale), how the money goes back and the reference that finds it
   * again at the provider.
   */
  'refund-requested': z.object({
    refundNumber: refundNumberSchema,
    method: z.enum(refundMethods),
    orderId: z.string().nullable(),
    /** Ecster CREDIT and Swish refunds name the debit they give back (mandatory there). */
    debitTransaction: z.string().nullable(),
    transactionReference: z.string(),
    amountMinor: z.number().int(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        quantityMilli: z.number().int(),
        name: z.string(),
        vatRate: z.number().int(),
        amountMinor: z.number().int(),
      }),
    ),
    /** The clerk's reason, as typed. */
    reason: z.string(),
    ...byActor,
  }),
  /** Journaled just before the one POST: from here on the refund is read, never sent again. */
  'refund-sent': z.object({ refundNumber: refundNumberSchema }),
  'refund-unknown': refundReasonSchema,
  refunded: z.object({
    refundNumber: refundNumberSchema,
    transactionId: z.string().nullable(),
    /** `answer`: the provider's reply; `read`: found at the provider afterwards; `clerk`: done in the portal, said by a person. */
    via: z.enum(['answer', 'read', 'clerk']),
    /** With `via: clerk`: the person who said so. */
    ...byActor,
  }),
  /** `by`: a person said the refund was not made. */
  'refund-failed': refundReasonSchema.extend(byActor),
  'refund-attention': refundReasonSchema,
} as const;

type Schemas = typeof v1;
export type SaleRecordType = keyof Schemas;

/** A whole record of one type, as the machine reads it (the journal's `seq`, `prev` and `hash` aside). */
const recordOf = <K extends SaleRecordType>(type: K) =>
  z.object({ type: z.literal(type), saleId: z.string(), at: z.string(), data: v1[type] });

const v1Record = z.discriminatedUnion('type', [
  recordOf('sale-created'),
  recordOf('tender-recorded'),
  recordOf('link-created'),
  recordOf('create-unknown'),
  recordOf('recreate-confirmed'),
  recordOf('failed'),
  recordOf('link-updated'),
  recordOf('link-replaced'),
  recordOf('link-sent'),
  recordOf('status-observed'),
  recordOf('cancel-requested'),
  recordOf('cancelled'),
  recordOf('needs-attention'),
  recordOf('resolved'),
  recordOf('order-observed'),
  recordOf('capture-requested'),
  recordOf('captured'),
  recordOf('capture-unknown'),
  recordOf('capture-failed'),
  recordOf('refund-requested'),
  recordOf('refund-sent'),
  recordOf('refund-unknown'),
  recordOf('refunded'),
  recordOf('refund-failed'),
  recordOf('refund-attention'),
]);

/** The schemas by journal version (`v`); the journal writes version 1. */
export const saleRecordSchemas: Readonly<Record<number, typeof v1Record>> = { 1: v1Record };

export type SaleRecordData = { [K in SaleRecordType]: z.infer<Schemas[K]> };
export type ReasonData = z.infer<typeof reasonSchema>;
export type ObservedStatus = (typeof observedStatuses)[number];
export type OrderDecision = (typeof orderDecisions)[number];
export type Settlement = (typeof settlements)[number];
export const saleRecordTypes = v1Record.options.map((option) => option.shape.type.value);

/** The part of a journal record the machine reads. */
export type SaleRecord<T extends SaleRecordType = SaleRecordType> = Extract<z.infer<typeof v1Record>, { type: T }>;

/** A journal record as read, before its data is checked. */
export type RawRecord = { type: string; saleId: string; at: string; data: unknown; seq?: number; v?: number };

const known = new Set<string>(saleRecordTypes);
export const isSaleRecordType = (type: string): type is SaleRecordType => known.has(type);

export type ParsedRecord<R extends RawRecord> = { ok: true; record: R & SaleRecord } | { ok: false; problem: string };

/**
 * Checks a sale record against its type's schema for its journal version, and hands back the
 * record itself, now typed: the machine keeps exactly what the journal holds (and a replay of a
 * year's journal allocates no second copy of it).
 */
export function parseSaleRecord<R extends RawRecord>(raw: R): ParsedRecord<R> {
  if (!isSaleRecordType(raw.type)) return { ok: false, problem: `has an unknown type (${raw.type})` };
  const version = raw.v ?? 1;
  const schema = saleRecordSchemas[version];
  if (!schema) return { ok: false, problem: `has an unknown version (${version})` };
  if (fits(raw, schema)) return { ok: true, record: raw };
  const issue = schema.safeParse(raw).error?.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'record';
  return { ok: false, problem: `is not a valid ${raw.type} record (${where}: ${issue?.message ?? 'invalid'})` };
}

/**
 * The schema's verdict as a type guard. The schemas have no defaults or transforms, so what they
 * accept is exactly their output type, `SaleRecord`.
 */
function fits<R extends RawRecord>(raw: R, schema: (typeof saleRecordSchemas)[number]): raw is R & SaleRecord {
  return schema.safeParse(raw).success;
}

/** For a record that must fit (one about to be written, or just written back): throws when it does not. */
export function requireSaleRecord<R extends RawRecord>(raw: R): R & SaleRecord {
  const parsed = parseSaleRecord(raw);
  if (!parsed.ok) throw new Error(`A ${raw.type} record for sale ${raw.saleId} ${parsed.problem}.`);
  return parsed.record;
}
