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
 * - Not measured yet: the shop day report over 1 000 000 sales (ARCHITECTURE.md, "The shop database
 *   at scale", says why and what comes next).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, openJournal, type JournalRecord } from '../electron/services/journal/journal';
import { encodeRecord, GENESIS_HASH } from '../electron/services/journal/record';
import { createShopPool } from '../electron/services/shop-db/pool';
import { Replicator } from '../electron/services/shop-db/replicator';
import { freshDatabase, testDatabaseUrl } from '../test/support/postgres';
import { silent } from './lib/demo-checkout';
import type { BenchResult } from './lib/figure';
import { round1 } from './lib/figure';

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

export async function benchShopDatabase(sizes: { records: number; tills: number; outageRecords: number }): Promise<BenchResult> {
  if (!testDatabaseUrl) {
    const note = 'no PostgreSQL: set LINKPOS_TEST_DATABASE_URL (eval "$(.ci/postgres.sh start)")';
    return {
      figures: [
        { id: 'shopdb.replicate', name: `Shop database: replicate ${sizes.records} records`, value: null, unit: 'records/s', note },
        { id: 'shopdb.backlog', name: 'Shop database: backlog drained', value: null, unit: 'ms', note },
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
      ],
      details: { replicateMs: round1(replicateMs), backlogMs: round1(backlogMs), ...sizes },
    };
  } finally {
    await db.drop();
    await rm(root, { recursive: true, force: true });
  }
}
