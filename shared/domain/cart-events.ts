import { z } from 'zod';
import { currencySchema, type Currency } from './money';
import { cartLineSchema, discountSchema, type Cart, type CartLine } from './schemas';

/**
 * The cart being built, as a stream of events: what the clerk registered, changed and deleted, and
 * what became of the cart (parked, opened again, added to the cart being built, cleared, closed as
 * a sale). Main keeps them in the cart-event journal (`cart.journal`); the open cart and the parked
 * carts are the replay of it.
 *
 * The names are the registrations a Swedish journal memory must hold (SKVFS 2021:16): ARCHITECTURE.md
 * maps each to its category. The format is frozen like the sales journal's: a schema may accept
 * more, never less.
 */

/** A cart's id: made by the till that starts it, unique per till. */
export const cartIdSchema = z.string().min(1).max(64);

export const cartEventSchema = z.discriminatedUnion('type', [
  /** An article put in the cart (scanned, searched, a quick key, weighed, a custom item). */
  z.object({ type: z.literal('article-registered'), cartId: cartIdSchema, currency: currencySchema, line: cartLineSchema }),
  /** A line changed: its quantity (the usual case) or its discount. The line as it is now. */
  z.object({ type: z.literal('article-changed'), cartId: cartIdSchema, line: cartLineSchema }),
  /**
   * A line's unit price changed by hand (a price override at the till, not the catalog's price):
   * the line as it is now and the unit price it had. A price change is a registration of its own.
   */
  z.object({
    type: z.literal('article-price-changed'),
    cartId: cartIdSchema,
    line: cartLineSchema,
    previousUnitPriceMinor: cartLineSchema.shape.unitPriceMinor,
  }),
  /** A line taken out of the cart. */
  z.object({ type: z.literal('article-deleted'), cartId: cartIdSchema, lineId: z.string().min(1).max(64) }),
  /** A discount on the whole cart set or removed. */
  z.object({ type: z.literal('cart-discount-changed'), cartId: cartIdSchema, discount: discountSchema.nullable() }),
  /** Every line taken out at once. */
  z.object({ type: z.literal('cart-cleared'), cartId: cartIdSchema }),
  /** The cart is held; the clerk starts another. */
  z.object({ type: z.literal('sale-parked'), cartId: cartIdSchema }),
  /** A parked cart taken up again. */
  z.object({ type: z.literal('parked-sale-opened'), cartId: cartIdSchema }),
  /**
   * Every line of the parked cart `fromCartId` moved into `cartId`, the cart being built (the
   * customer who parked a basket came back with more and pays for both at once), ids kept; the
   * parked cart is gone from then on. The event names the carts only: the lines moved are the
   * parked cart's as the journal holds them (a replay takes them from there), so no sender can move
   * other prices or quantities than were registered and parked.
   */
  z.object({ type: z.literal('parked-sale-moved'), cartId: cartIdSchema, fromCartId: cartIdSchema }),
  /**
   * A price enquiry: an article looked up (scanned or searched) to see its price, not put in the
   * cart. `cartId` is the cart open at the time; the cart itself does not change.
   */
  z.object({
    type: z.literal('price-enquiry'),
    cartId: cartIdSchema,
    currency: currencySchema,
    article: cartLineSchema.pick({
      barcode: true,
      name: true,
      unitPriceMinor: true,
      vatRate: true,
      unit: true,
      partNumber: true,
      weighed: true,
    }),
  }),
  /** The cart was charged: it is now the sale `saleId` in the sales journal. */
  z.object({ type: z.literal('sale-closed'), cartId: cartIdSchema, saleId: z.string().min(1).max(64) }),
]);
export type CartEvent = z.infer<typeof cartEventSchema>;
export type CartEventType = CartEvent['type'];
export const cartEventTypes: readonly CartEventType[] = cartEventSchema.options.map((o) => o.shape.type.value);

export const parkedCartSchema = z.object({
  cartId: cartIdSchema,
  /** ISO time it was parked. */
  parkedAt: z.string(),
  cart: z.object({ currency: currencySchema, lines: z.array(cartLineSchema).max(500), discount: discountSchema.nullable() }),
});
export type ParkedCart = z.infer<typeof parkedCartSchema>;

/** What the replay of the cart events gives: the cart being built (if any) and the parked ones, oldest first. */
export interface CartMemory {
  open: { cartId: string; cart: Cart } | null;
  parked: ParkedCart[];
}

/** Folds cart events (in journal order) into the open cart and the parked ones. Pure. */
export class CartReplay {
  private readonly carts = new Map<string, Cart>();
  private readonly parked = new Map<string, string>();
  private openId: string | null = null;

