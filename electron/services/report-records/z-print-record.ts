import { z } from 'zod';
import { recordActorSchema } from './actor';

/**
 * A Swedish till's Z report was printed or saved as PDF (7 kap. 3 § SKVFS 2014:9: a Z report can be
 * reprinted only as a copy). The first printout of a Z is the original; every later one — and any
 * printout of a Z opened again from the list of earlier Z reports — is a copy, marked KOPIA. Journaled
 * (fsynced) before the printout is made, so each copy is on record (when, by whom) in the journal
 * memory and counted on the next report (the SKVFS 2021:16 export has no kind for a Z copy). It changes no sale: the sale machine passes
 * it over, as it passes over drawer openings. Its `saleId` is Z_PRINT_SALE_ID.
 */
export const Z_REPORT_PRINTED_RECORD_TYPE = 'z-report-printed';
export const Z_PRINT_SALE_ID = 'z-report';

export const zReportPrintedDataSchema = z.object({
  /** The Z report's number. */
  number: z.number().int().positive(),
  /** False only for the original (the Z's first printout). */
  copy: z.boolean(),
  /** On paper (the receipt printer or the print dialog) or as a PDF file. */
  output: z.enum(['print', 'pdf']),
  /** Who asked for it (absent on a till without staff). */
  by: recordActorSchema.optional(),
});
export type ZReportPrintedData = z.infer<typeof zReportPrintedDataSchema>;

/** The record's data when it is a Z report printout, else null. */
export function zPrintOf(record: { type: string; data: unknown }): ZReportPrintedData | null {
  if (record.type !== Z_REPORT_PRINTED_RECORD_TYPE) return null;
  const parsed = zReportPrintedDataSchema.safeParse(record.data);
  return parsed.success ? parsed.data : null;
}

/** A Z report copy (a reprint) among journal records. */
export const isZCopy = (record: { type: string; data: unknown }): boolean => zPrintOf(record)?.copy === true;
