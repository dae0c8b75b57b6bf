import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import type { Cart } from '../../../../shared/domain/schemas';
import { createDisplayHandlers } from '../../../../electron/services/display/handlers';
import { createDispatcher, type Handlers } from '../../../../electron/services/ipc/dispatch';
import { EventBus } from '../../../../electron/services/ipc/event-bus';

const line = (unitPriceMinor: number) => ({
  id: 'l1',
  barcode: '',
  name: 'Kaffe',
  unitPriceMinor,
  vatRate: 1200,
  quantityMilli: 2000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: true,
});
const cart = (unitPriceMinor: number): Cart => ({ currency: 'SEK', discount: null, lines: [line(unitPriceMinor)] });

function setup() {
  const events = new EventBus();
  const sent: unknown[] = [];
  events.subscribe((name, payload) => {
    if (name === 'display:cart') sent.push(payload);
  });
  const dispatch = createDispatcher(createDisplayHandlers(events) as unknown as Handlers);
  return { dispatch, sent };
}

describe('the customer display handlers', () => {
  it('price the cart with the sale code, broadcast it, and answer it to a display opened later', async () => {
    const { dispatch, sent } = setup();
    expect(await dispatch('display:current', undefined)).toEqual({ ok: true, value: null });
    expect(await dispatch('display:showCart', { cart: cart(2500) })).toEqual({ ok: true, value: null });
    const totals = priceCart(cart(2500));
    expect(sent).toEqual([{ totals }]);
    expect(await dispatch('display:current', undefined)).toEqual({ ok: true, value: totals });
  });

  it('show no cart for an empty cart, a cleared one, or one half-way through an edit that does not price', async () => {
    const { dispatch, sent } = setup();
    await dispatch('display:showCart', { cart: cart(2500) });
    await dispatch('display:showCart', { cart: { currency: 'SEK', discount: null, lines: [] } });
    await dispatch('display:showCart', { cart: cart(2500) });
    await dispatch('display:showCart', { cart: null });
    await dispatch('display:showCart', { cart: { ...cart(2500), lines: [{ ...line(2500), quantityMilli: 1500 }] } }); // 1.5 pieces
    expect(sent.map((s) => (s as { totals: unknown }).totals === null)).toEqual([false, true, false, true, true]);
    expect(await dispatch('display:current', undefined)).toEqual({ ok: true, value: null });
  });
});
