import type { Cart, Discount, Product } from '../../../shared/domain/schemas';
import type { Currency } from '../../../shared/domain/money';
import type { EmbeddedValue } from '../../../shared/domain/gtin';
import * as cartOps from '../../../shared/domain/cart';
import type { CartProblem } from '../../../shared/domain/cart';
import { exceededLimit, type LimitHit } from '../../../shared/domain/cart-limits';
import { limitText } from '../i18n/limits';
import type { SliceCreator } from './store';

export interface CartSlice {
  cart: Cart;
  selectedLineId: string | null;
  /** Pieces for the next item scanned or picked (the clerk typed "24*"), or null for one. */
  nextPieces: number | null;
  /** "24*": the next non-weighed item is added that many times. Out of range clears it. */
  setNextPieces: (pieces: number | null) => void;
  /**
   * A scanned, searched or quick-key product. A weighed product without its weight opens the Weight
   * dialog instead. An item that would take the sale past a limit is not added and the clerk is told.
   */
  addProduct: (product: Product, quantityMilli?: number) => void;
  /** The Weight dialog's answer: answers the limit it would go past (nothing is added then), else null. */
  addWeighed: (product: Product, grams: number) => LimitHit | null;
  /** Answers the limit the item would go past (nothing is added then), else null. */
  addCustomItem: (item: { name: string; priceMinor: number; vatRate: number }) => LimitHit | null;
  /** A scale or price label: the product with the weight or price printed in its code. */
  addInStoreItem: (product: Product, embedded: EmbeddedValue) => void;
  selectLine: (lineId: string | null) => void;
  /** Moves the selection up or down the cart (arrow keys). */
  moveSelection: (delta: 1 | -1) => void;
  changeSelectedQuantity: (deltaPieces: 1 | -1) => void;
  setLineQuantity: (lineId: string, quantityMilli: number) => void;
  removeSelectedLine: () => void;
  removeLine: (lineId: string) => void;
  setLineDiscount: (lineId: string, discount: Discount | null) => void;
  /**
   * A price change on a line (journaled as `article-price-changed`). Answers what stops it (nothing
   * changes then): a price the cart's rules refuse, a limit the sale would go past, or 'busy' while
   * the cart cannot be edited (charging, a sale on screen); else null.
   */
  setLinePrice: (lineId: string, unitPriceMinor: number) => CartProblem | LimitHit | 'busy' | null;
  setCartDiscount: (discount: Discount | null) => void;
  clearCart: () => void;
  setCurrency: (currency: Currency) => void;
}

const emptyCart = (currency: Currency = 'SEK'): Cart => ({ currency, lines: [], discount: null });

/** The most pieces "N*" may ask for at once: more is a slip of the finger, not a quantity. */
export const MAX_NEXT_PIECES = 9999;

/** A quantity typed in the Quantity field: whole pieces, 1 to MAX_NEXT_PIECES; null for anything else. */
export function parsePieces(text: string): number | null {
  if (!/^\s*\d{1,4}\s*$/.test(text)) return null;
  const pieces = Number(text);
  return pieces >= 1 && pieces <= MAX_NEXT_PIECES ? pieces : null;
}

