import { z } from 'zod';
import { channel } from '../define';
import { receiptSchema } from '../../domain/receipt';
import { reportSchema } from '../../domain/report';
import { linkStatusSchema } from '../../domain/sale';

const saleId = z.string().min(1).max(64);
const isoDateTime = z.string().datetime({ offset: true });
/** A calendar date, `YYYY-MM-DD`: what the provider search's date filters are (Ecster marks them `(date)`). */
const isoDate = z.iso.date();

/** Something that can be printed or saved as PDF: the same page is drawn for screen, printer and PDF. */
export const printableSchema = z.discriminatedUnion('kind', [
  /**
   * With `refund`: that refund's receipt (credit note) instead of the sale's. `electronic`: the
   * receipt as e-mailed, which a Swedish till marks "Elektroniskt kassakvitto" (7 kap. 1 § 13 SKVFS 2014:9).
   */
  z.object({
    kind: z.literal('receipt'),
    id: saleId,
    copy: z.boolean().default(false),
    refund: z.number().int().positive().optional(),
    electronic: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('x-report'), upToSeq: z.number().int().nonnegative() }),
  /**
   * `copy`: a Z opened again from the list (a reprint). On a Swedish till main also makes every
   * printout after a Z's first a copy, marked KOPIA, and journals each.
   */
  z.object({ kind: z.literal('z-report'), number: z.number().int().positive(), copy: z.boolean().optional() }),
]);
export type Printable = z.infer<typeof printableSchema>;

export const providerSearchSchema = z.object({
  orderReference: z.string().trim().max(64).optional(),
  cellular: z.string().trim().max(32).optional(),
  email: z.string().trim().max(254).optional(),
  createdFrom: isoDate.optional(),
  status: z.string().trim().max(32).optional(),
  expiringBefore: isoDate.optional(),
  activeFrom: isoDate.optional(),
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ProviderSearchInput = z.input<typeof providerSearchSchema>;

export const linkSummarySchema = z.object({
  reference: z.string(),
  orderReference: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.string().nullable(),
  validTo: z.string().nullable(),
  providerStatus: z.string().nullable(),
  status: linkStatusSchema,
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** The local sale with this order reference, when this till made it. */
  localSaleId: z.string().nullable(),
});
export type LinkSummaryView = z.infer<typeof linkSummarySchema>;

export const verificationSchema = z.object({
  ok: z.boolean(),
  records: z.number().int().nonnegative(),
  firstBreakAt: z.number().int().positive().nullable(),
  problems: z.array(z.string()).max(100),
  /** The seals found, and the last record a good one covers (absent where the till does not seal). */
  seals: z.number().int().nonnegative().optional(),
  /** Whether the hash chain alone holds (so a failed check is the seals'). */
  chainOk: z.boolean().optional(),
  sealedThroughSeq: z.number().int().nonnegative().nullable().optional(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const zSummarySchema = z.object({
  number: z.number().int().positive(),
  fromAt: isoDateTime.nullable(),
  toAt: isoDateTime,
  salesCount: z.number().int().nonnegative(),
});

export const historyChannels = {
  'receipt:get': channel({
    summary:
      'The receipt of a paid sale as data (number from the journal), for the one receipt view; with `refund`, that refund’s receipt (credit note).',
    input: z.object({
      id: saleId,
      copy: z.boolean().default(false),
      refund: z.number().int().positive().optional(),
      /** The receipt as e-mailed: a Swedish receipt then says "Elektroniskt kassakvitto". */
      electronic: z.boolean().optional(),
    }),
    output: receiptSchema,
  }),
  'printout:print': channel({
    summary:
      'Print a receipt or report on the receipt printer from settings (the print dialog when none is set or it is missing); a receipt for a network ESC/POS printer is queued.',
    input: z.object({ document: printableSchema }),
    // `queued`: handed to the network printer's queue; it prints in the background.
    output: z.object({ printed: z.boolean(), printer: z.string().max(200), dialog: z.boolean(), queued: z.boolean().optional() }),
  }),
  'printout:pdf': channel({
    summary: 'Render a receipt or report to PDF; the renderer saves it as a download.',
    input: z.object({ document: printableSchema }),
    output: z.object({ fileName: z.string().max(200), base64: z.string().max(20 * 1024 * 1024) }),
  }),
  'report:x': channel({
    summary: 'An interim X report since the last Z (up to a journal position, so a reprint shows the same figures).',
    input: z.object({ upToSeq: z.number().int().nonnegative().optional() }),
    output: reportSchema,
  }),
  'report:z': channel({
    summary:
      'Close the day: a numbered Z report since the previous one; refused when nothing finished since, and while a sale is not final unless confirmOpenSales.',
    input: z.object({ confirmOpenSales: z.boolean().optional() }).optional(),
    output: reportSchema,
  }),
  'report:get': channel({
    summary: 'A stored Z report by number.',
    input: z.object({ number: z.number().int().positive() }),
    output: reportSchema,
  }),
  'report:list': channel({
    summary: 'The Z reports taken so far, newest first.',
    input: z.void(),
    output: z.array(zSummarySchema),
  }),
  'journal:export': channel({
    summary: 'The journal records of a date range as CSV or JSON for the bookkeeper, with a check of the whole hash chain.',
    input: z.object({ from: isoDateTime.optional(), to: isoDateTime.optional(), format: z.enum(['csv', 'json']) }),
    output: z.object({
      fileName: z.string().max(200),
      mimeType: z.string().max(100),
      text: z.string(),
      records: z.number().int().nonnegative(),
      verification: verificationSchema,
    }),
  }),
  'journal:exportMemory': channel({
    summary:
      "A Swedish till's journal memory for a date range as SKVFS 2021:16 XML: cart events, receipts, control codes, unfinished sales and Z reports in time order.",
    input: z.object({ from: isoDateTime.optional(), to: isoDateTime.optional() }),
    output: z.object({
      fileName: z.string().max(200),
      mimeType: z.string().max(100),
      text: z.string(),
      registrations: z.number().int().nonnegative(),
      damagedLines: z.number().int().nonnegative(),
    }),
  }),
  'history:searchProvider': channel({
    summary: 'Search the active provider for links (also those made on another till), with its filters and paging.',
    input: providerSearchSchema,
    output: z.object({ results: z.array(linkSummarySchema), offset: z.number().int(), limit: z.number().int() }),
  }),
} as const;
