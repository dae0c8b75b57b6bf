import { z } from 'zod';
import { messageSchema } from '../messages';
import { currencySchema, minorSchema } from './money';
import { cartTotalsSchema } from './schemas';
import { providerIdSchema } from '../providers/registry';
import { refundViewSchema } from './refund';
import { tenderSchema } from './tender';

export { providerIds, providerIdSchema, type ProviderId } from '../providers/registry';

/**
 * A provider-neutral link status. A provider's status string we do not recognise maps to
 * `unknown`, never to `paid`.
 */
export const linkStatuses = ['open', 'opened', 'paid', 'expired', 'cancelled', 'failed', 'unknown'] as const;
export const linkStatusSchema = z.enum(linkStatuses);
export type LinkStatus = z.infer<typeof linkStatusSchema>;

/** The sale's own state machine; ARCHITECTURE.md draws the transitions. */
/**
 * `completing`: the customer finished the provider's checkout and the provider made an order that
 * is not paid yet (being signed, decided, or being debited by LinkPOS).
 */
export const saleStates = [
  'creating',
  'waiting',
  'opened',
  'completing',
  'paid',
  'expired',
  'cancelled',
  'failed',
  'needs-attention',
] as const;
export const saleStateSchema = z.enum(saleStates);
export type SaleState = z.infer<typeof saleStateSchema>;

export const finalSaleStates: ReadonlySet<SaleState> = new Set(['paid', 'expired', 'cancelled', 'failed']);

export const paymentLinkSchema = z.object({
  /** Ecster's link key or Straumur's paymentLinkReference. */
  reference: z.string().min(1).max(100),
  url: z.string().url(),
  validTo: z.string().datetime({ offset: true }).nullable(),
});
export type PaymentLink = z.infer<typeof paymentLinkSchema>;

export const saleHistoryEntrySchema = z.object({
  state: saleStateSchema,
  at: z.string().datetime({ offset: true }),
  note: z.string().max(500).default(''),
  /** The note in the clerk's language (shared/messages.ts); null: show `note`. */
  noteMessage: messageSchema.nullable().default(null),
});

/** The provider's order behind a paid link (Ecster), as the clerk and the receipt see it. */
export const saleOrderSchema = z.object({
  /** CARD, INVOICE, SWISH… as the provider names it. */
  method: z.string().max(40).nullable(),
  providerStatus: z.string().max(60),
  /** The order's amount: the sale's plus any fee the provider added (an invoice fee). */
  amountMinor: minorSchema,
  feeMinor: minorSchema,
});
export type SaleOrder = z.infer<typeof saleOrderSchema>;

/** How a paid sale's money was taken: debited by LinkPOS, only authorised (debit it in the provider's portal), or taken at purchase. */
export const settlementSchema = z.enum(['captured', 'authorised', 'charged']);
export type Settlement = z.infer<typeof settlementSchema>;

/** What the renderer sees of a sale. Never contains credentials. */
export const saleViewSchema = z.object({
  id: z.string().min(1).max(64),
  /** Gap-free receipt/sale number from the journal. */
  number: z.number().int().positive(),
  orderReference: z.string().min(1).max(22),
  state: saleStateSchema,
  provider: providerIdSchema,
  demo: z.boolean(),
  currency: currencySchema,
  amountMinor: minorSchema,
  totals: cartTotalsSchema,
  /** The till's name when the sale was made; absent for sales from before till names. */
  tillName: z.string().max(100).optional(),
  /** The member of staff who charged the sale (id and name as they were); absent on a till without staff. */
  clerk: z.object({ id: z.string().max(60), name: z.string().max(60) }).optional(),
  link: paymentLinkSchema.nullable(),
  /** Why the sale needs attention or failed, in words for the clerk. */
  reason: z.string().max(500).default(''),
  /** The reason in the clerk's language; null (none, or an old journal record): show `reason`. */
  reasonMessage: messageSchema.nullable().default(null),
  /** The provider could not be reached on the last check; the sale is still being watched. */
  connectionLost: z.boolean().default(false),
  /**
   * Needs attention with nothing paid and no order or debit behind it (e.g. the provider no longer
   * knows its link): the clerk may make a new link for the same cart or close the sale as not paid.
   */
  relinkable: z.boolean().optional(),
  order: saleOrderSchema.nullable().default(null),
  settlement: settlementSchema.nullable().default(null),
  /** Paid another way (cash with change, a card terminal's reference) when no link could be made; null for a link sale. */
  tender: tenderSchema.nullable().default(null),
  /** The sale's refunds (credit notes), in order; empty when none. */
  refunds: z.array(refundViewSchema).default([]),
  createdAt: z.string().datetime({ offset: true }),
  updatedAt: z.string().datetime({ offset: true }),
  history: z.array(saleHistoryEntrySchema),
});
export type SaleView = z.infer<typeof saleViewSchema>;
