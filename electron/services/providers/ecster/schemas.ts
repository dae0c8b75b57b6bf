import { z } from 'zod';

/**
 * Ecster Pay Link wire shapes (REST public v1). Request schemas describe what we send and accept
 * the documented example; response schemas are tolerant (Ecster echoes what it was given, and the
 * documented example has a scheme-less notificationUrl and a date-only `created`).
 */

export const ecsterVatRates = [0, 600, 1200, 2500] as const;

const amount = z.number().int().safe();

export const ecsterRowSchema = z.object({
  partNumber: z.string().max(32).optional(),
  name: z.string().min(1).max(200),
  description: z.string().max(200).optional(),
  /** Ecster accepts decimals (1.0 in the docs); LinkPOS only ever sends whole numbers. */
  quantity: z.number().positive(),
  /** Per unit, VAT included, minor units. */
  unitAmount: amount,
  unit: z.string().max(16).optional(),
  /** Basis points: 2500 = 25 %. */
  vatRate: z.number().int().min(0).max(10_000),
  /** For the whole row, not per unit. */
  discountAmount: amount.min(0),
  serials: z.array(z.string()).optional(),
});
export type EcsterRow = z.infer<typeof ecsterRowSchema>;

export const ecsterCellularSchema = z.object({ number: z.string(), country: z.string() });

export const ecsterConsumerSchema = z.object({
  name: z.object({ firstName: z.string().optional(), lastName: z.string().optional(), title: z.string().optional() }).optional(),
  address: z
    .object({
      line1: z.string().optional(),
      line2: z.string().optional(),
      zip: z.string().optional(),
      city: z.string().optional(),
      country: z.string().optional(),
    })
    .optional(),
  contactInfo: z.object({ email: z.string().optional(), cellular: ecsterCellularSchema.optional() }).optional(),
});

export const ecsterCreateRequestSchema = z.object({
  locale: z.object({ language: z.string().length(2), country: z.string().length(2) }),
  parameters: z.object({
    sendLink: z.boolean(),
    inPerson: z.boolean(),
    /** The seed's form: local time, whole seconds, offset (`2019-10-30T11:05:01+01:00`). */
    validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
    shopTermsUrl: z.string().optional(),
    returnUrl: z.string().optional(),
    defaultDeliveryCountry: z.string().optional(),
  }),
  deliveryMethods: z
    .array(
      z.object({ id: z.string(), name: z.string(), description: z.string().optional(), price: amount, selected: z.boolean().optional() }),
    )
    .optional(),
  cart: z.object({
    amount,
    currency: z.string().length(3),
    message: z.string().max(500).optional(),
    rows: z.array(ecsterRowSchema).min(1),
  }),
  orderReference: z.string().min(1).max(22),
  consumer: ecsterConsumerSchema.optional(),
  notificationUrl: z.string().optional(),
  platform: z.object({ reference: z.string(), info: z.string().optional() }).optional(),
  tags: z.array(z.string()).optional(),
});
export type EcsterCreateRequest = z.infer<typeof ecsterCreateRequestSchema>;

/** The echo: everything optional except what LinkPOS needs to show the QR code. */
export const ecsterPaymentLinkSchema = z.looseObject({
  key: z.string().min(1).max(100),
  payLinkUrl: z.string().min(1).max(2000),
  orderReference: z.string().optional(),
  parameters: z.looseObject({ validTo: z.string().optional() }).optional(),
  cart: z.looseObject({ amount: amount.optional(), currency: z.string().optional() }).optional(),
  notificationUrl: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
export const ecsterLinkResponseSchema = z.object({ paymentLink: ecsterPaymentLinkSchema });
export type EcsterLinkResponse = z.infer<typeof ecsterLinkResponseSchema>;

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

export const ecsterSearchEntrySchema = z.looseObject({
  key: z.string().min(1).max(100),
  orderReference: nullableString,
  /** Seen as a bare date with offset, e.g. "2019-08-12+02:00". */
  created: nullableString,
  validTo: nullableString,
  status: nullableString,
  cellular: z
    .union([z.string(), ecsterCellularSchema.transform((c) => `${c.country}${c.number}`)])
    .nullish()
    .transform((v) => v ?? null),
  email: nullableString,
  amount: amount.nullish().transform((v) => v ?? null),
  currency: nullableString,
});
export type EcsterSearchEntry = z.infer<typeof ecsterSearchEntrySchema>;
export const ecsterSearchResponseSchema = z.array(ecsterSearchEntrySchema);

export const ecsterErrorBodySchema = z.looseObject({
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
});

/**
 * An order (GET /v1/orders/{id}, providers.md §1.9). Tolerant like the other answers: only what
 * decides whether the sale is paid is required.
 */
export const ecsterOrderTransactionSchema = z.looseObject({
  id: z.string().min(1).max(100),
  type: z.string(),
  created: nullableString,
  amount: amount.nullish().transform((v) => v ?? null),
  transactionReference: nullableString,
});
export const ecsterOrderSchema = z.looseObject({
  id: z.string().min(1).max(100),
  status: z.string(),
  properties: z
    .looseObject({
      method: nullableString,
      submethod: nullableString,
      /** Minor units, added by Ecster on top of the merchant's cart (invoice only). */
      invoiceFee: amount
        .min(0)
        .nullish()
        .transform((v) => v ?? null),
    })
    .nullish()
    .transform((v) => v ?? { method: null, submethod: null, invoiceFee: null }),
  created: nullableString,
  amount,
  currency: z.string().length(3),
  debitedAmount: amount.nullish().transform((v) => v ?? 0),
  creditedAmount: amount.nullish().transform((v) => v ?? 0),
  orderReference: nullableString,
  transactions: z
    .array(ecsterOrderTransactionSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type EcsterOrder = z.infer<typeof ecsterOrderSchema>;

/** Order search: documented as a paginated array; a wrapped page (`{orders: [...]}`) is read too. */
export const ecsterOrderSearchSchema = z.union([
  z.array(ecsterOrderSchema),
  z.looseObject({ orders: z.array(ecsterOrderSchema) }).transform((page) => page.orders),
]);

/** POST /v1/orders/{id}/transactions (§1.10). */
export const ecsterTransactionRequestSchema = z.object({
  type: z.enum(['DEBIT', 'CREDIT', 'ANNUL']),
  amount: amount.positive(),
  transactionReference: z.string().min(1).max(64).optional(),
  debitTransaction: z.string().optional(),
  closeDebit: z.boolean().optional(),
  message: z.string().optional(),
});
export type EcsterTransactionRequest = z.infer<typeof ecsterTransactionRequestSchema>;

export const ecsterTransactionResponseSchema = z.looseObject({
  orderStatus: z.string(),
  transaction: ecsterOrderTransactionSchema,
});
export type EcsterTransactionResponse = z.infer<typeof ecsterTransactionResponseSchema>;

/** POST /v1/orders/{id}/refunds (§1.10, Swish): the Swish debit given back. */
export const ecsterSwishRefundRequestSchema = z.object({
  amount: amount.positive(),
  debitTransaction: z.string().min(1),
  message: z.string().optional(),
});
export type EcsterSwishRefundRequest = z.infer<typeof ecsterSwishRefundRequestSchema>;

/** GET /v1/orders/{id}/refunds/latest/status: `ONGOING` (poll again), `SUCCESS`, or anything else (failed). */
export const ecsterSwishRefundStatusSchema = z.looseObject({ status: z.string().min(1) });
export type EcsterSwishRefundStatus = z.infer<typeof ecsterSwishRefundStatusSchema>;
