import { z } from 'zod';
import { recordActorSchema } from './actor';

/**
 * A Swedish till's journal was exported: the bookkeeper's export (CSV or JSON) or the journal-memory
 * export of SKVFS 2021:16. Journaled (fsynced) once the file is made and before it is handed over,
 * so every report taken out of the journal memory is itself on record; the journal-memory export
 * writes each as an `OvrigRapport` (its name, and the period as its search parameter). An export that
 * fails is not recorded: nothing left the till. It changes no sale: the sale machine passes it over.
 * Its `saleId` is JOURNAL_EXPORT_SALE_ID.
 */
export const JOURNAL_EXPORTED_RECORD_TYPE = 'journal-exported';
export const JOURNAL_EXPORT_SALE_ID = 'journal-export';

export const journalExportedDataSchema = z.object({
  /** Which export: the bookkeeper's CSV or JSON, or SKVFS 2021:16's XML. */
  format: z.enum(['csv', 'json', 'skvfs-2021-16']),
  /** The period chosen (ISO times; absent: from the first record, or up to the export). */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  /** Who exported (absent on a till without staff). */
  by: recordActorSchema.optional(),
});
export type JournalExportedData = z.infer<typeof journalExportedDataSchema>;

/** The record's data when it is a journal export, else null. */
export function journalExportOf(record: { type: string; data: unknown }): JournalExportedData | null {
  if (record.type !== JOURNAL_EXPORTED_RECORD_TYPE) return null;
  const parsed = journalExportedDataSchema.safeParse(record.data);
  return parsed.success ? parsed.data : null;
}
