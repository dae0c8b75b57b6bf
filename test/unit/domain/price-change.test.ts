import { describe, expect, it } from 'vitest';
import { cartDiff, CartReplay } from '../../../shared/domain/cart-events';
import {
  addProduct,
  MAX_CART_MINOR,
  priceCart,
  reductionsOf,
  setCartDiscount,
  setLineDiscount,
  setUnitPrice,
  unitPriceProblem,
} from '../../../shared/domain/cart';
import { MAX_MINOR } from '../../../shared/domain/money';
import { parseMoneyInput } from '../../../shared/domain/format';
import type { Cart, CartLine } from '../../../shared/domain/schemas';

const coffee: CartLine = {
  id: 'l1',
  barcode: '7310865000361',
  name: 'Kaffe',
  unitPriceMinor: 2500,
  vatRate: 1200,
  quantityMilli: 2000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: false,
};
const sek = (...lines: CartLine[]): Cart => ({ currency: 'SEK', lines, discount: null });

describe('a price change on a cart line', () => {
  it('is refused, not thrown, when the cart’s amount discount would be larger than the cart at the new price', () => {
    const cart = setCartDiscount(sek(coffee), { kind: 'amount', minor: 4000 });
    expect(unitPriceProblem(cart, 'l1', 1500)).toMatchObject({ key: 'cartDiscountTooLarge' });
    expect(unitPriceProblem(cart, 'l1', 2000)).toBeNull();
  });

  it('keeps a re-priced line apart: the same item scanned again at its new price is a line of its own', () => {
    const product = { barcode: coffee.barcode, name: 'Kaffe', priceMinor: 2500, vatRate: 1200, weighed: false, unit: 'st', partNumber: '' };
    const repriced = setUnitPrice(sek(coffee), 'l1', 2000);
    const scanned = addProduct(repriced, product, undefined, { unitPriceMinor: 2000, newId: () => 'l2' });
    expect(scanned.lines.map((l) => [l.id, l.quantityMilli, l.priceBeforeChangeMinor])).toEqual([
      ['l1', 2000, 2500],
      ['l2', 1000, undefined],
    ]);
  });

  it('sets the unit price, keeps the price it had, and prices the line at the new one', () => {
    const changed = setUnitPrice(sek(coffee), 'l1', 1950);
    expect(changed.lines[0]).toEqual({ ...coffee, unitPriceMinor: 1950, priceBeforeChangeMinor: 2500 });
    expect(priceCart(changed).totalMinor).toBe(3900);
  });

  it('keeps the first price through a second change, and is an ordinary line again when changed back', () => {
    const twice = setUnitPrice(setUnitPrice(sek(coffee), 'l1', 1950), 'l1', 1000);
    expect(twice.lines[0]).toMatchObject({ unitPriceMinor: 1000, priceBeforeChangeMinor: 2500 });
    const back = setUnitPrice(twice, 'l1', 2500);
    expect(back.lines[0]).toEqual(coffee);
    expect('priceBeforeChangeMinor' in back.lines[0]!).toBe(false);
  });

  it('answers the same cart for the same price (no event), and is journaled as a price change naming the old price', () => {
    const cart = sek(coffee);
    expect(setUnitPrice(cart, 'l1', 2500)).toBe(cart);
    const changed = setUnitPrice(cart, 'l1', 1950);
    const events = cartDiff('c1', cart, changed);
    expect(events).toEqual([{ type: 'article-price-changed', cartId: 'c1', line: changed.lines[0], previousUnitPriceMinor: 2500 }]);
    // A reload gives the line back with the price it had (the struck-through price on screen).
    const replay = new CartReplay();
    replay.apply({ type: 'article-registered', cartId: 'c1', currency: 'SEK', line: coffee }, '2026-12-06T10:00:00Z');
    for (const e of events) expect(replay.apply(e, '2026-12-06T10:00:01Z')).toBe(true);
    expect(replay.memory().open?.cart.lines[0]).toMatchObject({ unitPriceMinor: 1950, priceBeforeChangeMinor: 2500 });
  });

  it('refuses what the cart rules refuse: negative, too large, öre in ISK, a line past its limit, a discount larger than the line', () => {
    const cart = sek(coffee);
    expect(unitPriceProblem(cart, 'l1', -1)?.key).toBe('cartLinePriceNegative');
    expect(unitPriceProblem(cart, 'l1', MAX_MINOR + 1)?.key).toBe('cartLinePriceTooLarge');
    expect(unitPriceProblem(cart, 'l1', 1.5)?.key).toBe('cartLinePriceNegative');
    expect(unitPriceProblem({ ...cart, currency: 'ISK' }, 'l1', 25_050)?.key).toBe('cartLinePriceWholeKronur');
    expect(unitPriceProblem({ ...cart, currency: 'ISK' }, 'l1', 25_000)).toBeNull();
    expect(unitPriceProblem(cart, 'l1', MAX_CART_MINOR / 2 + 1)?.key).toBe('cartLineTooExpensive'); // × 2 pieces
    const discounted = setLineDiscount(cart, 'l1', { kind: 'amount', minor: 3000 });
    expect(unitPriceProblem(discounted, 'l1', 1000)?.key).toBe('cartLineDiscountTooLarge');
    expect(unitPriceProblem(cart, 'l1', 0)).toBeNull(); // free of charge is a price
  });

  it('counts a lowered price with the discounts against the goods at their prices before the change', () => {
    const bun: CartLine = { ...coffee, id: 'l2', name: 'Bulle', unitPriceMinor: 1500, quantityMilli: 1000 };
    const cart = { ...setUnitPrice(sek(coffee, bun), 'l1', 2000), discount: { kind: 'amount' as const, minor: 500 } };
    // Before: 2 × 25.00 + 15.00 = 65.00; off: 2 × 5.00 by hand + 5.00 discount.
    expect(reductionsOf(cart)).toEqual({ reductionMinor: 1500, grossMinor: 6500 });
    // A price raised by hand takes nothing off.
    expect(reductionsOf(setUnitPrice(sek(coffee), 'l1', 3000))).toEqual({ reductionMinor: 0, grossMinor: 6000 });
  });
});

describe('a typed amount refused says why as a code', () => {
  it.each([
    ['', 'empty'],
    ['-5', 'negative'],
    ['abc', 'not-digits'],
    ['1.2.3,4', 'grouping'],
    ['12,345', 'decimals'],
    ['99999999999', 'too-large'],
    ['9999999999999', 'too-large'],
  ] as const)('%j → %s', (text, problem) => {
    expect(parseMoneyInput(text, 'SEK')).toMatchObject({ ok: false, problem });
  });
});
