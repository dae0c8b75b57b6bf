import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { ShopView } from '../../../../electron/services/reports/shop-view';
import { createShopPool } from '../../../../electron/services/shop-db/pool';
import { recordLine, Replicator } from '../../../../electron/services/shop-db/replicator';
import { CuttableLink } from '../../../support/cuttable-link';
import { freshDatabase, noDatabase } from '../../../support/postgres';
import { recordingLogger, tempDir } from '../journal/helpers';

const record = (i: number) => ({
  type: 'status-observed',
  saleId: `sale-${i % 5}`,
  data: { status: 'open', n: i },
  at: new Date(Date.UTC(2026, 11, 5, 9, 0, i)).toISOString(),
});

describe.skipIf(noDatabase)('shop database faults: the network to the database cut while two tills sell', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let link: CuttableLink;
  let pool: pg.Pool;
  let direct: pg.Pool;
  const tills: { id: string; journal: Journal; cleanup: () => Promise<void>; replicator: Replicator }[] = [];

  beforeEach(async () => {
    db = await freshDatabase();
    const url = new URL(db.url);
    link = new CuttableLink({ host: url.hostname, port: Number(url.port || 5432) });
    await link.open();
    const viaLink = new URL(db.url);
    viaLink.hostname = '127.0.0.1';
    viaLink.port = String(link.port);
    pool = createShopPool(viaLink.toString(), { log: recordingLogger(), connectTimeoutMs: 2_000 });
    direct = createShopPool(db.url, { log: recordingLogger() });
    for (const name of ['Counter', 'Window']) {
      const { dir, cleanup } = await tempDir();
      const { journal } = await openJournal(dir, { log: recordingLogger() });
      const id = randomUUID();
      const replicator = new Replicator({
        pool,
        source: journal,
        till: { id, name: () => name },
        log: recordingLogger(),
        batchSize: 7,
        backoff: { initialMs: 20, maxMs: 200 },
        idleMs: 5_000,
      });
      tills.push({ id, journal, cleanup, replicator });
    }
  });
  afterEach(async () => {
    for (const till of tills.splice(0)) {
      await till.replicator.stop();
      await till.journal.close();
      await till.cleanup();
    }
    await link.cut();
    await pool.end();
    await direct.end();
    await db.drop();
  });

  it('every record of both tills arrives once and in order after the database comes back; the other till is shown as last read meanwhile', async () => {
    const [counter, window] = tills as [(typeof tills)[0], (typeof tills)[0]];
    for (const till of tills) till.replicator.start();
    for (let i = 1; i <= 10; i += 1) for (const till of tills) await till.journal.append(record(i));
    for (const till of tills) await till.replicator.waitForSeq(10);
    const view = new ShopView({
      pool: () => pool,
      tillId: counter.id,
      ownSales: () => [],
      ownX: () => Promise.reject(new Error('not asked here')),
      ownZ: () => Promise.resolve([]),
      ownEntries: () => Promise.resolve([]),
      ownName: () => 'Counter',
      log: recordingLogger(),
    });
    expect((await view.tills()).complete).toBe(true);

    await link.cut();
    // Both tills go on selling: appends never wait for the database.
    for (let i = 11; i <= 60; i += 1) for (const till of tills) await till.journal.append(record(i));
    await expect.poll(() => tills.map((t) => t.replicator.state().kind), { timeout: 10_000 }).toEqual(['unreachable', 'unreachable']);
    const meanwhile = await view.tills();
    expect(meanwhile.complete).toBe(false);
    expect(meanwhile.tills.map((t) => t.name)).toEqual(['Counter', 'Window']);

    await link.open();
    for (const till of tills) await till.replicator.waitForSeq(60);
    for (const till of tills) {
      const { rows } = await direct.query<{ seq: number; hash: string; line: string }>(
        'SELECT seq::int AS seq, hash, line FROM journal_records WHERE till_id = $1 ORDER BY seq',
        [till.id],
      );
      const local = await till.journal.readAll();
      expect(rows.map((r) => r.seq)).toEqual(local.map((r) => r.seq));
      expect(rows.map((r) => r.line)).toEqual(local.map(recordLine));
    }
    expect((await view.tills()).complete).toBe(true);
    expect(window.replicator.state()).toEqual({ kind: 'up-to-date' });
  });
});
