import Papa from 'papaparse';
import { z } from 'zod';
import { formatMinorPlain } from '../../../shared/domain/format';
import { currencySchema } from '../../../shared/domain/money';
import type { JournalRecord } from '../journal/journal';

/**
 * The bookkeeper's export: journal records of a date range, as they are on disk (seq, prev and
 * hash included so the chain can be checked outside LinkPOS), in CSV or JSON.
 */
export interface ExportRange {
  from?: string | undefined;
  to?: string | undefined;
}

export function recordsInRange(records: readonly JournalRecord[], range: ExportRange): JournalRecord[] {
  const from = range.from ? Date.parse(range.from) : -Infinity;
  const to = range.to ? Date.parse(range.to) : Infinity;
  return records.filter((r) => {
    const at = Date.parse(r.at);
    return at >= from && at <= to;
  });
}

export const csvColumns = [
  'seq',
  'at',
  'type',
  'saleId',
  'saleNumber',
  'orderReference',
  'provider',
  'demo',
  'currency',
  'amount',
  'amountMinor',
  'data',
  'prev',
  'hash',
] as const;

/**
 * The columns a sale's `sale-created` record gives every row. Read leniently, on purpose: the export
 * shows the journal as it is on disk, so a record the app itself would refuse (hand-edited, or from
 * another version) still has its columns filled in.
 */
const saleFactsSchema = z.object({
  number: z.number(),
  orderReference: z.string(),
  provider: z.string(),
  demo: z.boolean(),
  currency: currencySchema,
  amountMinor: z.number(),
});
type SaleFacts = z.infer<typeof saleFactsSchema>;

function saleFacts(records: readonly JournalRecord[]): Map<string, SaleFacts> {
  const facts = new Map<string, SaleFacts>();
  for (const r of records) {
    if (r.type !== 'sale-created') continue;
    const parsed = saleFactsSchema.safeParse(r.data);
    if (parsed.success) facts.set(r.saleId, parsed.data);
  }
  return facts;
}

/** The one field the export reads from any record's own data: its amount, when it has one. */
const ownAmountSchema = z.object({ amountMinor: z.number() });

/**
 * One row per record. Sale columns come from the sale's `sale-created` record (looked up over the
 * whole journal, so a range that starts mid-sale still names it); the record's own data is kept
 * whole as JSON in `data`.
 */
export function toCsv(chosen: readonly JournalRecord[], all: readonly JournalRecord[]): string {
  const facts = saleFacts(all);
  const rows = chosen.map((r) => {
    const sale = facts.get(r.saleId);
    const amount = ownAmountSchema.safeParse(r.data);
    const own = amount.success ? amount.data.amountMinor : null;
    return {
      seq: r.seq,
      at: r.at,
      type: r.type,
      saleId: r.saleId,
      saleNumber: sale?.number ?? '',
      orderReference: sale?.orderReference ?? '',
      provider: sale?.provider ?? '',
      demo: sale ? String(sale.demo) : '',
      currency: sale?.currency ?? '',
      amount: own !== null && sale ? formatMinorPlain(own, sale.currency) : '',
      amountMinor: own ?? '',
      data: JSON.stringify(r.data),
      prev: r.prev,
      hash: r.hash,
    };
  });
  // A bookkeeper opens this in a spreadsheet: a text cell starting with = + - @ (a hand-edited journal's
  // order reference, say) must stay text, not become a formula. Papaparse prefixes such a cell with
  // a quote; numbers (seq, amountMinor) are never touched. https://owasp.org/www-community/attacks/CSV_Injection
  return Papa.unparse(
    { fields: [...csvColumns], data: rows.map((row) => csvColumns.map((c) => row[c])) },
    { newline: '\r\n', escapeFormulae: true },
  );
}

/**
 * The JSON export. `till` is the till's id and public key (PEM): with them an auditor checks every
 * seal among the records without LinkPOS (README, "The sealed journal"). Every seal carries the
 * key too, so the CSV export has it in its seal rows.
 */
export function toJson(
  chosen: readonly JournalRecord[],
  meta: { range: ExportRange; exportedAt: string; verification: unknown; till?: { id: string; publicKey: string } | null },
): string {
  const { exportedAt, range, verification, till } = meta;
  return `${JSON.stringify({ exportedAt, range, ...(till ? { till } : {}), verification, records: chosen }, null, 1)}\n`;
}

/** `linkpos-journal-2025-01-01_2025-01-31.csv`; "start"/"now" for an open end. */
export function exportFileName(range: ExportRange, format: 'csv' | 'json'): string {
  const day = (iso: string | undefined, open: string) => (iso ? iso.slice(0, 10) : open);
  return `linkpos-journal-${day(range.from, 'start')}_${day(range.to, 'now')}.${format}`;
}
