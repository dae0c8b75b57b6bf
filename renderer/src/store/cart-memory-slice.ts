import { cartDiff, withParkedLines, type CartEvent, type ParkedCart } from '../../../shared/domain/cart-events';
import { exceededLimit } from '../../../shared/domain/cart-limits';
import type { Cart } from '../../../shared/domain/schemas';
import { t } from '../i18n';
import { limitText } from '../i18n/limits';
import type { SliceCreator } from './store';

export interface CartMemorySlice {
  /** The id of the cart being built (a new one after each park, charge or "New sale"). */
  cartId: string;
  /** Carts put aside with "Park sale", oldest first. */
  parked: ParkedCart[];
  /**
   * Reads the open cart and the parked ones back from main (after a reload, a restart, a crash) and
   * from then on sends every change to main's cart journal in the background.
   */
  restoreCart: () => Promise<void>;
  /** Holds this cart (not while a sale is on screen) and starts an empty one. False when there was nothing to park. */
  parkSale: () => boolean;
  /** Takes a parked cart up again; a cart being built is parked first, so nothing is lost. */
  resumeParked: (cartId: string) => void;
  /**
   * "Add to this sale": every line of a parked cart moved into the cart being built (ids kept; the
   * parked cart is gone). Not while a sale is on screen, nor into an empty cart (that is Resume),
   * nor when the carts cannot be one (`withParkedLines`) or the sale would go past a limit (the
   * clerk is told). False when nothing moved.
   */
  addParkedToSale: (cartId: string) => boolean;
  /** A price enquiry (Price check): journaled with the cart open now, which does not change. */
  recordPriceEnquiry: (article: Extract<CartEvent, { type: 'price-enquiry' }>['article']) => void;
  /** Sends what is waiting now; true once main has journaled every change made so far. */
  flushCart: () => Promise<boolean>;
}

/** The most events one call carries; more wait for the next call. */
const MAX_BATCH = 500;
/**
 * How long a change waits before it is sent: long enough that the scan's frame is painted first
 * (sending serialises the batch and starts a request on the renderer's thread) and a burst of
 * scans is one call and one fsync; short enough that a crash loses at most this much.
 */
export const SEND_DELAY_MS = 100;

