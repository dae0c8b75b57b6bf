import type { Product } from '../../../shared/domain/schemas';
import { buildCatalogIndex, type CatalogIndex } from '../../../shared/domain/catalog-search';
import { gtinFormat, parseBarcode, type BarcodeProblem, type EmbeddedValue } from '../../../shared/domain/gtin';
import { errorText, t } from '../i18n';
import type { PosState, SliceCreator } from './store';

export interface CatalogSlice {
  catalogIndex: CatalogIndex;
  catalogVersion: number;
  catalogLoaded: boolean;
  /** Scans that arrived before the catalog was indexed; rung up as soon as it is. */
  pendingScans: string[];
  quickKeys: Product[];
  /** Another till's import is saved in main; loaded here between sales, so a sale in progress keeps its catalog. */
  catalogWaiting: boolean;
  loadCatalog: () => Promise<void>;
  /** main said the shop's catalog changed (catalog:changed): load it now if no sale is in progress, else when it ends. */
  shopCatalogChanged: () => void;
  /** Loads a waiting shop catalog and says so politely; the store calls it once the till is between sales. */
  applyWaitingCatalog: () => Promise<void>;
  /** A code from the scanner or the Barcode field: rung up, or looked up while Price check is open. */
  scan: (raw: string) => void;
  togglePin: (barcode: string) => Promise<void>;
}

/**
 * No sale in progress: no live sale on screen and no cart being built (a finished sale's screen is
 * between sales: its lines are the sale's own). A catalog swapped now changes no price in front of a customer.
 */
export function betweenSales(state: PosState): boolean {
  if (state.editingLive) return false;
  if (state.sale) return state.isFinished(state.sale);
  return state.cart.lines.length === 0;
}

/** What a scanned or typed code names in the catalog. */
export type CodeLookup =
  | { kind: 'invalid'; reason: BarcodeProblem }
  | { kind: 'unknown'; code: string }
  | { kind: 'product'; product: Product }
  /** A scale or price label: the product with the weight or price printed in its code. */
  | { kind: 'in-store'; product: Product; embedded: EmbeddedValue };

/** Looks a code up the way a scan is: a GTIN or other code by itself, a scale label by its item code. */
export function lookUpCode(index: CatalogIndex, raw: string): CodeLookup {
  const parsed = parseBarcode(raw);
  switch (parsed.kind) {
    case 'invalid':
      return { kind: 'invalid', reason: parsed.reason };
    case 'in-store': {
      // Scale labels: the catalog may list the item by its short key or by the zero-value GTIN.
      const product = index.byBarcode.get(parsed.lookupKey) ?? index.byBarcode.get(parsed.lookupGtin);
      return product ? { kind: 'in-store', product, embedded: parsed.embedded } : { kind: 'unknown', code: parsed.gtin };
    }
    case 'gtin':
    case 'other': {
      const code = parsed.kind === 'gtin' ? parsed.gtin : parsed.code;
      const product = index.byBarcode.get(code);
      return product ? { kind: 'product', product } : { kind: 'unknown', code };
    }
  }
}

/**
 * Scans kept while the catalog is indexed: far more than a clerk can scan in that time (a large
 * catalog takes seconds). One past it is refused out loud, never dropped in silence.
 */
export const MAX_PENDING_SCANS = 5000;