export const createCartSlice: SliceCreator<CartSlice> = () => (set, get) => {
  /**
   * The cart is frozen while a sale is on screen — waiting, and also after it ended, until "New
   * sale" — so the cart that was charged can never be edited or charged a second time by mistake.
   * The one exception is changing the cart of a live sale on purpose (editingLive).
   */
  const editable = () => (get().sale === null || get().editingLive) && !get().charging && !get().busy;
  const update = (next: Cart, selectedLineId: string | null = get().selectedLineId) => {
    if (!editable()) return;
    set({ cart: next, selectedLineId });
  };
  /** Takes a cart with an item added, unless it goes past a limit; selects the line it touched. */
  const add = (next: Cart): LimitHit | null => {
    const hit = exceededLimit(next);
    if (hit) return hit;
    const touched = next.lines.find((l) => !get().cart.lines.includes(l)) ?? next.lines.at(-1) ?? null;
    update(next, touched?.id ?? null);
    return null;
  };
  /** A quantity change that would take the sale past a limit is not made; the clerk is told which. */
  const change = (next: Cart) => {
    const hit = exceededLimit(next);
    if (hit) get().notify('error', limitText(hit, get().cart.currency));
    else update(next);
  };

  return {
    cart: emptyCart(),
    selectedLineId: null,
    nextPieces: null,
    setNextPieces: (pieces) =>
      set({ nextPieces: pieces !== null && Number.isSafeInteger(pieces) && pieces >= 1 && pieces <= MAX_NEXT_PIECES ? pieces : null }),
    addProduct: (product, quantityMilli) => {
      if (product.weighed && quantityMilli === undefined) {
        // A weight is asked for instead; a typed "N*" does not apply to it.
        if (editable()) set({ nextPieces: null, dialog: { kind: 'weight', code: product.barcode } });
        return;
      }
      const pieces = get().nextPieces;
      const quantity = quantityMilli ?? (pieces !== null && !product.weighed ? pieces * cartOps.PIECE : undefined);
      const hit = add(cartOps.addProduct(get().cart, product, quantity));
      // The typed quantity is used once, or dropped with the item that could not be added.
      if (pieces !== null && editable()) set({ nextPieces: null });
      if (hit) get().notify('error', limitText(hit, get().cart.currency));
    },
    addWeighed: (product, grams) => add(cartOps.addProduct(get().cart, { ...product, weighed: true }, grams)),
    addInStoreItem: (product, embedded) => {
      const hit = add(cartOps.addInStoreItem(get().cart, product, embedded));
      if (hit) get().notify('error', limitText(hit, get().cart.currency));
    },
    addCustomItem: (item) => add(cartOps.addCustomItem(get().cart, item)),
    selectLine: (lineId) => set({ selectedLineId: lineId }),
    moveSelection: (delta) => {
      const { lines } = get().cart;
      if (lines.length === 0) return;
      const index = lines.findIndex((l) => l.id === get().selectedLineId);
      const nextIndex = index === -1 ? lines.length - 1 : Math.min(lines.length - 1, Math.max(0, index + delta));
      set({ selectedLineId: lines[nextIndex]?.id ?? null });
    },
    changeSelectedQuantity: (deltaPieces) => {
      const id = get().selectedLineId;
      if (!id) return;
      const line = get().cart.lines.find((l) => l.id === id);
      if (!line || line.weighed) return;
      if (line.quantityMilli + deltaPieces * 1000 <= 0) return;
      change(cartOps.changeQuantityBy(get().cart, id, deltaPieces));
    },
    setLineQuantity: (lineId, quantityMilli) => change(cartOps.setQuantity(get().cart, lineId, quantityMilli)),
    removeSelectedLine: () => {
      const id = get().selectedLineId;
      if (id) get().removeLine(id);
    },
    removeLine: (lineId) => {
      const { lines } = get().cart;
      const index = lines.findIndex((l) => l.id === lineId);
      const next = cartOps.removeLine(get().cart, lineId);
      const neighbour = next.lines[Math.min(index, next.lines.length - 1)] ?? null;
      update(next, neighbour?.id ?? null);
    },
    setLineDiscount: (lineId, discount) => update(cartOps.setLineDiscount(get().cart, lineId, discount)),
    setLinePrice: (lineId, unitPriceMinor) => {
      if (!editable()) return 'busy';
      const problem = cartOps.unitPriceProblem(get().cart, lineId, unitPriceMinor);
      // A line past its limit is said with the limit's amount, as when an item is added.
      if (problem && problem.key !== 'cartLineTooExpensive') return problem;
      const next = cartOps.setUnitPrice(get().cart, lineId, unitPriceMinor);
      const hit = exceededLimit(next);
      if (hit) return hit;
      update(next);
      return null;
    },
    setCartDiscount: (discount) => update(cartOps.setCartDiscount(get().cart, discount)),
    clearCart: () => update(emptyCart(get().cart.currency), null),
    setCurrency: (currency) => {
      if (get().cart.lines.length === 0) set({ cart: emptyCart(currency) });
    },
  };
};
