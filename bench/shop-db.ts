/**
 * The shop database — how measured, against the PostgreSQL server in LINKPOS_TEST_DATABASE_URL
 * (`eval "$(.ci/postgres.sh start)"` starts a local one), each run in a fresh database of its own:
 * - Replication: a journal of `records` records shaped like a sale's (five a sale: created with a
 *   three-line cart, link created, three status records; about 0.6 kB a line), chained with the real
 *   encoder, is written
 *   to a temporary directory, then the real Replicator (batches of 500, one transaction each) copies
 *   it from the first record; timed from start() until the database acknowledges the last record.
 *   Records per second over that time.
 * - Backlog after an outage: `tills` tills, each with the journal of one hour of a busy till while the
 *   database was away (`outageRecords` records each: 600 sales an hour, five records a sale), all
 *   start copying at once when it is back; timed until the last till is up to date.
 * - The shop day report over 1 000 000 sales: the report summary (migration 5) as the replicator
 *   would have left it after 1 000 000 sales of 10 tills over 100 days (a Z each day, two providers,
 *   two VAT rates, one sale in twenty cancelled), made in SQL with generate_series and GROUP BY for
 *   speed (the journal records themselves are not made: the report never reads them); then the
 *   real shopDayTotal for `dayReports` random days, each timed from the query to the built report.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, openJournal, type JournalRecord } from '../electron/services/journal/journal';
import { encodeRecord, GENESIS_HASH } from '../electron/services/journal/record';
import { shopDayTotal } from '../electron/services/reports/shop-view';
import { migrate } from '../electron/services/shop-db/migrations';
import { createShopPool } from '../electron/services/shop-db/pool';
import { Replicator } from '../electron/services/shop-db/replicator';
import { freshDatabase, testDatabaseUrl } from '../test/support/postgres';
import { silent } from './lib/demo-checkout';
import type { BenchResult } from './lib/figure';
import { round1 } from './lib/figure';
import { summarize } from './lib/stats';

/** 1 000 000 sales' worth of summary rows (see above); returns the days they fall on. */
async function fillSummary(url: string, sales: number): Promise<string[]> {
  const pool = createShopPool(url, { log: silent, max: 1 });
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    const tills = Array.from({ length: 10 }, () => randomUUID());
    await pool.query(`INSERT INTO tills (till_id, name) SELECT t, 'Till ' || o FROM unnest($1::uuid[]) WITH ORDINALITY AS u(t, o)`, [
      tills,
    ]);
    // Sale i: till i % 10, day i / 10 000 (1 000 a till a day), a Z a day (period_from), cancelled
    // when i % 20 = 0, Straumur when i % 3 = 0, VAT 25 % or 12 %, amount 10.00–59.99.
    const sales_ = `SELECT i, ($1::uuid[])[i % 10 + 1] AS till_id, (date '2026-09-01' + (i / 10000)) AS day,
        (i / 10000) * 5000 AS period_from, CASE WHEN i % 20 = 0 THEN 'cancelled' ELSE 'paid' END AS outcome,
        CASE WHEN i % 3 = 0 THEN 'straumur' ELSE 'ecster' END AS provider,
        CASE WHEN i % 2 = 0 THEN 2500 ELSE 1200 END AS rate, 1000 + i % 5000 AS amount
      FROM generate_series(0, $2::int - 1) AS i`;
    await pool.query(
      `INSERT INTO report_summary (till_id, period_from, day, demo, currency, outcome, provider, count, amount_minor, first_receipt, last_receipt)
       SELECT till_id, period_from, day, false, 'SEK', outcome, provider, count(*), sum(amount),
         CASE WHEN outcome = 'paid' THEN min(i) END, CASE WHEN outcome = 'paid' THEN max(i) END
       FROM (${sales_}) s GROUP BY till_id, period_from, day, outcome, provider`,
      [tills, sales],
    );
    await pool.query(
      `INSERT INTO report_summary_vat (till_id, period_from, day, demo, currency, outcome, vat_rate, gross_minor, net_minor, vat_minor)
       SELECT till_id, period_from, day, false, 'SEK', outcome, rate, sum(amount), sum(amount - vat), sum(vat)
       FROM (SELECT *, (amount * rate + (10000 + rate) / 2) / (10000 + rate) AS vat FROM (${sales_}) s WHERE outcome = 'paid') v
       GROUP BY till_id, period_from, day, outcome, rate`,
      [tills, sales],
    );
    await pool.query('ANALYZE report_summary; ANALYZE report_summary_vat');
    const { rows } = await pool.query<{ day: string }>(`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM report_summary ORDER BY 1`);
    return rows.map((r) => r.day);
  } finally {
    await pool.end();
  }
}

