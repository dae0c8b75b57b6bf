import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCatalogStore, type CatalogStore } from '../../../../electron/services/catalog/catalog-store';
import { DomainError } from '../../../../electron/services/errors';
import { ShopCatalog } from '../../../../electron/services/shop-db/catalog-sync';
import { createShopPool } from '../../../../electron/services/shop-db/pool';
import type { Product } from '../../../../shared/domain/schemas';
import { CuttableLink } from '../../../support/cuttable-link';
import { freshDatabase, noDatabase } from '../../../support/postgres';
import { recordingLogger, tempDir } from '../journal/helpers';

const product = (barcode: string, name: string, priceMinor: number): Product => ({
  barcode,
  name,
  priceMinor,
  vatRate: 1200,
  unit: '',
  partNumber: '',
  weighed: false,
});
const COUNTER_FILE = [product('7310000000011', 'Kaffe', 2500), product('7310000000028', 'Bulle', 3200)];
const WINDOW_FILE = [product('7310000000035', 'Te', 2200), product('7310000000042', 'Kaka', 1800), product('7310000000059', 'Saft', 1500)];

interface TestTill {
  name: string;
  dir: string;
  store: CatalogStore;
  pool: pg.Pool;
  sync: ShopCatalog;
  applied: { version: number; count: number }[];
  cleanup: () => Promise<void>;
}

const barcodes = async (store: CatalogStore) => (await store.snapshot()).products.map((p) => p.barcode);

