import { z } from 'zod';
import { isEncodableLinkUrl } from '../../../../shared/domain/link-url';

/**
 * Straumur Payment Links (Checkout API) wire shapes. Responses are parsed leniently where the
 * documentation is vague (unknown extra fields are dropped, documented nullables accepted) but every
 * field we act on is typed. Trailing commas, which the docs' own examples contain, are NOT accepted:
 * that is a documentation slip, and a JSON parser that forgave it would also forgive a cut-off answer. Requests are built by mapping.ts and typed here so the sandbox and the
 * client agree on one shape.
 */

const minor = z.number().int().safe();
const timestamp = z.iso.datetime({ offset: true });

/**
 * The link URL becomes a QR code a customer's phone opens: the same rule the renderer applies
 * before drawing it (https, or http only from the loopback sandbox), so a URL the till would refuse
 * to show is refused here, as an unreadable answer, and never becomes a live sale's link.
 */
export function isPayableUrl(raw: string): boolean {
  return isEncodableLinkUrl(raw);
}
const payableUrl = z.string().max(2000).refine(isPayableUrl, { message: 'The link URL must be https' });

/** Every answer, success or error, carries these (providers.md 2.1). */
export const envelopeSchema = z.object({
  responseDateTime: z.string().optional(),
  responseIdentifier: z.string().optional(),
});

/**
 * POST paymentlinks/disable: the docs show no answer body and its HTTP status is undocumented
 * (providers.md 4, Straumur 4). An envelope, an empty 200 or a 204 all mean the link is disabled.
 */
export const disableResponseSchema = envelopeSchema.optional();

export interface StraumurItem {
  name: string;
  quantity: number;
  unitPrice: number;
  amountWithoutDiscount: number;
  amount: number;
}

export type StraumurCulture = 'is' | 'en';

export interface CreateLinkBody {
  type: 'PayByLink';
  terminalIdentifier: string;
  amount: number;
  currency: string;
  items: StraumurItem[];
  exactSalesCount: 1;
  /** UTC `yyyy-MM-ddTHH:mm:ss.fffZ`. */
  expiresAt: string;
  culture: StraumurCulture;
  description: string;
  returnUrl?: string;
  themeKey?: string;
}

export const createResponseSchema = envelopeSchema.extend({
  paymentLinkReference: z.string().min(1).max(100),
  url: payableUrl,
});
export type CreateResponse = z.infer<typeof createResponseSchema>;

export const itemSchema = z.object({
  name: z.string(),
  quantity: z.number(),
  amountWithoutDiscount: minor.nullable().optional(),
  amount: minor,
  unitPrice: minor.nullable().optional(),
});

export const shopperInfoSchema = z.object({
  field: z.string(),
  requirementType: z.string(),
  prefilledValue: z.string().nullable().optional(),
});

export const submissionSchema = z.object({
  answers: z.array(z.object({ field: z.string(), value: z.string().nullable() })).default([]),
  completed: z.boolean(),
  amount: minor,
  currency: z.string(),
  token: z.string().nullable().optional(),
});

/** GET paymentlinks/{reference} → paymentLink (S-PL-GET). */
export const paymentLinkSchema = z.object({
  // The docs' own example is 8 characters although create demands 12: accept what comes back.
  terminalIdentifier: z.string(),
  paymentLinkReference: z.string().min(1).max(100),
  themeKey: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  amount: minor,
  currency: z.string(),
  returnUrl: z.string().nullable().optional(),
  // A string, not an enum: the full status list is undocumented and new values must not fail parsing.
  status: z.string(),
  culture: z.string().nullable().optional(),
  type: z.string(),
  url: payableUrl,
  createdAt: timestamp,
  validUntil: timestamp.nullable().optional(),
  recurringProcessingModel: z.string().nullable().optional(),
  visitCount: z.number().int().min(0),
  salesCount: z.number().int().min(0),
  maxSalesCount: z.number().int().nullable().optional(),
  items: z.array(itemSchema).default([]),
  shopperInfo: z.array(shopperInfoSchema).default([]),
  submissions: z.array(submissionSchema).default([]),
});
export type StraumurPaymentLink = z.infer<typeof paymentLinkSchema>;

export const getResponseSchema = envelopeSchema.extend({ paymentLink: paymentLinkSchema });

export const linkSummarySchema = z.object({
  paymentLinkReference: z.string().min(1).max(100),
  description: z.string().nullable().optional(),
  amount: minor.nullable().optional(),
  currency: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  createdAt: z.string().nullable().optional(),
});
export type StraumurLinkSummary = z.infer<typeof linkSummarySchema>;

/**
 * GET paymentlinks?page=&pageSize=. providers.md only says it "returns the summary objects … plus
 * totalCount" without naming the array's field. We read it as an object holding the list and
 * `totalCount`, and accept the three names such APIs use (`paymentLinks`, mirroring GET's
 * `paymentLink`; `items`; `data`) or a bare array, normalised to one shape.
 */
const summaries = z.array(linkSummarySchema);
export const listResponseSchema = z
  .union([
    summaries,
    envelopeSchema.extend({
      paymentLinks: summaries.optional(),
      items: summaries.optional(),
      data: summaries.optional(),
      totalCount: z.number().int().min(0).nullable().optional(),
    }),
  ])
  .transform((raw, ctx) => {
    if (Array.isArray(raw)) return { links: raw, totalCount: null };
    const links = raw.paymentLinks ?? raw.items ?? raw.data;
    if (!links) {
      ctx.addIssue({ code: 'custom', message: 'The list answer holds no array of payment links' });
      return z.NEVER;
    }
    return { links, totalCount: raw.totalCount ?? null };
  });
export type ListResponse = z.infer<typeof listResponseSchema>;

/** Error body (providers.md 2.7): `{errorMessage, errorCode, responseIdentifier}`. */
export const errorBodySchema = z.object({
  errorMessage: z.string().optional(),
  errorCode: z.union([z.number().int(), z.string()]).optional(),
  responseIdentifier: z.string().optional(),
});
