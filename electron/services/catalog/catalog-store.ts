import path from 'node:path';
import { barcodeKey } from '../../../shared/domain/catalog-search';
import type { Product } from '../../../shared/domain/schemas';
import type { Logger } from '../log';
import { moveAside, nodeFileOps, readTextIfExists, removeStaleTemps, writeFileAtomic, type AtomicFileOps } from './atomic-file';
import { decodeCatalog, encodeCatalog, type ShopCatalogMark } from './catalog-file';
import { sampleProducts, sampleQuickKeys } from './sample-catalog';
import { localizedText, msg, type LocalizedText } from '../../../shared/messages';

/**
 * The catalog and its quick keys in the data directory (catalog.json, quick-keys.json).
 * Loading is lazy and shared: the app starts at once, and the first request awaits the one load.
 * A new install with no catalog file sells from the built-in sample (version 0) until the first
 * import is committed; the sample is never written to disk, so it can never shadow a real one.
 */

export const MAX_QUICK_KEYS = 48;

export interface CatalogSnapshot {
  /** Bumps on every committed import; 0 is the built-in sample or an empty catalog. */
  version: number;
  products: readonly Product[];
  /** Where it stands with the shop's catalog; absent for a till that never had a shop database. */
  shop?: ShopCatalogMark | undefined;
}

export interface CatalogStore {
  /** Loads once; later calls return the same promise. */
  load(): Promise<void>;
  snapshot(): Promise<CatalogSnapshot>;
  /** Replaces the whole catalog in one atomic write; the old one stays if the write fails. */
  replace(products: readonly Product[], shop?: ShopCatalogMark): Promise<CatalogSnapshot>;
  /** Pinned barcodes that are in the catalog, in pinned order. */
  quickKeys(): Promise<string[]>;
  /** Pins up to 48 barcodes; unknown ones and repeats are dropped silently. Returns what was kept. */
  setQuickKeys(barcodes: readonly string[]): Promise<string[]>;
  /** A sentence for the clerk when the catalog file was unreadable at start-up, else null. */
  notice(): LocalizedText | null;
}

export interface CatalogStoreOptions {
  dataDir: string;
  log?: Logger;
  now?: () => Date;
  fileOps?: AtomicFileOps;
  sample?: { products: readonly Product[]; quickKeys: readonly string[] };
}

interface State {
  version: number;
  products: readonly Product[];
  shop: ShopCatalogMark | undefined;
  byKey: Map<string, Product>;
  /** Barcodes as pinned; filtered against the catalog when read, so a re-import can bring them back. */
  pinned: readonly string[];
}

function indexByKey(products: readonly Product[]): Map<string, Product> {
  const byKey = new Map<string, Product>();
  for (const product of products) {
    const key = barcodeKey(product.barcode);
    if (!byKey.has(key)) byKey.set(key, product);
  }
  return byKey;
}

function decodeQuickKeys(text: string): string[] | null {
  try {
    const doc = JSON.parse(text) as { barcodes?: unknown };
    if (!Array.isArray(doc.barcodes)) return null;
    return doc.barcodes.filter((b): b is string => typeof b === 'string').slice(0, MAX_QUICK_KEYS);
  } catch {
    return null;
  }
}

export function createCatalogStore(options: CatalogStoreOptions): CatalogStore {
  const catalogFile = path.join(options.dataDir, 'catalog.json');
  const quickKeysFile = path.join(options.dataDir, 'quick-keys.json');
  const now = options.now ?? (() => new Date());
  const ops = options.fileOps ?? nodeFileOps;
  const sample = options.sample ?? { products: sampleProducts, quickKeys: sampleQuickKeys };

  let state: State | null = null;
  let loading: Promise<void> | null = null;
  let startupNotice: LocalizedText | null = null;
  // Writes run one after another, so two commits never interleave their temp files and renames.
  let writes: Promise<unknown> = Promise.resolve();

  async function readCatalog(): Promise<{ version: number; products: readonly Product[]; shop?: ShopCatalogMark; isSample: boolean }> {
    await removeStaleTemps(catalogFile);
    const text = await readTextIfExists(catalogFile);
    if (text === null) return { version: 0, products: sample.products, isSample: true };
    const decoded = decodeCatalog(text);
    if (decoded.ok) return { ...decoded.data, isSample: false };
    const kept = await moveAside(catalogFile, now());
    startupNotice = localizedText(
      msg('catalogFileUnreadable', { file: path.basename(kept) }),
      `The product catalog could not be read (${decoded.reason}). LinkPOS started with an empty catalog and kept ` +
        `the unreadable file as ${path.basename(kept)} in the data folder. Import your catalog again.`,
    );
    options.log?.error('catalog file unreadable; moved aside', { reason: decoded.reason, keptAs: path.basename(kept) });
    return { version: 0, products: [], isSample: false };
  }

  async function readQuickKeys(isSample: boolean): Promise<readonly string[]> {
    await removeStaleTemps(quickKeysFile);
    const text = await readTextIfExists(quickKeysFile);
    if (text === null) return isSample ? sample.quickKeys : [];
    const pinned = decodeQuickKeys(text);
    if (pinned === null) options.log?.warn('quick-keys file unreadable; starting with none');
    return pinned ?? [];
  }

  function load(): Promise<void> {
    loading ??= (async () => {
      const catalog = await readCatalog();
      const pinned = await readQuickKeys(catalog.isSample);
      state = { version: catalog.version, products: catalog.products, shop: catalog.shop, byKey: indexByKey(catalog.products), pinned };
    })();
    return loading;
  }

  async function loaded(): Promise<State> {
    await load();
    return state!;
  }

  async function write(file: string, data: string): Promise<void> {
    try {
      await writeFileAtomic(file, data, ops);
    } catch (error) {
      options.log?.error('catalog write failed; the previous file is unchanged', { file: path.basename(file), error });
      throw error;
    }
  }

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  }

  const present = (s: State, barcodes: readonly string[]): string[] => {
    const kept: string[] = [];
    const seen = new Set<string>();
    for (const barcode of barcodes) {
      const product = s.byKey.get(barcodeKey(barcode));
      if (!product || seen.has(product.barcode)) continue;
      seen.add(product.barcode);
      kept.push(product.barcode);
      if (kept.length === MAX_QUICK_KEYS) break;
    }
    return kept;
  };

  return {
    load,

    async snapshot() {
      const s = await loaded();
      return { version: s.version, products: s.products, shop: s.shop };
    },

    replace(products, shop) {
      return serialized(async () => {
        const s = await loaded();
        const version = s.version + 1;
        await write(catalogFile, encodeCatalog({ version, products, shop }));
        state = { ...s, version, products, shop, byKey: indexByKey(products) };
        options.log?.info('catalog replaced', { version, count: products.length, ...(shop ? { shopVersion: shop.version } : {}) });
        return { version, products, shop };
      });
    },

    async quickKeys() {
      const s = await loaded();
      return present(s, s.pinned);
    },

    setQuickKeys(barcodes) {
      return serialized(async () => {
        const s = await loaded();
        const kept = present(s, barcodes);
        await write(quickKeysFile, JSON.stringify({ barcodes: kept }));
        state = { ...state!, pinned: kept };
        return kept;
      });
    },

    notice: () => startupNotice,
  };
}
