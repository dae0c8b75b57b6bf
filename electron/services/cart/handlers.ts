import type { Handlers } from '../ipc/dispatch';
import type { CartActor, CartJournal } from './cart-journal';

export type CartChannel = 'cart:record' | 'cart:restore';

/**
 * `cart:*`: the clerk's window records cart events and reads the carts back at start. Who is
 * signed in is read from main's own session the moment a batch arrives, never from the window.
 */
export function createCartHandlers(carts: CartJournal, actor: () => CartActor | null = () => null): Pick<Handlers, CartChannel> {
  return {
    'cart:record': async ({ writer, from, events }) => {
      await carts.record(writer, from, events, actor());
      return null;
    },
    'cart:restore': () => carts.memory(),
  };
}
