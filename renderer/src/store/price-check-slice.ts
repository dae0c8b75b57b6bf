import type { CartEvent } from '../../../shared/domain/cart-events';
import type { BarcodeProblem } from '../../../shared/domain/gtin';
import type { Currency } from '../../../shared/domain/money';
import type { Product } from '../../../shared/domain/schemas';
import { beep, lookUpCode } from './catalog-slice';
import { needsSignIn } from './staff-slice';
import type { SliceCreator } from './store';

/** An article as a price enquiry journals it (shared/domain/cart-events.ts `price-enquiry`). */
export type PriceEnquiryArticle = Extract<CartEvent, { type: 'price-enquiry' }>['article'];

/** What the Price check dialog shows for the last code scanned or typed. */
export type PriceCheckResult =
  | { kind: 'article'; article: PriceEnquiryArticle; currency: Currency; labelWeightMilli?: number }
  | { kind: 'unknown'; code: string }
  | { kind: 'invalid'; reason: BarcodeProblem }
  /** The catalog is still being indexed: nothing to look in yet (the scan is not kept, nor rung up). */
  | { kind: 'loading' };

export interface PriceCheckSlice {
  /** The last answer of the Price check dialog (null: waiting for the first scan). */
  priceCheck: PriceCheckResult | null;
  /**
   * Opens Price check (button or F9) on Sell where items can be added. While it is open every scan,
   * from the scanner or typed, is looked up and never rung up. False when it cannot open now.
   */
  openPriceCheck: () => boolean;
  /** A scanned or typed code, looked up for Price check; the enquiry is journaled. */
  checkPrice: (raw: string) => void;
  /** A product picked in Price check's search, looked up the same way. */
  checkProductPrice: (product: Product) => void;
}

function articleOf(product: Product, changes: Partial<PriceEnquiryArticle> = {}): PriceEnquiryArticle {
  const { barcode, name, priceMinor, vatRate, unit, partNumber, weighed } = product;
  return { barcode, name, unitPriceMinor: priceMinor, vatRate, unit, partNumber, weighed, ...changes };
}

export const createPriceCheckSlice: SliceCreator<PriceCheckSlice> = () => (set, get) => {
  const show = (article: PriceEnquiryArticle, labelWeightMilli?: number) => {
    const currency = get().cart.currency;
    set({ priceCheck: { kind: 'article', article, currency, ...(labelWeightMilli !== undefined ? { labelWeightMilli } : {}) } });
    // SKVFS 2014:9: a price enquiry is a registration of its own in the journal memory.
    get().recordPriceEnquiry(article);
  };
  return {
    priceCheck: null,

    openPriceCheck: () => {
      const state = get();
      if (state.screen !== 'sell' || state.dialog !== null || needsSignIn(state)) return false;
      // Only where items can be added (no payment on screen): that is where its button is.
      if (state.sale !== null && !state.editingLive) return false;
      set({ priceCheck: null, dialog: { kind: 'price-check' } });
      return true;
    },

    checkPrice: (raw) => {
      if (!get().catalogLoaded) {
        set({ priceCheck: { kind: 'loading' } });
        return;
      }
      const found = lookUpCode(get().catalogIndex, raw);
      switch (found.kind) {
        case 'invalid':
        case 'unknown':
          beep();
          set({ priceCheck: found });
          return;
        case 'product':
          show(articleOf(found.product));
          return;
        case 'in-store':
          // A scale label: the price per kg and the weight on it; a price label: the price printed on it.
          if (found.embedded.kind === 'weight') show(articleOf(found.product, { weighed: true }), found.embedded.quantityMilli);
          else show(articleOf(found.product, { weighed: false, unitPriceMinor: found.embedded.priceMinor }));
          return;
      }
    },

    checkProductPrice: (product) => show(articleOf(product)),
  };
};
