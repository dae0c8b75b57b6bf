import type { PosApi } from '../../../shared/ipc/contract';
import type { PosStore } from '../store/store';

/**
 * Keeps the customer display in step with the cart the clerk is building: after each change (at
 * most every `delayMs`, so a burst of scans is one message) the clerk's window publishes it through
 * main, which prices it and tells every customer display. While a sale is on screen the display
 * shows the sale instead, so nothing is published then (except a live cart being changed).
 */
export function publishCartToDisplay(store: PosStore, api: Pick<PosApi, 'display'>, delayMs = 120): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sent: unknown = undefined;
  const shown = () => {
    const { cart, sale, editingLive } = store.getState();
    return (sale === null || editingLive) && cart.lines.length > 0 ? cart : null;
  };
  const flush = () => {
    timer = null;
    const cart = shown();
    if (cart === sent) return;
    sent = cart;
    void api.display.showCart({ cart });
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.cart === previous.cart && state.sale === previous.sale && state.editingLive === previous.editingLive) return;
    if (timer === null) timer = setTimeout(flush, delayMs);
  });
  flush();
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
