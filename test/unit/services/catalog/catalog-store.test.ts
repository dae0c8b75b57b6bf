import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogStore, MAX_QUICK_KEYS } from '../../../../electron/services/catalog/catalog-store';
import { nodeFileOps, type AtomicFileOps } from '../../../../electron/services/catalog/atomic-file';
import { sampleProducts, sampleQuickKeys } from '../../../../electron/services/catalog/sample-catalog';
import type { Product } from '../../../../shared/domain/schemas';
import { decodeCatalog, encodeCatalog } from '../../../../electron/services/catalog/catalog-file';

const product = (barcode: string, name = `Vara ${barcode}`): Product => ({
  barcode,
  name,
  priceMinor: 1995,
  vatRate: 1200,
  unit: 'st',
  partNumber: `P-${barcode}`,
  weighed: false,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'linkpos-catalog-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Renames fail as if the process died after writing and syncing the temp file. */
const crashBeforeRename: AtomicFileOps = {
  rename: () => Promise.reject(new Error('simulated crash before rename')),
  // A real crash never gets to clean up, so neither does this.
  unlink: () => Promise.resolve(),
};

describe('catalog store', () => {
  it('serves the built-in sample as version 0 on a new install, without writing it to disk', async () => {
    const store = createCatalogStore({ dataDir: dir });
    const snapshot = await store.snapshot();
    expect(snapshot.version).toBe(0);
    expect(snapshot.products).toEqual(sampleProducts);
    expect(await store.quickKeys()).toEqual(sampleQuickKeys);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces the catalog, bumps the version on every commit and reloads it after a restart', async () => {
    const store = createCatalogStore({ dataDir: dir });
    expect((await store.replace([product('1'), product('2')])).version).toBe(1);
    expect((await store.replace([product('3')])).version).toBe(2);
    const restarted = createCatalogStore({ dataDir: dir });
    expect(await restarted.snapshot()).toEqual({ version: 2, products: [product('3')] });
  });

  it('keeps the old catalog on disk and in memory when the process dies between the temp write and the rename', async () => {
    const store = createCatalogStore({ dataDir: dir });
    await store.replace([product('1')]);
    const before = readFileSync(path.join(dir, 'catalog.json'), 'utf8');

    const crashing = createCatalogStore({ dataDir: dir, fileOps: crashBeforeRename });
    await expect(crashing.replace([product('9')])).rejects.toThrow('simulated crash');
    expect(await crashing.snapshot()).toEqual({ version: 1, products: [product('1')] });
    expect(readFileSync(path.join(dir, 'catalog.json'), 'utf8')).toBe(before);
    // The crash left its fully written temp file behind…
    expect(readdirSync(dir).some((n) => n.startsWith('catalog.json.tmp-'))).toBe(true);

    // …which the next start ignores and sweeps up.
    const restarted = createCatalogStore({ dataDir: dir });
    expect(await restarted.snapshot()).toEqual({ version: 1, products: [product('1')] });
    expect(readdirSync(dir).sort()).toEqual(['catalog.json']);
  });

  it('serialises concurrent commits so versions never repeat and the last one wins', async () => {
    const store = createCatalogStore({ dataDir: dir });
    const results = await Promise.all([store.replace([product('1')]), store.replace([product('2')]), store.replace([product('3')])]);
    expect(results.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(await createCatalogStore({ dataDir: dir }).snapshot()).toEqual({ version: 3, products: [product('3')] });
  });

  it('loads once however many requests arrive before the load finishes', async () => {
    const store = createCatalogStore({ dataDir: dir });
    const [a, b] = await Promise.all([store.snapshot(), store.snapshot()]);
    expect(a.products).toBe(b.products);
  });

  it('moves an unreadable catalog aside, starts empty and says so in a sentence', async () => {
    writeFileSync(path.join(dir, 'catalog.json'), '{"format":"linkpos-catalog","formatVersion":1,"version":4,"col');
    const store = createCatalogStore({ dataDir: dir, now: () => new Date('2026-01-02T03:04:05.000Z') });
    expect(await store.snapshot()).toEqual({ version: 0, products: [] });
    expect(store.notice()?.message).toMatch(
      /could not be read \(it was damaged or cut short\).*catalog\.json\.corrupt-2026-01-02T03-04-05-000Z/,
    );
    expect(store.notice()).toMatchObject({
      key: 'catalogFileUnreadable',
      params: { file: 'catalog.json.corrupt-2026-01-02T03-04-05-000Z' },
    });
    expect(readdirSync(dir)).toEqual(['catalog.json.corrupt-2026-01-02T03-04-05-000Z']);
  });

  it('rejects a catalog file with a damaged product rather than selling from it', async () => {
    const store = createCatalogStore({ dataDir: dir });
    await store.replace([product('1'), product('2')]);
    const file = path.join(dir, 'catalog.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('1995', '-5'));
    const restarted = createCatalogStore({ dataDir: dir });
    expect((await restarted.snapshot()).products).toEqual([]);
    expect(restarted.notice()?.message).toContain('product 1 in it was damaged');
  });
});

describe('quick keys', () => {
  it('persists pinned barcodes in order, dropping unknown ones and repeats without an error', async () => {
    const store = createCatalogStore({ dataDir: dir });
    await store.replace([product('1'), product('2'), product('3')]);
    expect(await store.setQuickKeys(['3', 'nope', '1', '3'])).toEqual(['3', '1']);
    expect(await createCatalogStore({ dataDir: dir }).quickKeys()).toEqual(['3', '1']);
  });

  it('stores the catalog form of a barcode pinned with different leading zeros', async () => {
    const store = createCatalogStore({ dataDir: dir });
    await store.replace([product('0012345678905')]);
    expect(await store.setQuickKeys(['012345678905'])).toEqual(['0012345678905']);
  });

  it(`keeps at most ${MAX_QUICK_KEYS}`, async () => {
    const store = createCatalogStore({ dataDir: dir });
    const products = Array.from({ length: 60 }, (_, i) => product(String(100 + i)));
    await store.replace(products);
    const kept = await store.setQuickKeys(products.map((p) => p.barcode));
    expect(kept).toEqual(products.slice(0, MAX_QUICK_KEYS).map((p) => p.barcode));
  });

  it('hides pins whose product left the catalog and shows them again when it returns', async () => {
    const store = createCatalogStore({ dataDir: dir });
    await store.replace([product('1'), product('2')]);
    await store.setQuickKeys(['1', '2']);
    await store.replace([product('2')]);
    expect(await store.quickKeys()).toEqual(['2']);
    await store.replace([product('1'), product('2')]);
    expect(await store.quickKeys()).toEqual(['1', '2']);
  });

  it('starts with no quick keys after the first import replaces the sample', async () => {
    const store = createCatalogStore({ dataDir: dir });
    await store.replace([product('1')]);
    expect(await store.quickKeys()).toEqual([]);
  });

  it('keeps the previous pins when saving them fails', async () => {
    let failing = false;
    const ops: AtomicFileOps = {
      rename: (a, b) => (failing ? Promise.reject(new Error('disk full')) : nodeFileOps.rename(a, b)),
      unlink: nodeFileOps.unlink,
    };
    const store = createCatalogStore({ dataDir: dir, fileOps: ops });
    await store.replace([product('1'), product('2')]);
    await store.setQuickKeys(['1']);
    failing = true;
    await expect(store.setQuickKeys(['2'])).rejects.toThrow('disk full');
    expect(await store.quickKeys()).toEqual(['1']);
    expect(await createCatalogStore({ dataDir: dir }).quickKeys()).toEqual(['1']);
  });
});

describe('catalog.json with goods/service and main groups', () => {
  const plain = { barcode: '7310865000125', name: 'Kaffe', priceMinor: 5995, vatRate: 600, unit: 'st', partNumber: '', weighed: false };
  it('writes the file as before when no product has a kind or group, and reads both forms back', () => {
    const before = encodeCatalog({ version: 3, products: [plain] });
    expect(JSON.parse(before).columns).toEqual(['barcode', 'name', 'priceMinor', 'vatRate', 'unit', 'partNumber', 'weighed']);
    expect(decodeCatalog(before)).toEqual({ ok: true, data: { version: 3, products: [plain] } });
    const products = [
      { ...plain, kind: 'goods' as const, group: 'Livsmedel' },
      { ...plain, barcode: '7350000000429', name: 'Presentinslagning', kind: 'service' as const },
    ];
    const decoded = decodeCatalog(encodeCatalog({ version: 4, products }));
    expect(decoded).toEqual({ ok: true, data: { version: 4, products } });
  });
});