  /** Applies one event; answers false for one that does not fit (kept apart by the caller, never guessed at). */
  apply(event: CartEvent, at: string): boolean {
    const cart = this.carts.get(event.cartId);
    switch (event.type) {
      case 'article-registered': {
        const next = cart ?? emptyCart(event.currency);
        this.carts.set(event.cartId, { ...next, lines: [...next.lines.filter((l) => l.id !== event.line.id), event.line] });
        this.touch(event.cartId);
        return true;
      }
      case 'article-changed':
      case 'article-price-changed':
        if (!cart || !cart.lines.some((l) => l.id === event.line.id)) return false;
        this.carts.set(event.cartId, { ...cart, lines: cart.lines.map((l) => (l.id === event.line.id ? event.line : l)) });
        this.touch(event.cartId);
        return true;
      case 'article-deleted':
        if (!cart) return false;
        this.carts.set(event.cartId, { ...cart, lines: cart.lines.filter((l) => l.id !== event.lineId) });
        this.touch(event.cartId);
        return true;
      case 'cart-discount-changed':
        if (!cart) return false;
        this.carts.set(event.cartId, { ...cart, discount: event.discount });
        this.touch(event.cartId);
        return true;
      case 'cart-cleared':
        if (cart) this.carts.set(event.cartId, { ...cart, lines: [], discount: null });
        this.touch(event.cartId);
        return true;
      case 'sale-parked':
        if (!cart || cart.lines.length === 0) return false;
        this.parked.set(event.cartId, at);
        if (this.openId === event.cartId) this.openId = null;
        return true;
      case 'parked-sale-opened':
        if (!this.parked.has(event.cartId)) return false;
        this.parked.delete(event.cartId);
        this.openId = event.cartId;
        return true;
      case 'parked-sale-moved': {
        const from = this.carts.get(event.fromCartId);
        if (!cart || !from || !this.parked.has(event.fromCartId) || this.parked.has(event.cartId)) return false;
        if (event.fromCartId === event.cartId) return false;
        const merged = withParkedLines(cart, from);
        if (!merged) return false;
        this.carts.set(event.cartId, merged);
        this.carts.delete(event.fromCartId);
        this.parked.delete(event.fromCartId);
        this.touch(event.cartId);
        return true;
      }
      case 'price-enquiry':
        // Nothing in any cart changes: the enquiry is kept in the journal, not in the replay.
        return true;
      case 'sale-closed':
        this.carts.delete(event.cartId);
        this.parked.delete(event.cartId);
        if (this.openId === event.cartId) this.openId = null;
        return true;
    }
  }

  /** The cart an edit touched is the one being built (a parked cart is never edited while parked). */
  private touch(cartId: string): void {
    if (this.parked.has(cartId)) this.parked.delete(cartId);
    if (this.openId !== null && this.openId !== cartId) {
      // The previous open cart was left without being parked or charged (a new cart started after a
      // reload that lost its last events): it is dropped from memory, its events stay in the journal.
      this.carts.delete(this.openId);
    }
    this.openId = cartId;
  }

  memory(): CartMemory {
    const open = this.openId !== null ? this.carts.get(this.openId) : undefined;
    const parked: ParkedCart[] = [];
    for (const [cartId, parkedAt] of this.parked) {
      const cart = this.carts.get(cartId);
      if (cart) parked.push({ cartId, parkedAt, cart: { ...cart, discount: cart.discount ?? null } });
    }
    return { open: open && this.openId !== null && open.lines.length > 0 ? { cartId: this.openId, cart: open } : null, parked };
  }
}

function emptyCart(currency: Currency): Cart {
  return { currency, lines: [], discount: null };
}

/**
 * Cart `target` with every line of the parked cart `parked` after its own, ids kept ("Add to this
 * sale"); null when the two cannot be one cart: another currency, a discount on the whole parked
 * cart (it would be lost; that sale is resumed and paid on its own), or a line id in both. The
 * target's own cart discount stays and applies to the whole. Limits are the caller's (`exceededLimit`).
 */
export function withParkedLines(target: Cart, parked: Pick<Cart, 'currency' | 'lines' | 'discount'>): Cart | null {
  if (parked.currency !== target.currency || parked.discount || parked.lines.length === 0) return null;
  const ids = new Set(target.lines.map((l) => l.id));
  if (parked.lines.some((l) => ids.has(l.id))) return null;
  return { ...target, lines: [...target.lines, ...parked.lines] };
}

/**
 * The events that turn cart `before` into cart `after` (both of cart `cartId`): what the renderer
 * sends as the clerk works. Lines are matched by id; a cart emptied of several lines at once is a
 * clear. Pure and linear in the lines.
 */
export function cartDiff(cartId: string, before: Cart, after: Cart): CartEvent[] {
  const events: CartEvent[] = [];
  if (before.lines.length > 1 && after.lines.length === 0) {
    events.push({ type: 'cart-cleared', cartId });
  } else {
    const afterIds = new Set(after.lines.map((l) => l.id));
    for (const line of before.lines) if (!afterIds.has(line.id)) events.push({ type: 'article-deleted', cartId, lineId: line.id });
    const beforeById = new Map<string, CartLine>(before.lines.map((l) => [l.id, l]));
    for (const line of after.lines) {
      const was = beforeById.get(line.id);
      if (!was) events.push({ type: 'article-registered', cartId, currency: after.currency, line });
      else if (was.unitPriceMinor !== line.unitPriceMinor) {
        events.push({ type: 'article-price-changed', cartId, line, previousUnitPriceMinor: was.unitPriceMinor });
      } else if (was !== line && !sameLine(was, line)) events.push({ type: 'article-changed', cartId, line });
    }
  }
  if (!sameDiscount(before.discount, after.discount)) events.push({ type: 'cart-discount-changed', cartId, discount: after.discount });
  return events;
}

/** Two versions of a line at the same unit price (a price change is an event of its own): the same to the journal? */
function sameLine(a: CartLine, b: CartLine): boolean {
  return a.quantityMilli === b.quantityMilli && a.name === b.name && a.vatRate === b.vatRate && sameDiscount(a.discount, b.discount);
}

function sameDiscount(a: Cart['discount'] | undefined, b: Cart['discount'] | undefined): boolean {
  if (!a || !b) return (a ?? null) === (b ?? null);
  if (a.kind === 'amount' && b.kind === 'amount') return a.minor === b.minor;
  if (a.kind === 'percent' && b.kind === 'percent') return a.basisPoints === b.basisPoints;
  return false;
}
