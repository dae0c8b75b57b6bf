import { z } from 'zod';
import { vatOfGross } from './cart';
import { minorSchema, mulDivRound } from './money';
import { quantityMilliSchema, vatBreakdownSchema, vatRateSchema, type CartTotals, type VatBreakdown } from './schemas';

/**
 * Returns and refunds as pure arithmetic over a sale's frozen totals. A refund takes back whole or
 * part quantities of the sale's lines; what it is worth is the line's own total shared out by
 * quantity so that refunding a line in several parts adds up to exactly the line's total (the
 * cumulative amount is rounded, not each part). Never more than was sold, in total or per line.
 */

/** requested (journaled, not sent) → sent (out at the provider) → refunded, failed, or needs-attention. */
export const refundStates = ['requested', 'sent', 'refunded', 'failed', 'needs-attention'] as const;
export const refundStateSchema = z.enum(refundStates);
export type RefundState = z.infer<typeof refundStateSchema>;

/**
 * How the money goes back: Ecster `credit` (against the debit), `annul` (an order never debited),
 * `swish` (Ecster's Swish refund flow), or `portal`: the provider cannot be asked from a till
 * (Straumur), so the refund is recorded and a person completes it in the provider's portal.
 */
export const refundMethods = ['credit', 'annul', 'swish', 'portal'] as const;
export const refundMethodSchema = z.enum(refundMethods);
export type RefundMethod = z.infer<typeof refundMethodSchema>;

/** What the clerk asks for: a line of the sale and how much of it comes back. */
export const refundLineRequestSchema = z.object({ lineId: z.string().min(1).max(64), quantityMilli: quantityMilliSchema });
export type RefundLineRequest = z.infer<typeof refundLineRequestSchema>;

export const refundLineSchema = refundLineRequestSchema.extend({
  name: z.string().max(200),
  vatRate: vatRateSchema,
  amountMinor: minorSchema,
});
export type RefundLine = z.infer<typeof refundLineSchema>;

export const REFUND_REASON_MAX = 200;

export const refundViewSchema = z.object({
  /** 1, 2, 3… within the sale: with the sale, the refund's idempotency key. */
  number: z.number().int().positive(),
  state: refundStateSchema,
  method: refundMethodSchema,
  amountMinor: minorSchema,
  lines: z.array(refundLineSchema),
  vat: z.array(vatBreakdownSchema),
  reason: z.string().max(REFUND_REASON_MAX),
  requestedAt: z.string().datetime({ offset: true }),
  updatedAt: z.string().datetime({ offset: true }),
});
export type RefundView = z.infer<typeof refundViewSchema>;

/** Refunds that hold money back from another refund: every one not failed. */
export const countsAgainstSale = (refund: { state: RefundState }) => refund.state !== 'failed';

/** How much of each line earlier refunds took (quantities), and their total. */
export function refundedSoFar(refunds: readonly { state: RefundState; lines: readonly RefundLineRequest[]; amountMinor: number }[]): {
  quantities: Map<string, number>;
  amountMinor: number;
} {
  const quantities = new Map<string, number>();
  let amountMinor = 0;
  for (const refund of refunds) {
    if (!countsAgainstSale(refund)) continue;
    amountMinor += refund.amountMinor;
    for (const line of refund.lines) quantities.set(line.lineId, (quantities.get(line.lineId) ?? 0) + line.quantityMilli);
  }
  return { quantities, amountMinor };
}

export type RefundPlan =
  | { ok: true; lines: RefundLine[]; amountMinor: number; vat: VatBreakdown[] }
  | { ok: false; problem: 'refundNothing' | 'refundUnknownLine' | 'refundTooMuch' };

/**
 * The refund of `request` given what earlier refunds took: its lines with their amounts, the total
 * and the VAT per rate. Refused when it names a line the sale does not have, asks for more of a line
 * than is left, or asks for nothing.
 */
export function planRefund(
  totals: CartTotals,
  earlier: ReturnType<typeof refundedSoFar>,
  request: readonly RefundLineRequest[],
): RefundPlan {
  const wanted = new Map<string, number>();
  for (const r of request) wanted.set(r.lineId, (wanted.get(r.lineId) ?? 0) + r.quantityMilli);
  if (wanted.size === 0) return { ok: false, problem: 'refundNothing' };
  const lines: RefundLine[] = [];
  for (const [lineId, quantityMilli] of wanted) {
    const line = totals.lines.find((l) => l.id === lineId);
    if (!line) return { ok: false, problem: 'refundUnknownLine' };
    const before = earlier.quantities.get(lineId) ?? 0;
    if (quantityMilli <= 0 || before + quantityMilli > line.quantityMilli) return { ok: false, problem: 'refundTooMuch' };
    // The line's total shared by quantity, rounded cumulatively: the parts always add up to the line.
    const upTo = (q: number) => mulDivRound(line.totalMinor, q, line.quantityMilli);
    lines.push({ lineId, name: line.name, vatRate: line.vatRate, quantityMilli, amountMinor: upTo(before + quantityMilli) - upTo(before) });
  }
  const amountMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
  if (amountMinor <= 0) return { ok: false, problem: 'refundNothing' };
  if (earlier.amountMinor + amountMinor > totals.totalMinor) return { ok: false, problem: 'refundTooMuch' };
  return { ok: true, lines, amountMinor, vat: vatOfLines(lines) };
}

/** VAT per rate of refund lines, each rate's VAT taken from its gross as a sale's is. */
export function vatOfLines(lines: readonly Pick<RefundLine, 'vatRate' | 'amountMinor'>[]): VatBreakdown[] {
  const gross = new Map<number, number>();
  for (const line of lines) gross.set(line.vatRate, (gross.get(line.vatRate) ?? 0) + line.amountMinor);
  return [...gross]
    .sort((a, b) => b[0] - a[0])
    .map(([vatRate, grossMinor]) => {
      const vatMinor = vatOfGross(grossMinor, vatRate);
      return { vatRate, grossMinor, netMinor: grossMinor - vatMinor, vatMinor };
    });
}

/** Everything of the sale not refunded yet, as a request (the dialog's "refund all"). */
export function remainingLines(totals: CartTotals, earlier: ReturnType<typeof refundedSoFar>): RefundLineRequest[] {
  return totals.lines
    .map((l) => ({ lineId: l.id, quantityMilli: l.quantityMilli - (earlier.quantities.get(l.id) ?? 0) }))
    .filter((l) => l.quantityMilli > 0);
}

/** `full` once refunds (done) give back the whole sale, `partly` for less, `none` before any. */
export function refundExtent(
  amountMinor: number,
  refunds: readonly Pick<RefundView, 'state' | 'amountMinor'>[],
): 'none' | 'partly' | 'full' {
  const done = refunds.filter((r) => r.state === 'refunded').reduce((s, r) => s + r.amountMinor, 0);
  if (done <= 0) return 'none';
  return done >= amountMinor ? 'full' : 'partly';
}
