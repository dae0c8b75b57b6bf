import { z } from 'zod';
import type { Receipt } from './receipt';

/**
 * Swedish cash-register rules (SKVFS 2014:9, 2016:1): the organisation number, the till's
 * designation and the control unit's answer on every receipt. Sources and what was read:
 * README "Swedish cash-register rules". Pure: no Node, no DOM.
 */

/** The ten digits of a Swedish organisation (or personal) number, or null when it is not one. */
export function organisationNumberDigits(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  // A twelve-digit form (century first, 16 for legal persons, 19/20 for people) is the same number.
  const ten = digits.length === 12 && /^(16|19|20)/.test(digits) ? digits.slice(2) : digits;
  return ten.length === 10 ? ten : null;
}

/** Luhn over the ten digits: what Bolagsverket's and Skatteverket's numbers all satisfy. */
export function isSwedishOrganisationNumber(text: string): boolean {
  const digits = organisationNumberDigits(text);
  if (digits === null) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(digits[i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `5560360793` → `556036-0793`, the form printed on receipts. */
export function formatOrganisationNumber(text: string): string {
  const digits = organisationNumberDigits(text);
  return digits ? `${digits.slice(0, 6)}-${digits.slice(6)}` : text;
}

/**
 * The till's model designation (modellbeteckning), as the manufacturer's declaration names it. The
 * letters "SE" must be in it (4 kap. 6 § SKVFS 2014:9): it is shown beside the till designation in
 * Settings and heads the journal-memory export.
 */
export const TILL_MODEL_DESIGNATION = 'LinkPOS SE';

export const controlUnitKinds = ['simulated', 'efsta'] as const;
export const controlUnitKindSchema = z.enum(controlUnitKinds);
export type ControlUnitKind = z.infer<typeof controlUnitKindSchema>;

/**
 * What a receipt is to the control unit (kvittotyp). A copy and a training receipt are signed as
 * such; a return (refund) receipt is signed with its negative amounts.
 */
export const fiscalReceiptKindSchema = z.enum(['normal', 'copy', 'training', 'refund']);
export type FiscalReceiptKind = z.infer<typeof fiscalReceiptKindSchema>;

/** The control unit's answer as printed: its serial (tillverkningsnummer) and the receipt's control code. */
export const controlUnitSignatureSchema = z.object({
  serial: z.string().min(1).max(64),
  code: z.string().min(1).max(200),
});
export type ControlUnitSignature = z.infer<typeof controlUnitSignatureSchema>;

/**
 * The Swedish part of a receipt: the till designation (kassabeteckning) and the control unit's
 * answer, or `waiting` while the unit has not answered (the slip then says so and is not handed
 * over as a receipt). `electronic` is set on the e-mailed copy ("elektroniskt kassakvitto").
 */
export const receiptFiscalSchema = z.object({
  organisationNumber: z.string().max(11),
  tillDesignation: z.string().max(40),
  controlUnit: z.discriminatedUnion('state', [
    z.object({
      state: z.literal('signed'),
      serial: z.string().max(64),
      code: z.string().max(200),
      /** Signed by a unit that is not certified (the simulated one): the receipt is marked ÖVNING. */
      training: z.boolean(),
    }),
    z.object({ state: z.literal('waiting') }),
  ]),
  electronic: z.boolean().default(false),
});
export type ReceiptFiscal = z.infer<typeof receiptFiscalSchema>;

/**
 * What the till sends the control unit for one receipt: the fields the receipt is signed over. The
 * key is the receipt's identity (series, number and kind), so a receipt is signed once however
 * often it is asked for.
 */
export const controlUnitRequestSchema = z.object({
  key: z.string().min(1).max(80),
  kind: fiscalReceiptKindSchema,
  organisationNumber: z.string().regex(/^\d{10}$/),
  tillDesignation: z.string().min(1).max(40),
  /** Receipt date and time (ISO, with offset). */
  at: z.string().datetime({ offset: true }),
  receiptNumber: z.number().int().positive(),
  currency: z.string().length(3),
  totalMinor: z.number().int(),
  /** VAT per rate (rate in basis points → VAT in minor units), as on the receipt. */
  vat: z.array(z.object({ vatRate: z.number().int().min(0), vatMinor: z.number().int(), grossMinor: z.number().int() })),
  /**
   * Lines as printed: name, quantity in thousandths, amount (after every discount), and the line's
   * share of the discount on the whole cart within that amount (absent: none, or a request from
   * before it was kept). The receipt-level discount is the sum of the shares.
   */
  lines: z.array(
    z.object({
      name: z.string().max(200),
      quantityMilli: z.number().int(),
      totalMinor: z.number().int(),
      vatRate: z.number().int().min(0),
      cartDiscountMinor: z.number().int().positive().optional(),
    }),
  ),
  paymentMeans: z.string().max(60),
  /** Cash taken at the counter (other tenders); absent: an electronic payment, which Skatteverket counts as card. */
  paymentGroup: z.enum(['cash', 'card']).optional(),
});
export type ControlUnitRequest = z.infer<typeof controlUnitRequestSchema>;

/** The key a receipt is signed under: one per receipt and kind, never reused. */
export function fiscalKey(receipt: Pick<Receipt, 'receipt' | 'refund'>, kind: FiscalReceiptKind): string {
  const series = receipt.refund ? `refund-${receipt.receipt.series}` : receipt.receipt.series;
  return `${series}:${receipt.receipt.number}:${kind === 'copy' ? 'copy' : 'original'}`;
}

/** The kind a receipt is signed as. */
/** The key of the receipt itself (not its copy): what says a receipt went to the unit at all. */
export function originalFiscalKey(receipt: Pick<Receipt, 'receipt' | 'refund'>): string {
  return fiscalKey(receipt, receipt.refund ? 'refund' : 'normal');
}

export function fiscalKindOf(receipt: Pick<Receipt, 'training' | 'copy' | 'refund'>): FiscalReceiptKind {
  if (receipt.copy) return 'copy';
  if (receipt.training) return 'training';
  if (receipt.refund) return 'refund';
  return 'normal';
}

/** The request for one receipt, from the receipt as built (amounts copied, never recomputed). */
export function controlUnitRequest(receipt: Receipt, context: { organisationNumber: string; tillDesignation: string }): ControlUnitRequest {
  const kind = fiscalKindOf(receipt);
  const organisationNumber = organisationNumberDigits(context.organisationNumber) ?? '';
  return {
    key: fiscalKey(receipt, kind),
    kind,
    organisationNumber,
    tillDesignation: context.tillDesignation,
    at: receipt.receipt.paidAt,
    receiptNumber: receipt.receipt.number,
    currency: receipt.currency,
    totalMinor: receipt.totalMinor,
    vat: receipt.vat.map((v) => ({ vatRate: v.vatRate, vatMinor: v.vatMinor, grossMinor: v.grossMinor })),
    lines: receipt.lines.map((l) => ({
      name: l.name,
      quantityMilli: l.quantityMilli,
      totalMinor: l.totalMinor,
      vatRate: l.vatRate,
      ...(l.cartDiscountMinor ? { cartDiscountMinor: l.cartDiscountMinor } : {}),
    })),
    paymentMeans: tenderMeans(receipt) ?? receipt.payment.method ?? receipt.payment.providerName,
    ...(receipt.payment.tender?.kind === 'cash' ? { paymentGroup: 'cash' as const } : {}),
  };
}

/** A sale paid another way names its tender (in Swedish: this request is for a Swedish control unit). */
function tenderMeans(receipt: Receipt): string | null {
  const tender = receipt.payment.tender;
  if (!tender) return null;
  return tender.kind === 'cash' ? 'Kontant' : `Kortterminal ${tender.reference}`.slice(0, 60);
}
