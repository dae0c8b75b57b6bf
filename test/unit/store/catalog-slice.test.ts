// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { PosApi } from '../../../shared/ipc/contract';
import type { Product } from '../../../shared/domain/schemas';
import { createPosStore } from '../../../renderer/src/store/store';
import { MAX_PENDING_SCANS } from '../../../renderer/src/store/catalog-slice';

const coffee: Product = {
  barcode: '7310865000361',
  name: 'Kaffe, kopp',
  priceMinor: 2500,
  vatRate: 1200,
  unit: 'st',
  partNumber: 'CAF-0001',
  weighed: false,
};

/**
 * The store is the unit under test; main is on the other side of the PosApi, so the test plays
 * main's part with answers it releases when it chooses (a large catalog still loading).
 */
function apiWithSlowCatalog() {
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => (release = resolve));
  const api = {
    catalog: {
      snapshot: async () => {
        await loaded;
        return { ok: true as const, value: { version: 1, products: [coffee] } };
      },
      quickKeys: () => Promise.resolve({ ok: true as const, value: { barcodes: [] } }),
    },
  } as unknown as PosApi;
  return { api, release };
}

describe('scanning while the catalog is still loading', () => {
  it('queues early scans and rings them up, in order, once the catalog is indexed', async () => {
    const { api, release } = apiWithSlowCatalog();
    const store = createPosStore(api);
    const loading = store.getState().loadCatalog();
    store.getState().scan(coffee.barcode);
    store.getState().scan(coffee.barcode);
    expect(store.getState().cart.lines).toHaveLength(0);
    expect(store.getState().notice).toBeNull(); // not "unknown code": the catalog is not there yet

    release();
    await loading;
    expect(store.getState().cart.lines).toHaveLength(1);
    expect(store.getState().cart.lines[0]?.quantityMilli).toBe(2000);
    expect(store.getState().pendingScans).toEqual([]);
  });
});

describe('another till’s catalog arriving (catalog:changed)', () => {
  const tea: Product = { ...coffee, barcode: '7310865000378', name: 'Te, kopp', priceMinor: 2200 };

  /** main's side: the catalog it holds, changed by the test as another till's import would. */
  function apiWithCatalog() {
    let products: Product[] = [coffee];
    let version = 1;
    const api = {
      catalog: {
        snapshot: () => Promise.resolve({ ok: true as const, value: { version, products } }),
        quickKeys: () => Promise.resolve({ ok: true as const, value: { barcodes: [] } }),
      },
    } as unknown as PosApi;
    return {
      api,
      publish(next: Product[]) {
        products = next;
        version += 1;
      },
    };
  }

  it('waits while a cart is being built, then loads between sales and says so', async () => {
    const { api, publish } = apiWithCatalog();
    const store = createPosStore(api);
    await store.getState().loadCatalog();
    store.getState().scan(coffee.barcode);
    expect(store.getState().cart.lines).toHaveLength(1);

    publish([coffee, { ...coffee, priceMinor: 2700 }, tea].slice(1));
    store.getState().shopCatalogChanged();
    await Promise.resolve();
    // The sale in progress keeps the catalog it started with: the line, its price, and what a scan finds.
    expect(store.getState().catalogWaiting).toBe(true);
    expect(store.getState().catalogVersion).toBe(1);
    store.getState().scan(coffee.barcode);
    expect(store.getState().cart.lines[0]?.quantityMilli).toBe(2000);
    expect(store.getState().cart.lines[0]?.unitPriceMinor).toBe(2500);
    expect(store.getState().notice?.message ?? '').not.toContain('Catalog updated');

    // The cart is cleared: between sales, the new catalog is loaded and the clerk is told.
    store.getState().clearCart();
    await vi.waitFor(() => expect(store.getState().catalogVersion).toBe(2));
    expect(store.getState().catalogWaiting).toBe(false);
    expect(store.getState().catalogIndex.byBarcode.get(tea.barcode)?.name).toBe('Te, kopp');
    expect(store.getState().catalogIndex.byBarcode.get(coffee.barcode)?.priceMinor).toBe(2700);
    expect(store.getState().notice).toMatchObject({ tone: 'info', message: 'Catalog updated: 2 products from the shop.' });
  });

  it('loads at once when no sale is in progress', async () => {
    const { api, publish } = apiWithCatalog();
    const store = createPosStore(api);
    await store.getState().loadCatalog();
    publish([tea]);
    store.getState().shopCatalogChanged();
    await vi.waitFor(() => expect(store.getState().catalogVersion).toBe(2));
    expect(store.getState().catalogIndex.byBarcode.has(coffee.barcode)).toBe(false);
    expect(store.getState().notice?.message).toBe('Catalog updated: 1 product from the shop.');
  });
});

describe('a flood of scans before the catalog is there', () => {
  it('keeps thousands of them, in order, and refuses one past the limit out loud instead of dropping any silently', async () => {
    const { api, release } = apiWithSlowCatalog();
    const store = createPosStore(api);
    const loading = store.getState().loadCatalog();
    for (let i = 0; i < MAX_PENDING_SCANS; i++) store.getState().scan(coffee.barcode);
    expect(store.getState().pendingScans).toHaveLength(MAX_PENDING_SCANS);
    expect(store.getState().notice).toBeNull();

    store.getState().scan('7310555086439');
    expect(store.getState().pendingScans).toHaveLength(MAX_PENDING_SCANS);
    expect(store.getState().notice).toMatchObject({ tone: 'error' });
    expect(store.getState().notice?.message).toContain('7310555086439');

    release();
    await loading;
    // Every scan that was kept is rung up (more than the old limit of 50).
    expect(store.getState().cart.lines[0]?.quantityMilli).toBe(MAX_PENDING_SCANS * 1000);
  });
});

describe('what a scan says', () => {
  async function loadedStore() {
    const api = {
      catalog: {
        snapshot: () => Promise.resolve({ ok: true as const, value: { version: 1, products: [coffee] } }),
        quickKeys: () => Promise.resolve({ ok: true as const, value: { barcodes: [] } }),
      },
    } as unknown as PosApi;
    const store = createPosStore(api);
    await store.getState().loadCatalog();
    return store;
  }

  it('offers an unknown label code as a custom item, but not digits no barcode has', async () => {
    const store = await loadedStore();
    store.getState().scan('7310555086439');
    expect(store.getState().notice).toMatchObject({ tone: 'warning', unknownCode: '7310555086439' });
    store.getState().scan('ABC-12345');
    expect(store.getState().notice).toMatchObject({ tone: 'warning', unknownCode: 'ABC-12345' });
    store.getState().scan('055012341'); // nine digits: a scan that came apart
    expect(store.getState().notice?.tone).toBe('warning');
    expect(store.getState().notice?.message).toContain('055012341');
    expect(store.getState().notice?.unknownCode).toBeUndefined();
  });

  it('keeps an error or warning on screen through the next good scan, and clears good news', async () => {
    const store = await loadedStore();
    store.getState().scan('7310555086439');
    store.getState().scan(coffee.barcode);
    expect(store.getState().cart.lines).toHaveLength(1);
    expect(store.getState().notice?.unknownCode).toBe('7310555086439');

    store.getState().notify('success', 'Sale parked.');
    store.getState().scan(coffee.barcode);
    expect(store.getState().notice).toBeNull();
  });
});
