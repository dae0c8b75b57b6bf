import { defaultCartLimits, priceCart, type CartLimits } from './cart';
import type { Cart } from './schemas';

/** Which of a sale's limits a cart goes past, with the limit itself so the clerk can be told it. */
export type LimitHit = { kind: 'sale'; maxMinor: number } | { kind: 'line'; maxMinor: number } | { kind: 'lines'; maxLines: number };

/**
 * The limit a cart goes past, if any: checked at the moment an item is added, so the clerk hears
 * of it with the item in hand rather than at Charge. `validateCart` stays the final word.
 */
export function exceededLimit(cart: Cart, limits: CartLimits = defaultCartLimits): LimitHit | null {
  if (cart.lines.length > limits.maxLines) return { kind: 'lines', maxLines: limits.maxLines };
  const totals = priceCart(cart);
  // The sale's limit first: with one line, "per sale" is what the clerk can act on.
  if (totals.totalMinor > limits.maxCartMinor) return { kind: 'sale', maxMinor: limits.maxCartMinor };
  if (totals.lines.some((line) => line.grossBeforeDiscountMinor > limits.maxLineMinor)) {
    return { kind: 'line', maxMinor: limits.maxLineMinor };
  }
  return null;
}
