import { z } from 'zod';
import { recordActorSchema } from './actor';

/**
 * A Swedish till's X report was printed or saved as PDF. Journaled (fsynced) before the printout is
 * made, so the journal-memory export (SKVFS 2021:16, `XDagrapport`) holds every X report that left
 * the till. The report itself is not kept: its figures are recomputed from `upToSeq` (the journal up
 * to that record, from the Z before it), as the printout was made. It changes no sale: the sale
 * machine passes it over, as it passes over Z printouts. Its `saleId` is X_PRINT_SALE_ID.
 */
export const X_REPORT_PRINTED_RECORD_TYPE = 'x-report-printed';
export const X_PRINT_SALE_ID = 'x-report';

export const xReportPrintedDataSchema = z.object({
  /** The last journal record the X report counts (its period ends there). */
  upToSeq: z.number().int().nonnegative(),
  /** On paper (the receipt printer or the print dialog) or as a PDF file. */
  output: z.enum(['print', 'pdf']),
  /** Who asked for it (absent on a till without staff). */
  by: recordActorSchema.optional(),
});
export type XReportPrintedData = z.infer<typeof xReportPrintedDataSchema>;

/** The record's data when it is an X report printout, else null. */
export function xPrintOf(record: { type: string; data: unknown }): XReportPrintedData | null {
  if (record.type !== X_REPORT_PRINTED_RECORD_TYPE) return null;
  const parsed = xReportPrintedDataSchema.safeParse(record.data);
  return parsed.success ? parsed.data : null;
}
