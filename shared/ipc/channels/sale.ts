import { z } from 'zod';
import { channel, event } from '../define';
import { cartSchema } from '../../domain/schemas';
import { saleStateSchema, saleViewSchema } from '../../domain/sale';
import { REFUND_REASON_MAX, refundLineRequestSchema } from '../../domain/refund';
import { tenderInputSchema } from '../../domain/tender';

const saleIdInput = z.object({ id: z.string().min(1).max(64) });

export const contactSchema = z.union([
  z.object({ kind: z.literal('email'), email: z.string().email().max(254) }),
  z.object({
    kind: z.literal('cellular'),
    /** Country calling code with +, e.g. +46. */
    country: z.string().regex(/^\+\d{1,4}$/),
    number: z.string().regex(/^\d{4,15}$/),
  }),
]);
export type Contact = z.infer<typeof contactSchema>;

export const saleChannels = {
  'sale:charge': channel({
    summary:
      'Freeze the cart, journal a new sale and create its payment link. While another sale is live it answers that sale instead of creating a second link.',
    input: z.object({ cart: cartSchema }),
    output: saleViewSchema,
  }),
  'sale:current': channel({
    summary: 'The live (unfinished) sale, if any, so a reloaded window picks it up.',
    input: z.void(),
    output: saleViewSchema.nullable(),
  }),
  'sale:get': channel({ summary: 'One sale by id.', input: saleIdInput, output: saleViewSchema }),
  'sale:checkNow': channel({
    summary: 'Poll the provider for this sale at once.',
    input: saleIdInput,
    output: saleViewSchema,
  }),
  'sale:cancel': channel({
    summary: 'Cancel the link at the provider (Ecster delete, Straumur disable).',
    input: saleIdInput,
    output: saleViewSchema,
  }),
  'sale:updateCart': channel({
    summary:
      'Change the cart of a live sale: updated in place where the provider can, otherwise (with confirmReplace) the old link is cancelled and a new one created.',
    input: saleIdInput.extend({ cart: cartSchema, confirmReplace: z.boolean().default(false) }),
    output: saleViewSchema,
  }),
  'sale:sendLink': channel({
    summary: 'Ask the provider to send the link to the customer by SMS or e-mail.',
    input: saleIdInput.extend({ contact: contactSchema }),
    output: saleViewSchema,
  }),
  'sale:confirmRecreate': channel({
    summary:
      'For a sale whose create had an unknown outcome and no link was found at the provider: the clerk confirms creating a new link.',
    input: saleIdInput,
    output: saleViewSchema,
  }),
  'sale:payOtherwise': channel({
    summary:
      'Take payment another way (cash with change, or an external card terminal with its reference) for the cart of a sale no link can still pay: a new sale, paid, with the tender. Refused when the merchant has not allowed it, while a link for the cart may still be paid, or when the cash given is short.',
    input: saleIdInput.extend({ tender: tenderInputSchema }),
    output: saleViewSchema,
  }),
  'sale:resolve': channel({
    summary: 'A person has dealt with a needs-attention sale; record their note.',
    input: saleIdInput.extend({ note: z.string().min(1).max(500) }),
    output: saleViewSchema,
  }),
  'sale:refund': channel({
    summary:
      'Refund a paid sale, whole or line by line (quantities), with a reason. `refundNumber` is the number the clerk’s screen expects the refund to get: the same number twice makes one refund.',
    input: saleIdInput.extend({
      refundNumber: z.number().int().positive().max(1000),
      lines: z.array(refundLineRequestSchema).min(1).max(500),
      reason: z.string().max(REFUND_REASON_MAX),
    }),
    output: saleViewSchema,
  }),
  'sale:markRefund': channel({
    summary: 'A person says a refund waiting for them (recorded for the provider’s portal, or needing attention) was made, or was not.',
    input: saleIdInput.extend({ refundNumber: z.number().int().positive().max(1000), done: z.boolean() }),
    output: saleViewSchema,
  }),
  'sale:demoCustomer': channel({
    summary:
      "Demo mode only: act as the customer (pay or decline) on a demo sale's sandbox page, for trying LinkPOS alone at the till — the QR code's loopback address is out of a phone's reach.",
    input: saleIdInput.extend({ action: z.enum(['pay', 'decline']) }),
    output: saleViewSchema,
  }),
  'sale:list': channel({
    summary: 'Sales from the journal, newest first, needs-attention on top.',
    input: z.object({
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
      states: z.array(saleStateSchema).optional(),
      minAmountMinor: z.number().int().optional(),
      maxAmountMinor: z.number().int().optional(),
      /** Only the sales this member of staff charged (the sale's `clerk`). */
      clerkId: z.string().min(1).max(60).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.array(saleViewSchema),
  }),
} as const;

export const saleEvents = {
  'sale:changed': event({
    summary: 'A sale moved to a new state (already in the journal when this is sent).',
    payload: saleViewSchema,
  }),
} as const;