/** The day report's timings over random days, and one day's sales count (to check the data is what it says). */
async function timeDayReports(url: string, days: readonly string[], runs: number): Promise<{ samples: number[]; salesOfADay: number }> {
  const pool = createShopPool(url, { log: silent, max: 2 });
  try {
    const samples: number[] = [];
    let salesOfADay = 0;
    for (let i = 0; i < runs; i += 1) {
      const day = days[Math.floor(Math.random() * days.length)]!;
      const started = performance.now();
      const total = await shopDayTotal(pool, day);
      samples.push(performance.now() - started);
      salesOfADay = total.real.currencies[0]!.sales.count + total.real.currencies[0]!.cancelled.count;
    }
    return { samples, salesOfADay };
  } finally {
    await pool.end();
  }
}

const line = (name: string, priceMinor: number) => ({
  id: name,
  name,
  quantityMilli: 1000,
  unitPriceMinor: priceMinor,
  vatRate: 1200,
  totalMinor: priceMinor,
});
/** One sale's records, as far as their size and shape go (the replicator copies lines; it never reads a sale). */
const template: readonly Pick<JournalRecord, 'type' | 'saleId' | 'data' | 'at'>[] = [
  {
    type: 'sale-created',
    saleId: 'sale',
    at: '2026-12-05T09:00:00.000Z',
    data: {
      number: 1,
      orderReference: 'LP-7K3QZ9-A2-1',
      provider: 'ecster',
      currency: 'SEK',
      amountMinor: 9200,
      tillName: 'Till 1',
      totals: {
        lines: [line('Kaffe', 2500), line('Bulle', 3200), line('Tidning', 3500)],
        vat: [{ vatRate: 1200, grossMinor: 9200, netMinor: 8214, vatMinor: 986 }],
      },
    },
  },
  {
    type: 'link-created',
    saleId: 'sale',
    at: '2026-12-05T09:00:01.000Z',
    data: {
      link: { reference: 'b6f0c1d2-5e4f', url: 'https://secure.ecster.se/pay/b6f0c1d2-5e4f', validTo: '2026-12-05T09:15:01.000Z' },
      adopted: false,
    },
  },
  { type: 'status-observed', saleId: 'sale', at: '2026-12-05T09:00:20.000Z', data: { status: 'opened' } },
  { type: 'status-observed', saleId: 'sale', at: '2026-12-05T09:00:40.000Z', data: { status: 'order-ready', orderId: 'ord-1' } },
  { type: 'status-observed', saleId: 'sale', at: '2026-12-05T09:00:41.000Z', data: { status: 'paid', amountMinor: 9200 } },
];

/** A journal file of `count` records cycling through the template, each numbered and chained. */
async function writeJournal(dir: string, count: number): Promise<void> {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const source = template[(seq - 1) % template.length]!;
    const sale = Math.floor((seq - 1) / template.length);
    const { line, hash } = encodeRecord({
      seq,
      prev,
      type: source.type,
      saleId: `${source.saleId}-${sale}`,
      data: source.data,
      at: source.at,
    });
    lines.push(line);
    prev = hash;
  }
  await writeFile(join(dir, JOURNAL_FILE), lines.join('\n') + '\n');
}

