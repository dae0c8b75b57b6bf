import { z } from 'zod';
import { tenderSchema } from './tender';
import { currencySchema, minorSchema } from './money';
import { providerIdSchema, settlementSchema, type SaleView } from './sale';
import { providerInfo } from '../providers/registry';
import { quantityMilliSchema, vatBreakdownSchema, vatRateSchema } from './schemas';
import { refundMethodSchema, REFUND_REASON_MAX } from './refund';
import type { Settings } from './settings';
import { LocalizedError, msg } from '../messages';
import { receiptFiscalSchema } from './fiscal';
import { cartDiscountShareMinor } from './cart';

/**
 * A receipt as data: everything printed on the slip, computed once in main from the journal's
 * frozen sale and the shop settings, then drawn by one React view for screen, printer and PDF.
 * Amounts are copied from the sale, never recomputed, so what is printed is what was charged.
 */

export const paperWidths = [58, 80] as const;
export const paperWidthSchema = z.union([z.literal(58), z.literal(80)]);
export type PaperWidthMm = z.infer<typeof paperWidthSchema>;

/** Real receipts and training (demo) receipts are numbered in separate series. */
export const receiptSeriesSchema = z.enum(['real', 'training']);
export type ReceiptSeries = z.infer<typeof receiptSeriesSchema>;

export const receiptNumberSchema = z.object({
  series: receiptSeriesSchema,
  number: z.number().int().positive(),
  /** When the sale became paid: the receipt's date. */
  paidAt: z.string().datetime({ offset: true }),
});
export type ReceiptNumber = z.infer<typeof receiptNumberSchema>;

export const receiptLineSchema = z.object({
  name: z.string().max(200),
  quantityMilli: quantityMilliSchema,
  weighed: z.boolean(),
  unit: z.string().max(16),
  unitPriceMinor: minorSchema,
  /** The line's own discount plus its share of the cart's discount. */
  discountMinor: minorSchema,
  /**
   * The share of the cart's discount within `discountMinor`, when the sale had a cart discount;
   * absent otherwise (and on receipts built before it was kept apart).
   */
  cartDiscountMinor: minorSchema.optional(),
  totalMinor: minorSchema,
  vatRate: vatRateSchema,
});
export type ReceiptLine = z.infer<typeof receiptLineSchema>;

export const receiptSchema = z.object({
  saleId: z.string().min(1).max(64),
  saleNumber: z.number().int().positive(),
  receipt: receiptNumberSchema,
  training: z.boolean(),
  /** A reprint: the slip says COPY. */
  copy: z.boolean(),
  paperWidthMm: paperWidthSchema,
  shop: z.object({
    name: z.string().max(100),
    organisationNumber: z.string().max(32),
    vatNumber: z.string().max(32),
    address: z.string().max(300),
    phone: z.string().max(32),
  }),
  clerk: z.string().max(60),
  /** The till's name when the sale was made; empty for sales from before till names. */
  till: z.string().max(100).default(''),
  currency: currencySchema,
  lines: z.array(receiptLineSchema),
  subtotalMinor: minorSchema,
  discountMinor: minorSchema,
  totalMinor: minorSchema,
  vat: z.array(vatBreakdownSchema),
  vatTotalMinor: minorSchema,
  payment: z.object({
    provider: providerIdSchema,
    providerName: z.string().max(40),
    /** Ecster's link key or Straumur's payment link reference. */
    linkReference: z.string().max(100),
    orderReference: z.string().max(22),
    /** The provider's payment method (Ecster: CARD, INVOICE, SWISH), where an order says. */
    method: z.string().max(40).nullable().default(null),
    /** A fee the provider charged the customer on top of the sale (an invoice fee): not part of the sale's total. */
    feeMinor: minorSchema.default(0),
    /** Debited by LinkPOS, only authorised (debit it in the provider's portal), or taken at purchase. */
    settlement: settlementSchema.nullable().default(null),
    /** Paid another way when no link could be made: cash (given, change) or a card terminal (its reference). */
    tender: tenderSchema.nullable().default(null),
  }),
  thankYouText: z.string().max(300),
  /**
   * Set on a refund receipt (credit note): `receipt` is then its number in the refunds' own series,
   * the lines, totals and VAT are negative, and this names the sale's receipt it refunds.
   */
  refund: z
    .object({
      /** The refund's number within its sale. */
      number: z.number().int().positive(),
      originalReceipt: receiptNumberSchema,
      reason: z.string().max(REFUND_REASON_MAX),
      method: refundMethodSchema,
    })
    .nullable()
    .default(null),
  /**
   * A Swedish till's part (SKVFS 2014:9 7 kap. 1 §): till designation, organisation number and the
   * control unit's serial and control code. Null on every other till, whose receipt is unchanged.
   */
  fiscal: receiptFiscalSchema.nullable().default(null),
});
export type Receipt = z.infer<typeof receiptSchema>;

export class ReceiptUnavailable extends LocalizedError {
  override readonly name = 'ReceiptUnavailable';
}

export interface ReceiptContext {
  settings: Pick<Settings, 'shop' | 'clerkName' | 'paperWidthMm'>;
  number: ReceiptNumber;
  copy: boolean;
}

