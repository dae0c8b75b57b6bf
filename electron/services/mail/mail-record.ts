import { z } from 'zod';

/**
 * An e-mailed receipt, sent or not: a journal record of the sale it belongs to, so the owner can
 * see what was sent and what failed. The sale machine passes it over (it changes no sale), as it
 * passes over seals. The customer's address is kept only masked (`k•••@example.com`): enough to
 * tell two sends apart, not enough to mail anyone.
 */
export const RECEIPT_MAIL_RECORD_TYPE = 'receipt-mail';

export const receiptMailReasonSchema = z.enum(['not-configured', 'password-missing', 'connection', 'auth', 'rejected']);
export type ReceiptMailReason = z.infer<typeof receiptMailReasonSchema>;

/**
 * `by`: the member of staff who sent or retried it, from main's own session (none on a till without
 * staff, nor on records from before): optional, so old journals replay and old seals hold.
 */
const by = z.object({ id: z.string(), name: z.string() }).optional();

export const receiptMailDataSchema = z.discriminatedUnion('outcome', [
  z.object({ v: z.literal(1), outcome: z.literal('sent'), to: z.string().max(300), receiptNumber: z.number().int().positive(), by }),
  z.object({
    v: z.literal(1),
    by,
    outcome: z.literal('failed'),
    to: z.string().max(300),
    reason: receiptMailReasonSchema,
    /** The server's or library's own words (English), with no secret in them: for the owner. */
    detail: z.string().max(500),
  }),
]);
export type ReceiptMailData = z.infer<typeof receiptMailDataSchema>;

/** `kim@example.com` → `k•••@example.com`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}
