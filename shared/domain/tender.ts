import { z } from 'zod';
import { MAX_MINOR } from './money';

/**
 * Another way to take a sale's money when no payment link can be made (#15): cash handed over at
 * the counter, or an external card terminal the merchant runs beside LinkPOS. Money stays integer
 * minor units: the change is `given − total`, never computed in floats.
 */
export const TERMINAL_REFERENCE_MAX = 40;

/** What the clerk types in the dialog. */
export const tenderInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), givenMinor: z.number().int().min(1).max(MAX_MINOR) }),
  z.object({ kind: z.literal('terminal'), reference: z.string().trim().min(1).max(TERMINAL_REFERENCE_MAX) }),
]);
export type TenderInput = z.infer<typeof tenderInputSchema>;

/** A tender as a sale keeps it (the journal, the view, the receipt). */
export const tenderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), givenMinor: z.number().int(), changeMinor: z.number().int() }),
  z.object({ kind: z.literal('terminal'), reference: z.string() }),
]);
export type Tender = z.infer<typeof tenderSchema>;

/** The change for cash given against a total; null when the cash does not cover it. */
export function cashChange(totalMinor: number, givenMinor: number): number | null {
  if (!Number.isSafeInteger(totalMinor) || !Number.isSafeInteger(givenMinor)) return null;
  return givenMinor >= totalMinor ? givenMinor - totalMinor : null;
}

/** The tender a sale of `totalMinor` records for what the clerk typed; null when cash is short. */
export function tenderFor(totalMinor: number, input: TenderInput): Tender | null {
  if (input.kind === 'terminal') return { kind: 'terminal', reference: input.reference };
  const changeMinor = cashChange(totalMinor, input.givenMinor);
  return changeMinor === null ? null : { kind: 'cash', givenMinor: input.givenMinor, changeMinor };
}

/**
 * The payment means X and Z reports group paid sales by (7 kap. 2 § SKVFS 2014:9 "försäljning per
 * betalningsmedel"): Swish, card and invoice where the provider's order says so, "payment link"
 * where it does not (Straumur, an Ecster link without an order method), cash and card terminal.
 */
export const paymentMeans = ['swish', 'card', 'invoice', 'link', 'cash', 'terminal'] as const;
export const paymentMeansSchema = z.enum(paymentMeans);
export type PaymentMeans = z.infer<typeof paymentMeansSchema>;

/** A paid sale's payment means, from its tender or its provider order's method. */
export function paymentMeansOf(sale: { readonly tender?: Tender | null; readonly orderMethod?: string | null }): PaymentMeans {
  if (sale.tender) return sale.tender.kind;
  const method = sale.orderMethod?.toUpperCase() ?? '';
  if (method.includes('SWISH')) return 'swish';
  if (method.includes('INVOICE') || method.includes('PART_PAYMENT') || method.includes('ACCOUNT')) return 'invoice';
  if (method.includes('CARD')) return 'card';
  return 'link';
}
