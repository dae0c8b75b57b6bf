import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { createShopPool } from '../../../../electron/services/shop-db/pool';
import { Replicator, type SummaryEntry } from '../../../../electron/services/shop-db/replicator';
import { freshDatabase, noDatabase } from '../../../support/postgres';
import { recordingLogger, tempDir } from '../journal/helpers';

const RECORDS = 40;

/** Record i's report entry, as a till's ledger would give it: a paid sale of i kronor at 25 %, a Z after record 20. */
const entryOf = (seq: number): SummaryEntry => ({
  seq,
  at: new Date(Date.UTC(2026, 11, 5, 9, 0, seq)).toISOString(),
  saleId: `sale-${seq}`,
  outcome: 'paid',
  demo: false,
  provider: 'ecster',
  currency: 'SEK',
  amountMinor: seq * 100,
  vat: [{ vatRate: 2500, grossMinor: seq * 100, netMinor: seq * 80, vatMinor: seq * 20 }],
  receiptNumber: seq,
  periodFrom: seq > 20 ? 20 : 0,
  day: '2026-12-05',
});

describe.skipIf(noDatabase)('the report summary kept by the replicator', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let pool: pg.Pool;
  let journal: Journal;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    db = await freshDatabase();
    pool = createShopPool(db.url, { log: recordingLogger(), max: 6 });
    const dir = await tempDir();
    cleanup = dir.cleanup;
    journal = (await openJournal(dir.dir, { log: recordingLogger() })).journal;
    for (let i = 1; i <= RECORDS; i += 1) {
      await journal.append({ type: 'status-observed', saleId: `sale-${i}`, data: { status: 'paid', n: i }, at: entryOf(i).at });
    }
  });
  afterEach(async () => {
    await journal.close();
    await pool.end();
    await cleanup();
    await db.drop();
  });

  it('counts every record once, in its Z period, even when two copies of the till send the same records at once', async () => {
    const tillId = randomUUID();
    const summarise = (fromSeq: number, toSeq: number) =>
      Promise.resolve(Array.from({ length: toSeq - fromSeq }, (_, i) => entryOf(fromSeq + 1 + i)));
    // Two replicators of one till (a cloned data directory, or a retry racing the first send):
    // batches of one and two, so they meet on the same records.
    const replicators = [1, 2].map(
      (batchSize) =>
        new Replicator({
          pool,
          source: journal,
          till: { id: tillId, name: () => 'Counter' },
          log: recordingLogger(),
          batchSize,
          summarise,
        }),
    );
    for (const r of replicators) r.start();
    await Promise.all(replicators.map((r) => r.waitForSeq(RECORDS)));
    for (const r of replicators) await r.stop();

    const { rows } = await pool.query<{
      period_from: string;
      count: number;
      amount_minor: string;
      first_receipt: number;
      last_receipt: number;
    }>('SELECT period_from, count, amount_minor, first_receipt, last_receipt FROM report_summary ORDER BY period_from');
    const sum = (from: number, to: number) => ((from + to) * (to - from + 1)) / 2;
    expect(rows.map((r) => [Number(r.period_from), r.count, Number(r.amount_minor), r.first_receipt, r.last_receipt])).toEqual([
      [0, 20, sum(1, 20) * 100, 1, 20],
      [20, 20, sum(21, 40) * 100, 21, 40],
    ]);
    const vat = await pool.query<{ vat_rate: number; gross: string; vat: string }>(
      'SELECT vat_rate, sum(gross_minor) AS gross, sum(vat_minor) AS vat FROM report_summary_vat GROUP BY vat_rate',
    );
    expect(vat.rows.map((r) => [r.vat_rate, Number(r.gross), Number(r.vat)])).toEqual([[2500, sum(1, 40) * 100, sum(1, 40) * 20]]);
  });
});
