import { z } from 'zod';
import { paperWidthSchema } from '../../domain/receipt';
import { printerHostPattern } from '../../domain/settings';
import { channel, event } from '../define';

/**
 * The network ESC/POS receipt printer (electron/services/printing/): its real-time condition,
 * the receipts waiting for it, and the settings' test page.
 */
export const printerConditionSchema = z.enum(['ready', 'paper-out', 'cover-open', 'offline', 'unreachable']);
export type PrinterConditionName = z.infer<typeof printerConditionSchema>;

export const printerStateSchema = z.object({
  kind: z.enum(['system', 'escpos-network']),
  condition: printerConditionSchema,
  paperNearEnd: z.boolean(),
  /** Receipts waiting or printing. */
  queued: z.number().int().nonnegative(),
});
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printerChannels = {
  'printer:status': channel({
    summary: 'The receipt printer’s condition (paper out, cover open, offline) and how many receipts wait for it.',
    input: z.void(),
    output: printerStateSchema,
  }),
  'printer:testPage': channel({
    summary: 'Print a test page on the network ESC/POS printer in the settings form (not yet saved), once, not queued.',
    input: z.object({
      host: z.string().trim().min(1).max(253).regex(printerHostPattern),
      port: z.number().int().min(1).max(65535),
      paperWidthMm: paperWidthSchema,
      columns80: z.union([z.literal(42), z.literal(48)]),
    }),
    output: z.object({ printed: z.boolean(), condition: printerConditionSchema }),
  }),
} as const;

export const printerEvents = {
  'printer:changed': event({ summary: 'The receipt printer’s condition or queue changed.', payload: printerStateSchema }),
} as const;
