import { priceCart, validateCart } from '../../../shared/domain/cart';
import type { CartTotals } from '../../../shared/domain/schemas';
import type { Handlers } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';

export type DisplayChannel = 'display:showCart' | 'display:current';

/** The customer display: the cart is priced here, with the same code as the sale, and broadcast. */
export function createDisplayHandlers(events: Pick<EventBus, 'emit'>): Pick<Handlers, DisplayChannel> {
  let displayedCart: CartTotals | null = null;
  return {
    'display:showCart': ({ cart }) => {
      // A cart half-way through an edit may not price (yet): the display then shows no cart.
      displayedCart = cart && cart.lines.length > 0 && validateCart(cart).length === 0 ? priceCart(cart) : null;
      events.emit('display:cart', { totals: displayedCart });
      return Promise.resolve(null);
    },
    'display:current': () => Promise.resolve(displayedCart),
  };
}
