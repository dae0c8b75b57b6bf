import { z } from 'zod';
import { paperWidthSchema } from '../../domain/receipt';
import { cupsPrinterPattern, printerHostPattern } from '../../domain/settings';
import { channel, event } from '../define';

/**
 * The network ESC/POS receipt printer (electron/services/printing/): its real-time condition,
 * the receipts waiting for it, and the settings' test page.
 */
export const printerConditionSchema = z.enum(['ready', 'paper-out', 'cover-open', 'offline', 'unreachable']);
export type PrinterConditionName = z.infer<typeof printerConditionSchema>;

export const printerStateSchema = z.object({
  kind: z.enum(['system', 'escpos-network', 'escpos-cups', 'escpos-virtual']),
  condition: printerConditionSchema,
  paperNearEnd: z.boolean(),
  /** Receipts waiting or printing. */
  queued: z.number().int().nonnegative(),
  /** The receipt logo chosen in Settings, in printer dots, or null when none is. */
  logo: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).nullable().default(null),
});
export type PrinterState = z.infer<typeof printerStateSchema>;

/**
 * One thing on a paper of the demo's virtual printer, top to bottom: a printed line (its weight,
 * size multipliers and alignment as the ESC/POS set them), or a picture (the raster logo, or a QR
 * code with its data) as a PNG data URL at its printed size in dots.
 */
export const paperPieceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string().max(1000),
    bold: z.boolean(),
    width: z.number().int().min(1).max(8),
    height: z.number().int().min(1).max(8),
    align: z.enum(['left', 'center', 'right']),
  }),
  z.object({
    kind: z.literal('image'),
    src: z.string().startsWith('data:image/png;base64,').max(1_000_000),
    width: z.number().int().positive().max(2048),
    height: z.number().int().positive().max(4096),
    /** A QR code's data, or null for a picture. */
    qr: z.string().max(1000).nullable(),
  }),
]);
export type PaperPiece = z.infer<typeof paperPieceSchema>;

export const paperSchema = z.object({
  pieces: z.array(paperPieceSchema).max(5000),
  /** Cut off (a whole receipt); false for the paper still on the roll. */
  cut: z.boolean(),
  printedAt: z.iso.datetime(),
});
export type Paper = z.infer<typeof paperSchema>;

export const printerChannels = {
  'printer:status': channel({
    summary: 'The receipt printer’s condition (paper out, cover open, offline) and how many receipts wait for it.',
    input: z.void(),
    output: printerStateSchema,
  }),
  'printer:testPage': channel({
    summary:
      'Print a test page once, not queued, on the ESC/POS printer in the settings form (not yet saved): a network printer, a CUPS queue in raw mode, or the demo’s virtual printer.',
    input: z.union([
      z.object({
        host: z.string().trim().min(1).max(253).regex(printerHostPattern),
        port: z.number().int().min(1).max(65535),
        paperWidthMm: paperWidthSchema,
        columns80: z.union([z.literal(42), z.literal(48)]),
      }),
      z.object({
        cupsPrinter: z.string().trim().regex(cupsPrinterPattern),
        paperWidthMm: paperWidthSchema,
        columns80: z.union([z.literal(42), z.literal(48)]),
      }),
      z.object({
        virtual: z.literal(true),
        paperWidthMm: paperWidthSchema,
        columns80: z.union([z.literal(42), z.literal(48)]),
      }),
    ]),
    output: z.object({ printed: z.boolean(), condition: printerConditionSchema }),
  }),
  'printer:osPrinters': channel({
    summary: 'The operating system’s printers a raw ESC/POS job can go to (CUPS: lpstat), and whether CUPS is there at all.',
    input: z.void(),
    output: z.object({
      available: z.boolean(),
      printers: z.array(z.object({ name: z.string().max(127), enabled: z.boolean() })).max(200),
    }),
  }),
  'printer:paperRoll': channel({
    summary:
      'What the demo’s virtual receipt printer has printed, oldest paper first (the newest kept), decoded from the ESC/POS it received.',
    input: z.void(),
    output: z.object({ papers: z.array(paperSchema).max(100) }),
  }),
  'printer:setLogo': channel({
    summary: 'Keep a PNG as the receipt logo (made to fit the paper), or remove it with null. Answers the printer state with the logo.',
    input: z.object({
      /** The PNG file's bytes in base64 (at most 2 MB of file). */
      pngBase64: z
        .string()
        .max(2_700_000)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/)
        .nullable(),
    }),
    output: printerStateSchema,
  }),
  'drawer:open': channel({
    summary:
      'Open the cash drawer without a sale (a manager’s "Open drawer"): journaled as a drawer opening with who asked, then kicked through the ESC/POS printer’s queue. Refused when no ESC/POS printer is set.',
    input: z.void(),
    output: z.object({ seq: z.number().int().positive() }),
  }),
} as const;

export const printerEvents = {
  'printer:changed': event({ summary: 'The receipt printer’s condition or queue changed.', payload: printerStateSchema }),
} as const;
