import { z } from 'zod';
import { currencySchema, minorSchema, nonNegativeMinorSchema } from './money';

/**
 * Wire and storage shapes shared by the renderer, the main process and the journal.
 * Domain functions (cart math, VAT, GTIN) live beside this file and work on these types.
 */

/** VAT rate in basis points of a percent: 2500 = 25 %, 2550 = 25.5 %. */
export const vatRateSchema = z.number().int().min(0).max(10_000);
export type VatRate = z.infer<typeof vatRateSchema>;

/**
 * Goods or a service (a Swedish X/Z report counts them apart: "antal varor", "antal tjänster",
 * 7 kap. 2 § SKVFS 2014:9). Everything from before the field is goods.
 */
export const articleKinds = ['goods', 'service'] as const;
export const articleKindSchema = z.enum(articleKinds);
export type ArticleKind = z.infer<typeof articleKindSchema>;

/** The main group (huvudgrupp / varugrupp) a report's sales per group are summed by; '' is no group. */
export const articleGroupSchema = z.string().max(60);

/** A product's or line's kind: goods unless it says service. */
export const kindOf = (item: { kind?: ArticleKind | undefined }): ArticleKind => item.kind ?? 'goods';
/** A product's or line's main group: '' (no group) when it has none. */
export const groupOf = (item: { group?: string | undefined }): string => item.group?.trim() ?? '';

export const productSchema = z.object({
  barcode: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** Price per unit (or per kg when `weighed`), VAT included, in minor units. */
  priceMinor: nonNegativeMinorSchema,
  vatRate: vatRateSchema,
  unit: z.string().max(16).default('st'),
  partNumber: z.string().max(64).default(''),
  weighed: z.boolean().default(false),
  /** Absent: goods (`kindOf`). Optional rather than defaulted, so every product literal still type-checks. */
  kind: articleKindSchema.optional(),
  /** Absent: no group (`groupOf`). */
  group: articleGroupSchema.optional(),
});
export type Product = z.infer<typeof productSchema>;

/** A discount typed by the clerk: an amount in minor units or a percentage in basis points. */
export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), minor: nonNegativeMinorSchema }),
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(0).max(10_000) }),
]);
export type Discount = z.infer<typeof discountSchema>;

/**
 * Quantity in thousandths: 1000 = one piece, 345 = 0.345 kg. Pieces are always whole (multiples of
 * 1000); weighed goods carry three decimals. Integers keep the arithmetic exact.
 */
export const quantityMilliSchema = z.number().int().min(1).max(1_000_000_000);

export const cartLineSchema = z.object({
  id: z.string().min(1).max(64),
  barcode: z.string().max(64).default(''),
  name: z.string().min(1).max(200),
  unitPriceMinor: nonNegativeMinorSchema,
  vatRate: vatRateSchema,
  quantityMilli: quantityMilliSchema,
  weighed: z.boolean().default(false),
  unit: z.string().max(16).default('st'),
  partNumber: z.string().max(64).default(''),
  discount: discountSchema.nullable().default(null),
  /** A custom item typed by the clerk rather than scanned from the catalog. */
  custom: z.boolean().default(false),
  /**
   * Goods or a service, and the main group: from the catalog (a custom item: goods, no group).
   * Absent in every line from before them, which counts as goods of no group (`kindOf`, `groupOf`).
   */
  kind: articleKindSchema.optional(),
  group: articleGroupSchema.optional(),
  /**
   * The unit price the line had before the clerk changed it by hand (the catalog's, or a price
   * label's): present only on a re-priced line (`setUnitPrice`). Counted with the discounts for
   * manager approval, shown struck through, and counted by a
   * Swedish report as a reduction ("andra nedsättningar") when lowered.
   */
  priceBeforeChangeMinor: nonNegativeMinorSchema.optional(),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const cartSchema = z.object({
  currency: currencySchema,
  lines: z.array(cartLineSchema).max(500),
  discount: discountSchema.nullable().default(null),
});
export type Cart = z.infer<typeof cartSchema>;

/** What a cart costs, computed by shared/domain/cart.ts; the journal stores it frozen with the sale. */
export const vatBreakdownSchema = z.object({
  vatRate: vatRateSchema,
  grossMinor: minorSchema,
  netMinor: minorSchema,
  vatMinor: minorSchema,
});
export type VatBreakdown = z.infer<typeof vatBreakdownSchema>;

export const pricedLineSchema = cartLineSchema.extend({
  /** unit price × quantity, before any discount. */
  grossBeforeDiscountMinor: minorSchema,
  /** The line's own discount plus its share of the cart discount. */
  discountMinor: minorSchema,
  totalMinor: minorSchema,
});
export type PricedLine = z.infer<typeof pricedLineSchema>;

export const cartTotalsSchema = z.object({
  currency: currencySchema,
  lines: z.array(pricedLineSchema),
  subtotalMinor: minorSchema,
  discountMinor: minorSchema,
  totalMinor: minorSchema,
  vat: z.array(vatBreakdownSchema),
  vatTotalMinor: minorSchema,
});
export type CartTotals = z.infer<typeof cartTotalsSchema>;
