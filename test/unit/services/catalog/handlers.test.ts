import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogHandlers } from '../../../../electron/services/catalog/handlers';
import { createCatalogImporter } from '../../../../electron/services/catalog/importer';
import { createCatalogStore } from '../../../../electron/services/catalog/catalog-store';
import { sampleProducts } from '../../../../electron/services/catalog/sample-catalog';
import type { AtomicFileOps } from '../../../../electron/services/catalog/atomic-file';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { createDispatcher, type Handlers } from '../../../../electron/services/ipc/dispatch';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'linkpos-catalog-h-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const csv = (rows: number, bad = 0) =>
  ['streckkod;namn;pris;moms', ...Array.from({ length: rows }, (_, i) => `${1000 + i};Vara ${i};${i < bad ? 'x' : '10,00'};25`)].join('\n');

function setup(options: { now?: () => number; fileOps?: AtomicFileOps } = {}) {
  const events = new EventBus();
  const progress: { rowsRead: number; done: boolean }[] = [];
  events.subscribe((name, payload) => {
    if (name === 'catalog:progress') progress.push(payload as { rowsRead: number; done: boolean });
  });
  const store = createCatalogStore({ dataDir: dir, ...(options.fileOps ? { fileOps: options.fileOps } : {}) });
  const importer = createCatalogImporter({ now: options.now ?? (() => 0), ttlMs: 1_000 });
  const handlers = createCatalogHandlers({ store, importer, events, progressEvery: 100 });
  // Everything goes through the real dispatcher, so schemas and error mapping are exercised too.
  const dispatch = createDispatcher(handlers as Handlers);
  return { dispatch, progress, store };
}

describe('catalog handlers', () => {
  it('previews without touching the catalog, then commits the valid rows', async () => {
    const { dispatch, progress } = setup();
    const preview = await dispatch('catalog:importPreview', { fileName: 'varor.csv', text: csv(250, 2) });
    expect(preview).toMatchObject({ ok: true, value: { validCount: 248, errorCount: 2 } });
    if (!preview.ok) return;
    const value = preview.value as { importId: string; errors: unknown[] };
    const notANumber = [{ key: 'rowPriceNotNumber', params: { value: 'x' } }];
    expect(value.errors).toEqual([
      { line: 2, reason: 'price is not a number (x)', messages: notANumber },
      { line: 3, reason: 'price is not a number (x)', messages: notANumber },
    ]);
    expect(progress).toEqual([
      { rowsRead: 100, done: false },
      { rowsRead: 200, done: false },
      { rowsRead: 250, done: true },
    ]);

    // Not committed yet: the sample is still what is sold, and nothing was written.
    expect(await dispatch('catalog:snapshot', undefined)).toMatchObject({ ok: true, value: { version: 0, products: sampleProducts } });
    expect(readdirSync(dir)).toEqual([]);

    expect(await dispatch('catalog:importCommit', { importId: value.importId })).toEqual({ ok: true, value: { count: 248 } });
    const snapshot = await dispatch('catalog:snapshot', undefined);
    expect(snapshot).toMatchObject({ ok: true, value: { version: 1 } });
    expect(snapshot.ok && (snapshot.value as { products: unknown[] }).products).toHaveLength(248);

    // An import is committed once.
    expect(await dispatch('catalog:importCommit', { importId: value.importId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses to commit an expired preview', async () => {
    let now = 0;
    const { dispatch } = setup({ now: () => now });
    const preview = await dispatch('catalog:importPreview', { fileName: 'a.csv', text: csv(3) });
    now = 1_000;
    const importId = preview.ok ? (preview.value as { importId: string }).importId : '';
    expect(await dispatch('catalog:importCommit', { importId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('keeps only the latest preview', async () => {
    const { dispatch } = setup();
    const first = await dispatch('catalog:importPreview', { fileName: 'a.csv', text: csv(3) });
    await dispatch('catalog:importPreview', { fileName: 'b.csv', text: csv(4) });
    const importId = first.ok ? (first.value as { importId: string }).importId : '';
    expect(await dispatch('catalog:importCommit', { importId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('cancels a preview still being read when another file is opened', async () => {
    const { dispatch } = setup();
    const first = dispatch('catalog:importPreview', { fileName: 'big.csv', text: csv(5_000) });
    const second = await dispatch('catalog:importPreview', { fileName: 'small.csv', text: csv(3) });
    expect(await first).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const importId = second.ok ? (second.value as { importId: string }).importId : '';
    expect(await dispatch('catalog:importCommit', { importId })).toEqual({ ok: true, value: { count: 3 } });
  });

  it('rejects a file that cannot be a catalog with a plain sentence', async () => {
    const { dispatch } = setup();
    expect(await dispatch('catalog:importPreview', { fileName: 'a.csv', text: 'foo;bar\n1;2' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining('The first line must name the columns') },
    });
  });

  it('will not replace the catalog with an import that has no valid rows', async () => {
    const { dispatch } = setup();
    const preview = await dispatch('catalog:importPreview', { fileName: 'a.csv', text: csv(2, 2) });
    const importId = preview.ok ? (preview.value as { importId: string }).importId : '';
    expect(await dispatch('catalog:importCommit', { importId })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it('reports a failed save as a storage error, keeps the old catalog and lets the clerk retry', async () => {
    let failing = true;
    const fileOps: AtomicFileOps = {
      rename: (a, b) => (failing ? Promise.reject(new Error('EIO')) : import('node:fs/promises').then((fs) => fs.rename(a, b))),
      unlink: (f) => import('node:fs/promises').then((fs) => fs.unlink(f)),
    };
    const { dispatch } = setup({ fileOps });
    const preview = await dispatch('catalog:importPreview', { fileName: 'a.csv', text: csv(3) });
    const importId = preview.ok ? (preview.value as { importId: string }).importId : '';
    const failed = await dispatch('catalog:importCommit', { importId });
    expect(failed).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(JSON.stringify(failed)).not.toContain('EIO');
    expect(await dispatch('catalog:snapshot', undefined)).toMatchObject({ ok: true, value: { version: 0 } });
    failing = false;
    expect(await dispatch('catalog:importCommit', { importId })).toEqual({ ok: true, value: { count: 3 } });
  });

  it('sets and reads quick keys through the contract', async () => {
    const { dispatch } = setup();
    const kanelbulle = sampleProducts.find((p) => p.name === 'Kanelbulle')!.barcode;
    expect(await dispatch('catalog:setQuickKeys', { barcodes: [kanelbulle, '0000'] })).toEqual({
      ok: true,
      value: { barcodes: [kanelbulle] },
    });
    expect(await dispatch('catalog:quickKeys', undefined)).toEqual({ ok: true, value: { barcodes: [kanelbulle] } });
  });
});
