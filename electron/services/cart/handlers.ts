import type { Handlers } from '../ipc/dispatch';
import type { CartJournal } from './cart-journal';

export type CartChannel = 'cart:record' | 'cart:restore';

/** `cart:*`: the clerk's window records cart events and reads the carts back at start. */
export function createCartHandlers(carts: CartJournal): Pick<Handlers, CartChannel> {
  return {
    'cart:record': async ({ writer, from, events }) => {
      await carts.record(writer, from, events);
      return null;
    },
    'cart:restore': () => carts.memory(),
  };
}