function newCartId(): string {
  return `cart-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The open cart in main's journal. Every change to the cart is turned into events (shared
 * cart-events.ts `cartDiff`) as it happens, queued, and sent one call at a time in order; the
 * clerk never waits for it (a scan paints at once, the write follows). A call that fails is sent
 * again; main passes over events it has already journaled (numbered per `writer`, one per page load).
 */
export const createCartMemorySlice: SliceCreator<CartMemorySlice> = (api) => (set, get, store) => {
  const writer = `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let started = false;
  /** The cart as last turned into events (its events are in the outbox or sent). */
  let baseline: Cart = { currency: 'SEK', lines: [], discount: null };
  let outbox: CartEvent[] = [];
  /** The writer's number of outbox[0]. */
  let outboxFrom = 0;
  let sending = false;
  let retryMs = 0;
  let warned = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const emit = (events: readonly CartEvent[]) => {
    if (events.length === 0) return;
    outbox.push(...events);
    if (!sending && timer === null) timer = setTimeout(send, SEND_DELAY_MS);
  };

  const send = () => {
    timer = null;
    if (sending || outbox.length === 0) return;
    sending = true;
    const batch = outbox.slice(0, MAX_BATCH);
    void api.cart.record({ writer, from: outboxFrom, events: batch }).then(
      (result) => done(result.ok, batch.length),
      () => done(false, batch.length),
    );
  };

  /** Who waits for the outbox to empty (flushCart). */
  let drained: ((ok: boolean) => void)[] = [];
  const done = (ok: boolean, count: number) => {
    sending = false;
    if (outbox.length === count || !ok) {
      const waiting = drained;
      drained = [];
      for (const resolve of waiting) resolve(ok && outbox.length === count);
    }
    if (ok) {
      outbox = outbox.slice(count);
      outboxFrom += count;
      retryMs = 0;
      warned = false;
      if (outbox.length > 0 && timer === null) timer = setTimeout(send, SEND_DELAY_MS);
      return;
    }
    // Main is away (the web host restarting) or could not write: try again, a little later each time.
    retryMs = Math.min(10_000, retryMs === 0 ? 500 : retryMs * 2);
    if (!warned && retryMs >= 4_000) {
      warned = true;
      get().notify('warning', t('parked.notSaved'));
    }
    if (timer === null) timer = setTimeout(send, retryMs);
  };

  /** Runs after every change of the store: the cart's changes become events. */
  const follow = (state: { cart: Cart; sale: { id: string } | null }, previous: { sale: { id: string } | null }) => {
    if (!started) return;
    if (state.sale !== null) {
      // Charged: the cart becomes that sale (the sales journal has it from here); the next cart is new.
      if (previous.sale === null && baseline.lines.length > 0) {
        emit([{ type: 'sale-closed', cartId: get().cartId, saleId: state.sale.id }]);
        baseline = { ...baseline, lines: [], discount: null };
        set({ cartId: newCartId() });
      }
      return;
    }
    if (state.cart === baseline) return;
    emit(cartDiff(get().cartId, baseline, state.cart));
    baseline = state.cart;
  };
  store.subscribe((state, previous) => {
    if (state.cart !== previous.cart || state.sale !== previous.sale) follow(state, previous);
  });

  return {
    cartId: newCartId(),
    parked: [],

    recordPriceEnquiry: (article) => {
      const { cartId, cart } = get();
      emit([{ type: 'price-enquiry', cartId, currency: cart.currency, article }]);
    },

    flushCart: () => {
      if (outbox.length === 0 && !sending) return Promise.resolve(true);
      const promise = new Promise<boolean>((resolve) => drained.push(resolve));
      if (timer !== null) {
        clearTimeout(timer);
        send();
      }
      return promise;
    },

    restoreCart: async () => {
      const result = await api.cart.restore();
      if (result.ok) {
        const { open, parked } = result.value;
        set({ parked });
        const state = get();
        if (open && state.sale === null && state.cart.lines.length === 0) {
          baseline = open.cart;
          set({ cartId: open.cartId, cart: open.cart, selectedLineId: open.cart.lines.at(-1)?.id ?? null });
        }
      }
      started = true;
      // Anything added before the answer came is this cart's too.
      const state = get();
      if (state.sale === null && state.cart !== baseline) {
        emit(cartDiff(state.cartId, baseline, state.cart));
        baseline = state.cart;
      }
    },

    parkSale: () => {
      const state = get();
      if (state.sale !== null || state.charging || state.busy || state.cart.lines.length === 0) return false;
      const parked: ParkedCart = { cartId: state.cartId, parkedAt: new Date().toISOString(), cart: state.cart };
      if (started) emit([{ type: 'sale-parked', cartId: state.cartId }]);
      const empty: Cart = { currency: state.cart.currency, lines: [], discount: null };
      baseline = empty;
      set({ parked: [...state.parked, parked], cartId: newCartId(), cart: empty, selectedLineId: null, nextPieces: null });
      return true;
    },

    addParkedToSale: (cartId) => {
      const state = get();
      if (state.sale !== null || state.charging || state.busy || state.cart.lines.length === 0) return false;
      const wanted = state.parked.find((p) => p.cartId === cartId);
      const merged = wanted ? withParkedLines(state.cart, wanted.cart) : null;
      if (!wanted || !merged) return false;
      const hit = exceededLimit(merged);
      if (hit) {
        get().notify('error', limitText(hit, merged.currency));
        return false;
      }
      if (started) {
        emit([{ type: 'parked-sale-moved', cartId: state.cartId, fromCartId: cartId }]);
        baseline = merged;
      }
      set({
        parked: state.parked.filter((p) => p.cartId !== cartId),
        cart: merged,
        selectedLineId: merged.lines.at(-1)?.id ?? null,
        nextPieces: null,
        dialog: null,
      });
      return true;
    },

    resumeParked: (cartId) => {
      if (get().sale !== null) return;
      const wanted = get().parked.find((p) => p.cartId === cartId);
      if (!wanted) return;
      // The cart on screen is parked, never thrown away.
      get().parkSale();
      if (started) emit([{ type: 'parked-sale-opened', cartId }]);
      baseline = wanted.cart;
      set({
        parked: get().parked.filter((p) => p.cartId !== cartId),
        cartId,
        cart: wanted.cart,
        selectedLineId: wanted.cart.lines.at(-1)?.id ?? null,
        nextPieces: null,
        dialog: null,
      });
    },
  };
};
