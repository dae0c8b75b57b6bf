import { z } from 'zod';
import { channel } from '../define';

/**
 * E-mailed receipts (electron/services/mail/): the SMTP password (write-only: the renderer is told
 * only whether one is kept, and how) and sending a paid sale's receipt to the customer's address.
 * The host, port, security, user and sender are ordinary settings (`smtp` in settings:save).
 */
export const mailStatusSchema = z.object({
  /** An SMTP server is set: the clerk is offered "E-mail receipt". */
  configured: z.boolean(),
  password: z.object({
    state: z.enum(['missing', 'configured', 'needs-reentry']),
    storage: z.enum(['encrypted', 'memory-only', 'none']),
  }),
});
export type MailStatus = z.infer<typeof mailStatusSchema>;

export const mailChannels = {
  'mail:status': channel({
    summary: 'Whether e-mailed receipts are set up, and whether the SMTP password is kept (never the password).',
    input: z.void(),
    output: mailStatusSchema,
  }),
  'mail:setPassword': channel({
    summary: 'Store the SMTP password, encrypted (write-only; null forgets it).',
    input: z.object({ password: z.string().min(1).max(500).nullable() }),
    output: mailStatusSchema,
  }),
  'mail:sendReceipt': channel({
    summary: 'E-mail a paid sale’s receipt (PDF and plain text) to the customer; journaled, sent or failed. Never retried on its own.',
    input: z.object({ saleId: z.string().min(1).max(64), address: z.string().trim().min(1).max(254) }),
    output: z.object({ sent: z.literal(true) }),
  }),
} as const;