export const createCatalogSlice: SliceCreator<CatalogSlice> = (api) => (set, get) => ({
  catalogIndex: buildCatalogIndex([]),
  catalogVersion: -1,
  catalogLoaded: false,
  pendingScans: [],
  quickKeys: [],
  catalogWaiting: false,

  shopCatalogChanged: () => {
    set({ catalogWaiting: true });
    if (betweenSales(get())) void get().applyWaitingCatalog();
  },

  applyWaitingCatalog: async () => {
    if (!get().catalogWaiting) return;
    set({ catalogWaiting: false });
    await get().loadCatalog();
    get().notify('info', t('catalog.shopUpdated', { count: get().catalogIndex.byBarcode.size }));
  },

  loadCatalog: async () => {
    const [snapshot, keys] = await Promise.all([api.catalog.snapshot(), api.catalog.quickKeys()]);
    if (!snapshot.ok) {
      get().notify('error', errorText(snapshot.error));
      return;
    }
    const index = buildCatalogIndex(snapshot.value.products);
    const barcodes = keys.ok ? keys.value.barcodes : [];
    const pending = get().pendingScans;
    set({
      catalogIndex: index,
      catalogVersion: snapshot.value.version,
      catalogLoaded: true,
      pendingScans: [],
      quickKeys: barcodes.map((b) => index.byBarcode.get(b)).filter((p): p is Product => p !== undefined),
    });
    // Scanned before a Price check was opened, if one is: for the cart all the same.
    for (const code of pending) ringUp(get, set, code);
  },

  scan: (raw) => {
    // Price check: the code is looked up and shown, never rung up (the cart does not change).
    if (get().dialog?.kind === 'price-check') get().checkPrice(raw);
    else ringUp(get, set, raw);
  },

  togglePin: async (barcode) => {
    const current = get().quickKeys.map((p) => p.barcode);
    const next = current.includes(barcode) ? current.filter((b) => b !== barcode) : [...current, barcode];
    const result = await api.catalog.setQuickKeys({ barcodes: next });
    if (!result.ok) return get().notify('error', errorText(result.error));
    const index = get().catalogIndex;
    set({ quickKeys: result.value.barcodes.map((b) => index.byBarcode.get(b)).filter((p): p is Product => p !== undefined) });
  },
});

/** A code for the cart: added, or said to be unknown or invalid. */
function ringUp(get: () => PosState, set: (partial: Partial<PosState>) => void, raw: string): void {
  const state = get();
  // The till is usable before a large catalog is indexed; an early scan waits, it is not lost.
  if (!state.catalogLoaded) {
    if (state.pendingScans.length >= MAX_PENDING_SCANS) {
      // Never dropped silently: the clerk hears it and reads which code to scan again.
      beep();
      state.notify('error', t('scan.queueFull', { code: raw, count: state.pendingScans.length }));
      return;
    }
    set({ pendingScans: [...state.pendingScans, raw] });
    return;
  }
  // Scanning an item after a finished sale starts the next one (issue: "scanning also starts a new sale").
  if (state.sale && state.isFinished(state.sale)) state.newSale();
  if (state.sale && state.isLive(state.sale) && !state.editingLive) {
    // An item forgotten while the customer waits: change the cart (the QR code hides until the
    // link is updated), unless the sale is too far along to change.
    if (!state.startEditLive()) {
      state.notify('warning', t('scan.saleInProgress'));
      return;
    }
  }
  const found = lookUpCode(get().catalogIndex, raw);
  switch (found.kind) {
    case 'invalid':
      beep();
      state.notify('error', t('scan.invalid', { reason: t(`scan.reasons.${found.reason}`) }));
      return;
    case 'unknown':
      beep();
      // Only what could be a label is offered as a custom item's code: not a split scan's digits.
      state.notify('warning', t('scan.unknown', { code: found.code }), couldBeBarcode(found.code) ? { unknownCode: found.code } : {});
      return;
    case 'in-store':
      dismissPassingNotice();
      get().addInStoreItem(found.product, found.embedded);
      return;
    case 'product':
      // A weighed item scanned from a shelf label opens the Weight dialog (addProduct knows).
      dismissPassingNotice();
      get().addProduct(found.product);
      return;
  }

  /** Good news makes way for the next item; an error or warning stays until the clerk dismisses it. */
  function dismissPassingNotice() {
    const tone = get().notice?.tone;
    if (tone === 'success' || tone === 'info') get().dismissNotice();
  }
}

/**
 * Whether an unknown code could be printed on a label and so be worth saving with a custom item:
 * a GTIN (checked already), or a label code without spaces. Digits alone in a length no GTIN has
 * ("055012341") are a scan that came apart or a typo, never a code to keep.
 */
export function couldBeBarcode(code: string): boolean {
  if (/\s/.test(code)) return false;
  return !/^\d+$/.test(code) || gtinFormat(code) !== null;
}

let audio: AudioContext | null = null;
/** A short low tone for a rejected or unknown scan, so the clerk notices without looking. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 220;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.18);
  } catch {
    // No audio device (headless, kiosk without speakers): the on-screen message is enough.
  }
}