describe.skipIf(noDatabase)('one catalog for the shop (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const tills: TestTill[] = [];
  const links: CuttableLink[] = [];

  beforeEach(async () => {
    db = await freshDatabase();
  });

  afterEach(async () => {
    for (const till of tills.splice(0)) {
      await till.sync.stop();
      await till.pool.end();
      await till.cleanup();
    }
    for (const link of links.splice(0)) await link.cut();
    await db.drop();
  });

  /** A database URL through a TCP proxy that the test can cut and restore. */
  async function viaLink(): Promise<{ url: string; link: CuttableLink }> {
    const direct = new URL(db.url);
    const link = new CuttableLink({ host: direct.hostname, port: Number(direct.port || 5432) });
    await link.open();
    links.push(link);
    const url = new URL(db.url);
    url.hostname = '127.0.0.1';
    url.port = String(link.port);
    return { url: url.toString(), link };
  }

  async function openTill(name: string, url = db.url): Promise<TestTill> {
    const { dir, cleanup } = await tempDir();
    const log = recordingLogger();
    const store = createCatalogStore({ dataDir: dir, log, sample: { products: [], quickKeys: [] } });
    const pool = createShopPool(url, { log, connectTimeoutMs: 1_000 });
    const applied: TestTill['applied'] = [];
    const sync = new ShopCatalog({
      pool,
      url,
      store,
      tillId: randomUUID(),
      log,
      onApplied: (a) => applied.push(a),
      backoff: { initialMs: 50, maxMs: 200 },
      connectTimeoutMs: 1_000,
    });
    const till = { name, dir, store, pool, sync, applied, cleanup };
    tills.push(till);
    sync.start();
    await vi.waitFor(() => expect(sync.listening()).toBe(true), { timeout: 10_000 });
    return till;
  }

  async function shopVersions(): Promise<{ version: number; product_count: number }[]> {
    const pool = createShopPool(db.url, { log: recordingLogger() });
    try {
      return (
        await pool.query<{ version: number; product_count: number }>('SELECT version, product_count FROM catalog_versions ORDER BY version')
      ).rows;
    } finally {
      await pool.end();
    }
  }

  it('an import on one till is published and picked up by the other through NOTIFY, and kept there for a start without the network', async () => {
    const counter = await openTill('Counter');
    const window = await openTill('Window');

    const saved = await counter.sync.commit(COUNTER_FILE);
    expect(saved.shop).toMatchObject({ version: 1, pending: false });
    expect(await shopVersions()).toEqual([{ version: 1, product_count: 2 }]);

    // The window till hears of it without asking (its catalog is unchanged until the NOTIFY arrives).
    await vi.waitFor(async () => expect(await barcodes(window.store)).toEqual(COUNTER_FILE.map((p) => p.barcode)), { timeout: 10_000 });
    expect(window.applied).toEqual([{ version: 1, count: 2 }]);
    expect((await window.store.snapshot()).shop).toEqual(saved.shop);
    // The publishing till hears its own NOTIFY and changes nothing.
    expect(counter.applied).toEqual([]);

    // A second import, this time on the window till: the counter follows.
    await window.sync.commit(WINDOW_FILE);
    await vi.waitFor(async () => expect(await barcodes(counter.store)).toEqual(WINDOW_FILE.map((p) => p.barcode)), { timeout: 10_000 });
    expect(counter.applied).toEqual([{ version: 2, count: 3 }]);

    // The till's own copy is its catalog file: a store opened on its data directory alone has it.
    const restarted = createCatalogStore({ dataDir: counter.dir, sample: { products: [], quickKeys: [] } });
    expect((await restarted.snapshot()).products).toEqual(WINDOW_FILE);
    expect((await restarted.snapshot()).shop).toMatchObject({ version: 2, pending: false });
  });

  it('two tills importing at once: one wins, the other is told and takes the winner’s, and both end on the same version', async () => {
    for (let round = 0; round < 5; round += 1) {
      const counter = await openTill(`Counter ${round}`);
      const window = await openTill(`Window ${round}`);
      const base = (await counter.store.snapshot()).shop?.version ?? 0;
      const results = await Promise.allSettled([counter.sync.commit(COUNTER_FILE), window.sync.commit(WINDOW_FILE)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'won'))).toContain('won');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(DomainError);
      expect((lost[0]!.reason as DomainError).kind).toBe('conflict');
      const winner = results[0].status === 'fulfilled' ? COUNTER_FILE : WINDOW_FILE;

      const versions = await shopVersions();
      expect(versions.at(-1)!.version).toBe(base + 1);
      for (const till of [counter, window]) {
        const snapshot = await till.store.snapshot();
        expect(snapshot.shop).toMatchObject({ version: base + 1, pending: false });
        expect(snapshot.products).toEqual(winner);
      }
      // The next round's tills start from this version (they pick it up when they connect).
      await Promise.all([counter, window].map(async (t) => t.sync.stop()));
    }
    expect((await shopVersions()).map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a NOTIFY missed while the database was away is caught up on reconnect, and an import made meanwhile is published when it is back', async () => {
    const counter = await openTill('Counter');
    const { url, link } = await viaLink();
    const window = await openTill('Window', url);
    await counter.sync.commit(COUNTER_FILE);
    await vi.waitFor(async () => expect(await barcodes(window.store)).toHaveLength(2), { timeout: 10_000 });

    await link.cut();
    await vi.waitFor(() => expect(window.sync.listening()).toBe(false), { timeout: 10_000 });
    // Published while the window till cannot hear: it still sells from its own copy.
    await counter.sync.commit(WINDOW_FILE);
    expect(await barcodes(window.store)).toEqual(COUNTER_FILE.map((p) => p.barcode));

    await link.open();
    await vi.waitFor(async () => expect(await barcodes(window.store)).toEqual(WINDOW_FILE.map((p) => p.barcode)), { timeout: 15_000 });
    expect((await window.store.snapshot()).shop).toMatchObject({ version: 2, pending: false });

    // An import on the window till while it is cut off: kept here as pending, published when it is back.
    await link.cut();
    await vi.waitFor(() => expect(window.sync.listening()).toBe(false), { timeout: 10_000 });
    const kept = await window.sync.commit(COUNTER_FILE.slice(0, 1));
    expect(kept.shop).toEqual({ version: 2, hash: null, pending: true });
    expect(await barcodes(window.store)).toEqual([COUNTER_FILE[0]!.barcode]);
    await link.open();
    await vi.waitFor(async () => expect(await barcodes(counter.store)).toEqual([COUNTER_FILE[0]!.barcode]), { timeout: 15_000 });
    expect((await window.store.snapshot()).shop).toMatchObject({ version: 3, pending: false });
    expect((await shopVersions()).map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('an import kept while away is superseded when another till published meanwhile: the shop’s wins on both', async () => {
    const counter = await openTill('Counter');
    const { url, link } = await viaLink();
    const window = await openTill('Window', url);
    await link.cut();
    await vi.waitFor(() => expect(window.sync.listening()).toBe(false), { timeout: 10_000 });
    expect((await window.sync.commit(WINDOW_FILE)).shop).toMatchObject({ pending: true, version: 0 });
    await counter.sync.commit(COUNTER_FILE);
    await link.open();
    await vi.waitFor(async () => expect(await barcodes(window.store)).toEqual(COUNTER_FILE.map((p) => p.barcode)), { timeout: 15_000 });
    expect((await window.store.snapshot()).shop).toMatchObject({ version: 1, pending: false });
    expect(window.applied).toEqual([{ version: 1, count: 2 }]);
    expect(await shopVersions()).toEqual([{ version: 1, product_count: 2 }]);
  });

  it('a till that imported before the shop had a catalog offers it when it first connects; a later till takes it', async () => {
    const { dir, cleanup } = await tempDir();
    const early = createCatalogStore({ dataDir: dir, sample: { products: [], quickKeys: [] } });
    await early.replace(WINDOW_FILE);
    await cleanup();
    const pool = createShopPool(db.url, { log: recordingLogger() });
    const sync = new ShopCatalog({
      pool,
      url: db.url,
      store: early,
      tillId: randomUUID(),
      log: recordingLogger(),
      onApplied: () => undefined,
    });
    try {
      sync.start();
      await vi.waitFor(() => expect(sync.listening()).toBe(true), { timeout: 10_000 });
      expect(await shopVersions()).toEqual([{ version: 1, product_count: 3 }]);
      expect((await early.snapshot()).shop).toMatchObject({ version: 1, pending: false });
      const later = await openTill('Later');
      expect(await barcodes(later.store)).toEqual(WINDOW_FILE.map((p) => p.barcode));
    } finally {
      await sync.stop();
      await pool.end();
    }
  });
});