/** Copies each journal with its own Replicator at once; ms until every one is acknowledged. */
async function replicate(url: string, dirs: readonly string[], count: number): Promise<number> {
  const pool = createShopPool(url, { log: silent, max: dirs.length + 1 });
  const opened = await Promise.all(dirs.map((dir) => openJournal(dir, { log: silent })));
  const replicators = opened.map(
    ({ journal }, i) => new Replicator({ pool, source: journal, till: { id: randomUUID(), name: () => `Till ${i + 1}` }, log: silent }),
  );
  try {
    const started = performance.now();
    for (const r of replicators) r.start();
    await Promise.all(replicators.map((r) => r.waitForSeq(count)));
    return performance.now() - started;
  } finally {
    for (const r of replicators) await r.stop();
    for (const { journal } of opened) await journal.close();
    await pool.end();
  }
}

export async function benchShopDatabase(sizes: {
  records: number;
  tills: number;
  outageRecords: number;
  daySales?: number;
  dayReports?: number;
}): Promise<BenchResult> {
  const daySales = sizes.daySales ?? 1_000_000;
  const dayReports = sizes.dayReports ?? 50;
  if (!testDatabaseUrl) {
    const note = 'no PostgreSQL: set LINKPOS_TEST_DATABASE_URL (eval "$(.ci/postgres.sh start)")';
    return {
      figures: [
        { id: 'shopdb.replicate', name: `Shop database: replicate ${sizes.records} records`, value: null, unit: 'records/s', note },
        { id: 'shopdb.backlog', name: 'Shop database: backlog drained', value: null, unit: 'ms', note },
        { id: 'shopdb.dayReport.p95', name: `Shop day report over ${daySales} sales, p95`, value: null, unit: 'ms', note },
      ],
      details: {},
    };
  }
  const root = await mkdtemp(join(tmpdir(), 'linkpos-bench-shop-'));
  const db = await freshDatabase();
  try {
    const one = join(root, 'one');
    await mkdir(one);
    await writeJournal(one, sizes.records);
    const replicateMs = await replicate(db.url, [one], sizes.records);
    const outage: string[] = [];
    for (let i = 0; i < sizes.tills; i += 1) {
      const dir = join(root, `till-${i}`);
      await mkdir(dir);
      await writeJournal(dir, sizes.outageRecords);
      outage.push(dir);
    }
    const backlogMs = await replicate(db.url, outage, sizes.outageRecords);
    const fillStarted = performance.now();
    const days = await fillSummary(db.url, daySales);
    const fillMs = performance.now() - fillStarted;
    const day = await timeDayReports(db.url, days, dayReports);
    const daySummary = summarize(day.samples);
    return {
      figures: [
        {
          id: 'shopdb.replicate',
          name: `Shop database: replicate ${sizes.records} records`,
          value: Math.round(sizes.records / (replicateMs / 1000)),
          unit: 'records/s',
        },
        {
          id: 'shopdb.backlog',
          name: `Shop database: backlog of ${sizes.tills} tills × ${sizes.outageRecords} records (one hour away) drained`,
          value: round1(backlogMs),
          unit: 'ms',
        },
        {
          id: 'shopdb.dayReport.p95',
          name: `Shop day report over ${daySales} sales (10 tills, ${days.length} days; ${day.salesOfADay} sales a day), p95`,
          value: round1(daySummary.p95),
          unit: 'ms',
          target: { op: '<=', value: 500 },
        },
      ],
      details: {
        replicateMs: round1(replicateMs),
        backlogMs: round1(backlogMs),
        summaryFillMs: round1(fillMs),
        dayReportMs: daySummary,
        ...sizes,
      },
    };
  } finally {
    await db.drop();
    await rm(root, { recursive: true, force: true });
  }
}