/** The receipt of a paid sale. Throws ReceiptUnavailable (with a sentence for the clerk) otherwise. */
export function buildReceipt(sale: SaleView, context: ReceiptContext): Receipt {
  if (sale.state !== 'paid') throw new ReceiptUnavailable(msg('receiptOnlyPaid'));
  if ((context.number.series === 'training') !== sale.demo) {
    throw new ReceiptUnavailable(msg('receiptOtherSeries'));
  }
  const { shop } = context.settings;
  const t = sale.totals;
  return {
    saleId: sale.id,
    saleNumber: sale.number,
    receipt: context.number,
    training: sale.demo,
    copy: context.copy,
    paperWidthMm: context.settings.paperWidthMm,
    shop: {
      name: shop.name,
      organisationNumber: shop.organisationNumber,
      vatNumber: shop.vatNumber,
      address: shop.address,
      phone: shop.phone,
    },
    // The member of staff who charged the sale; else the clerk name from Settings, as before staff.
    clerk: sale.clerk?.name ?? context.settings.clerkName,
    till: sale.tillName ?? '',
    currency: sale.currency,
    lines: t.lines.map((line) => {
      const cartDiscountMinor = cartDiscountShareMinor(line, sale.currency);
      return {
        name: line.name,
        quantityMilli: line.quantityMilli,
        weighed: line.weighed,
        unit: line.unit,
        unitPriceMinor: line.unitPriceMinor,
        discountMinor: line.discountMinor,
        ...(cartDiscountMinor > 0 ? { cartDiscountMinor } : {}),
        totalMinor: line.totalMinor,
        vatRate: line.vatRate,
      };
    }),
    subtotalMinor: t.subtotalMinor,
    discountMinor: t.discountMinor,
    totalMinor: t.totalMinor,
    vat: t.vat.map((v) => ({ ...v })),
    vatTotalMinor: t.vatTotalMinor,
    payment: {
      provider: sale.provider,
      providerName: providerInfo(sale.provider).receiptName,
      linkReference: sale.link?.reference ?? '',
      orderReference: sale.orderReference,
      method: sale.order?.method ?? null,
      feeMinor: sale.order?.feeMinor ?? 0,
      settlement: sale.settlement,
      tender: sale.tender,
    },
    thankYouText: shop.thankYouText,
    refund: null,
    fiscal: null,
  };
}

export interface RefundReceiptContext extends ReceiptContext {
  /** The sale's own receipt, which the credit note names. */
  original: ReceiptNumber;
}

/**
 * The refund receipt (credit note) of one refund that gave money back: its own number, the
 * original receipt's, the refunded lines and the VAT per rate, all negative. Amounts are the
 * journal's, never recomputed.
 */
export function buildRefundReceipt(sale: SaleView, refundNumber: number, context: RefundReceiptContext): Receipt {
  const refund = sale.refunds.find((r) => r.number === refundNumber);
  if (!refund || refund.state !== 'refunded') throw new ReceiptUnavailable(msg('receiptOnlyRefunded'));
  const base = buildReceipt(sale, { ...context, number: context.original });
  const byId = new Map(sale.totals.lines.map((l) => [l.id, l]));
  const total = -refund.amountMinor;
  return {
    ...base,
    receipt: context.number,
    lines: refund.lines.map((line) => {
      const sold = byId.get(line.lineId);
      return {
        name: line.name,
        quantityMilli: line.quantityMilli,
        weighed: sold?.weighed ?? false,
        unit: sold?.unit ?? '',
        unitPriceMinor: sold?.unitPriceMinor ?? 0,
        // A refund gives back what the line cost after its discounts: its amount is the whole story.
        discountMinor: 0,
        totalMinor: -line.amountMinor,
        vatRate: line.vatRate,
      };
    }),
    subtotalMinor: total,
    discountMinor: 0,
    totalMinor: total,
    vat: refund.vat.map((v) => ({ vatRate: v.vatRate, grossMinor: -v.grossMinor, netMinor: -v.netMinor, vatMinor: -v.vatMinor })),
    vatTotalMinor: -refund.vat.reduce((s, v) => s + v.vatMinor, 0),
    payment: { ...base.payment, feeMinor: 0 },
    refund: { number: refund.number, originalReceipt: context.original, reason: refund.reason, method: refund.method },
  };
}

/**
 * The checks a printed receipt must pass: lines add up to the total, VAT rows add up to the VAT
 * total and to the total, and the total is what the sale charged. Empty means consistent.
 */
export function receiptProblems(receipt: Receipt, sale: Pick<SaleView, 'amountMinor'>): string[] {
  // A credit note's total is its refund's, negative: checked against that instead of the sale.
  if (receipt.refund) sale = { amountMinor: receipt.totalMinor };
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const problems: string[] = [];
  if (receipt.totalMinor !== sale.amountMinor) problems.push('The receipt total differs from the amount charged.');
  if (sum(receipt.lines.map((l) => l.totalMinor)) !== receipt.totalMinor) problems.push('The lines do not add up to the total.');
  if (sum(receipt.vat.map((v) => v.grossMinor)) !== receipt.totalMinor) problems.push('The VAT rows do not add up to the total.');
  if (sum(receipt.vat.map((v) => v.vatMinor)) !== receipt.vatTotalMinor) problems.push('The VAT rows do not add up to the VAT total.');
  for (const v of receipt.vat)
    if (v.netMinor + v.vatMinor !== v.grossMinor) problems.push(`VAT row ${v.vatRate}: net and VAT do not add up to gross.`);
  return problems;
}
