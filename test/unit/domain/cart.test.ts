import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CART_MINOR,
  addCustomItem,
  addInStoreItem,
  addProduct,
  allocateProportionally,
  changeQuantityBy,
  clear,
  clearCart,
  counterLineIds,
  emptyCart,
  priceCart,
  randomLineId,
  removeLine,
  setCartDiscount,
  setLineDiscount,
  setQuantity,
  toProviderRows,
  validateCart,
} from '../../../shared/domain/cart';
import type { Cart, CartLine, CartTotals, Discount, Product } from '../../../shared/domain/schemas';
import { cartTotalsSchema } from '../../../shared/domain/schemas';
import { divRound } from '../../../shared/domain/money';
import type { Currency } from '../../../shared/domain/money';
import { isMessageKey } from '../../../shared/messages';

function line(partial: Partial<CartLine> & Pick<CartLine, 'id' | 'unitPriceMinor' | 'vatRate' | 'quantityMilli'>): CartLine {
  return {
    barcode: '',
    name: partial.id,
    weighed: false,
    unit: 'st',
    partNumber: '',
    discount: null,
    custom: false,
    ...partial,
  };
}

/** A Swedish basket before the food VAT change: 25 %, 12 % (food), 6 % (newspaper), a weighed item. */
const swedishCart: Cart = {
  currency: 'SEK',
  discount: { kind: 'amount', minor: 1000 },
  lines: [
    line({
      id: 'a-dish',
      name: 'Diskmedel',
      unitPriceMinor: 3490,
      vatRate: 2500,
      quantityMilli: 2000,
      discount: { kind: 'percent', basisPoints: 1000 },
    }),
    line({ id: 'b-coffee', name: 'Kaffe', unitPriceMinor: 5990, vatRate: 1200, quantityMilli: 1000 }),
    line({ id: 'c-paper', name: 'Tidning', unitPriceMinor: 3900, vatRate: 600, quantityMilli: 1000 }),
    line({ id: 'd-apples', name: 'Äpplen', unitPriceMinor: 2990, vatRate: 1200, quantityMilli: 345, weighed: true, unit: 'kg' }),
  ],
};

describe('priceCart on a Swedish example worked by hand', () => {
  const totals = priceCart(swedishCart);
  const byId = new Map(totals.lines.map((l) => [l.id, l]));

  it('prices pieces exactly and rounds the weighed line to the öre', () => {
    expect(byId.get('a-dish')?.grossBeforeDiscountMinor).toBe(6980);
    // 0.345 kg × 29.90 = 10.3155 → 10.32
    expect(byId.get('d-apples')?.grossBeforeDiscountMinor).toBe(1032);
    expect(totals.subtotalMinor).toBe(17902);
  });

  it('spreads the 10.00 cart discount by largest remainder after the 10 % line discount', () => {
    // After line discounts: 62.82, 59.90, 39.00, 10.32 = 172.04. Exact shares 365.15, 348.17, 226.69, 59.99;
    // floors sum to 998, the two largest remainders (apples, paper) get the last öre each.
    expect(byId.get('a-dish')?.discountMinor).toBe(698 + 365);
    expect(byId.get('b-coffee')?.discountMinor).toBe(348);
    expect(byId.get('c-paper')?.discountMinor).toBe(227);
    expect(byId.get('d-apples')?.discountMinor).toBe(60);
    expect(totals.lines.map((l) => l.totalMinor)).toEqual([5917, 5642, 3673, 972]);
    expect(totals.discountMinor).toBe(1698);
    expect(totals.totalMinor).toBe(16204);
  });

  it('extracts VAT per rate from each rate’s gross, highest rate first', () => {
    expect(totals.vat).toEqual([
      { vatRate: 2500, grossMinor: 5917, vatMinor: 1183, netMinor: 4734 }, // 59.17 × 25/125 = 11.834
      { vatRate: 1200, grossMinor: 6614, vatMinor: 709, netMinor: 5905 }, // 66.14 × 12/112 = 7.0864
      { vatRate: 600, grossMinor: 3673, vatMinor: 208, netMinor: 3465 }, // 36.73 × 6/106 = 2.0790
    ]);
    expect(totals.vatTotalMinor).toBe(2100);
  });

  it('answers the shape the journal stores', () => {
    expect(cartTotalsSchema.parse(totals)).toEqual(totals);
  });

  it('turns the lines into provider rows that add up to the total, weighed as one row with its weight', () => {
    const rows = toProviderRows(totals);
    expect(rows[0]).toMatchObject({ name: 'Diskmedel', quantity: 2, unitAmount: 3490, discountAmount: 1063, vatRate: 2500 });
    expect(rows[3]).toMatchObject({
      name: 'Äpplen',
      quantity: 1,
      unitAmount: 1032,
      discountAmount: 60,
      unit: 'kg',
      description: '0.345 kg × 29.90',
    });
    expect(rows.reduce((s, r) => s + r.unitAmount * r.quantity - r.discountAmount, 0)).toBe(16204);
  });
});

describe('priceCart edge cases', () => {
  it('gives a tied öre to the smaller line id, wherever the line stands', () => {
    const a = line({ id: 'a', unitPriceMinor: 1000, vatRate: 2500, quantityMilli: 1000 });
    const b = line({ id: 'b', unitPriceMinor: 1000, vatRate: 2500, quantityMilli: 1000 });
    for (const lines of [
      [a, b],
      [b, a],
    ]) {
      const totals = priceCart({ currency: 'SEK', discount: { kind: 'amount', minor: 1 }, lines });
      expect(totals.lines.find((l) => l.id === 'a')?.discountMinor).toBe(1);
      expect(totals.lines.find((l) => l.id === 'b')?.discountMinor).toBe(0);
    }
  });

  it('takes a percent cart discount of the total after line discounts', () => {
    const totals = priceCart({
      currency: 'EUR',
      discount: { kind: 'percent', basisPoints: 1000 },
      lines: [line({ id: 'x', unitPriceMinor: 1000, vatRate: 2550, quantityMilli: 3000, discount: { kind: 'amount', minor: 500 } })],
    });
    // 30.00 − 5.00 = 25.00; 10 % of that is 2.50
    expect(totals.lines[0]?.discountMinor).toBe(750);
    expect(totals.totalMinor).toBe(2250);
  });

  it('omits a VAT rate whose lines were discounted to nothing', () => {
    const totals = priceCart({
      currency: 'SEK',
      discount: null,
      lines: [
        line({ id: 'free', unitPriceMinor: 500, vatRate: 600, quantityMilli: 1000, discount: { kind: 'percent', basisPoints: 10_000 } }),
        line({ id: 'paid', unitPriceMinor: 500, vatRate: 2500, quantityMilli: 1000 }),
      ],
    });
    expect(totals.vat.map((v) => v.vatRate)).toEqual([2500]);
  });

  it('rounds ISK to whole krónur so every paid amount ends in 00', () => {
    const totals = priceCart({
      currency: 'ISK',
      discount: { kind: 'percent', basisPoints: 333 },
      lines: [
        line({ id: 'fish', unitPriceMinor: 249_900, vatRate: 1100, quantityMilli: 457, weighed: true }),
        line({ id: 'soap', unitPriceMinor: 59_900, vatRate: 2400, quantityMilli: 3000 }),
      ],
    });
    for (const l of totals.lines) {
      expect(l.grossBeforeDiscountMinor % 100).toBe(0);
      expect(l.totalMinor % 100).toBe(0);
    }
    // 0.457 × 2499 kr = 1142.04 kr → 1142 kr
    expect(totals.lines[0]?.grossBeforeDiscountMinor).toBe(114_200);
  });

  it('refuses to price a line whose discount is larger than the line', () => {
    const cart: Cart = {
      currency: 'SEK',
      discount: null,
      lines: [line({ id: 'x', unitPriceMinor: 100, vatRate: 2500, quantityMilli: 1000, discount: { kind: 'amount', minor: 101 } })],
    };
    expect(() => priceCart(cart)).toThrow(RangeError);
  });

  it('refuses a cart discount larger than the cart', () => {
    const cart: Cart = {
      currency: 'SEK',
      discount: { kind: 'amount', minor: 201 },
      lines: [line({ id: 'x', unitPriceMinor: 100, vatRate: 2500, quantityMilli: 2000 })],
    };
    expect(() => priceCart(cart)).toThrow(RangeError);
  });

  it('prices an empty cart at zero', () => {
    const totals = priceCart(emptyCart('NOK'));
    expect(totals).toMatchObject({ subtotalMinor: 0, discountMinor: 0, totalMinor: 0, vat: [], vatTotalMinor: 0 });
  });
});

describe('allocateProportionally', () => {
  it('splits exactly and in proportion', () => {
    const shares = allocateProportionally(100, [
      { id: 'c', weight: 500 },
      { id: 'a', weight: 500 },
      { id: 'b', weight: 500 },
    ]);
    expect([...shares.values()].sort()).toEqual([33, 33, 34]);
    expect(shares.get('a')).toBe(34);
  });

  it('refuses to hand out more than there is', () => {
    expect(() => allocateProportionally(11, [{ id: 'a', weight: 10 }])).toThrow(RangeError);
  });

  it('gives nothing to a line worth nothing', () => {
    const shares = allocateProportionally(7, [
      { id: 'a', weight: 0 },
      { id: 'b', weight: 10 },
    ]);
    expect(shares.get('a')).toBe(0);
    expect(shares.get('b')).toBe(7);
  });
});

describe('validateCart', () => {
  const ok = line({ id: 'ok', name: 'Bröd', unitPriceMinor: 3500, vatRate: 1200, quantityMilli: 1000 });
  const cart = (lines: CartLine[], discount: Discount | null = null, currency: Currency = 'SEK'): Cart => ({ currency, lines, discount });

  it('accepts a good cart', () => {
    expect(validateCart(swedishCart)).toEqual([]);
    expect(validateCart(cart([ok]))).toEqual([]);
  });

  it.each([
    ['an empty cart', cart([]), { key: 'cartEmpty' }],
    ['a zero quantity', cart([{ ...ok, quantityMilli: 0 }]), { key: 'cartLineQuantityNotPositive', params: { name: 'Bröd' } }],
    ['a negative quantity', cart([{ ...ok, quantityMilli: -1000 }]), { key: 'cartLineQuantityNotPositive', params: { name: 'Bröd' } }],
    ['half a piece', cart([{ ...ok, quantityMilli: 1500 }]), { key: 'cartLinePiecesNotWhole', params: { name: 'Bröd' } }],
    ['a negative price', cart([{ ...ok, unitPriceMinor: -1 }]), { key: 'cartLinePriceNegative', params: { name: 'Bröd' } }],
    [
      'a line discount above the line',
      cart([{ ...ok, discount: { kind: 'amount', minor: 3501 } }]),
      { key: 'cartLineDiscountTooLarge', params: { name: 'Bröd' } },
    ],
    [
      'a percent above 100',
      cart([{ ...ok, discount: { kind: 'percent', basisPoints: 10_001 } }]),
      { key: 'cartLineDiscountOver100', params: { name: 'Bröd' } },
    ],
    [
      'a negative line discount',
      cart([{ ...ok, discount: { kind: 'amount', minor: -5 } }]),
      { key: 'cartLineDiscountNegative', params: { name: 'Bröd' } },
    ],
    ['a cart discount above the cart', cart([ok], { kind: 'amount', minor: 3501 }), { key: 'cartDiscountTooLarge' }],
    ['a cart percent above 100', cart([ok], { kind: 'percent', basisPoints: 20_000 }), { key: 'cartDiscountOver100' }],
    [
      'a cart discount in aurar',
      cart([{ ...ok, unitPriceMinor: 3500 }], { kind: 'amount', minor: 50 }, 'ISK'),
      { key: 'cartDiscountWholeKronur' },
    ],
    [
      'a line above the maximum',
      cart([{ ...ok, unitPriceMinor: MAX_CART_MINOR + 1 }]),
      { key: 'cartLineTooExpensive', params: { name: 'Bröd' } },
    ],
    [
      'a total above the maximum',
      cart([
        { ...ok, unitPriceMinor: MAX_CART_MINOR },
        { ...ok, id: 'second', unitPriceMinor: 1 },
      ]),
      { key: 'cartTotalTooLarge' },
    ],
    [
      'an ISK price in aurar',
      cart([{ ...ok, unitPriceMinor: 3550 }], null, 'ISK'),
      { key: 'cartLinePriceWholeKronur', params: { name: 'Bröd' } },
    ],
    ['a bad VAT rate', cart([{ ...ok, vatRate: 12_000 }]), { key: 'cartLineVatInvalid', params: { name: 'Bröd' } }],
    ['two lines with one id', cart([ok, ok]), { key: 'cartLineDuplicateId', params: { name: 'Bröd' } }],
  ])('reports %s as a code with its params, never a sentence', (_what, bad, problem) => {
    expect(validateCart(bad)).toEqual([problem]);
    // Every code is a catalog key the renderer says in the clerk's language.
    expect(isMessageKey(problem.key)).toBe(true);
  });

  it('names the limit a cart breaks', () => {
    const lines = [ok, { ...ok, id: 'b' }, { ...ok, id: 'c' }];
    expect(validateCart(cart(lines), { maxCartMinor: MAX_CART_MINOR, maxLineMinor: MAX_CART_MINOR, maxLines: 2 })).toEqual([
      { key: 'cartTooManyLines', params: { max: 2 } },
    ]);
  });

  it('allows a discount that equals the line exactly', () => {
    expect(validateCart(cart([{ ...ok, discount: { kind: 'amount', minor: 3500 } }]))).toEqual([]);
  });

  it('honours custom limits', () => {
    expect(validateCart(cart([ok]), { maxCartMinor: 3000, maxLineMinor: 10_000, maxLines: 10 })).toEqual([{ key: 'cartTotalTooLarge' }]);
  });
});

describe('cart editing', () => {
  const coffee: Product = {
    barcode: '7310865004703',
    name: 'Kaffe',
    priceMinor: 5990,
    vatRate: 1200,
    unit: 'st',
    partNumber: 'K1',
    weighed: false,
  };
  const cheese: Product = { barcode: '2000001', name: 'Ost', priceMinor: 14900, vatRate: 1200, unit: 'kg', partNumber: '', weighed: true };

  it('adds a product and increments the same barcode instead of a second line', () => {
    const newId = counterLineIds();
    let cart = addProduct(emptyCart('SEK'), coffee, undefined, { newId });
    cart = addProduct(cart, coffee, undefined, { newId });
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ id: 'line-1', quantityMilli: 2000, name: 'Kaffe', partNumber: 'K1', custom: false });
  });

  it('keeps weighed items and differently priced labels on their own lines', () => {
    const newId = counterLineIds();
    let cart = addProduct(emptyCart('SEK'), cheese, 250, { newId });
    cart = addProduct(cart, cheese, 300, { newId });
    cart = addProduct(cart, coffee, undefined, { newId });
    cart = addProduct(cart, coffee, undefined, { newId, unitPriceMinor: 2995 });
    expect(cart.lines.map((l) => [l.id, l.quantityMilli, l.unitPriceMinor])).toEqual([
      ['line-1', 250, 14900],
      ['line-2', 300, 14900],
      ['line-3', 1000, 5990],
      ['line-4', 1000, 2995],
    ]);
  });

  it('adds in-store labels: a weight at the price per kg, a printed price as one piece', () => {
    const newId = counterLineIds();
    let cart = addInStoreItem(emptyCart('SEK'), cheese, { kind: 'weight', quantityMilli: 412 }, { newId });
    cart = addInStoreItem(cart, cheese, { kind: 'price', priceMinor: 6150 }, { newId });
    cart = addInStoreItem(cart, cheese, { kind: 'price', priceMinor: 6150 }, { newId });
    expect(cart.lines.map((l) => [l.weighed, l.quantityMilli, l.unitPriceMinor])).toEqual([
      [true, 412, 14900],
      [false, 2000, 6150],
    ]);
    expect(priceCart(cart).totalMinor).toBe(6139 + 12300); // 0.412 × 149.00 = 61.388 → 61.39
  });

  it('asks for the weight of a weighed item', () => {
    expect(() => addProduct(emptyCart('SEK'), cheese)).toThrow(/weight/);
  });

  it('adds custom items that never merge', () => {
    const newId = counterLineIds('c');
    let cart = addCustomItem(emptyCart('SEK'), { name: 'Service', priceMinor: 10000, vatRate: 2500 }, { newId });
    cart = addCustomItem(cart, { name: 'Service', priceMinor: 10000, vatRate: 2500 }, { newId });
    expect(cart.lines.map((l) => [l.id, l.custom, l.barcode])).toEqual([
      ['c-1', true, ''],
      ['c-2', true, ''],
    ]);
  });

  it('changes quantities by pieces without going below one, and leaves weighed lines alone', () => {
    const newId = counterLineIds();
    let cart = addProduct(addProduct(emptyCart('SEK'), coffee, 3000, { newId }), cheese, 500, { newId });
    cart = changeQuantityBy(cart, 'line-1', -1);
    expect(cart.lines[0]?.quantityMilli).toBe(2000);
    cart = changeQuantityBy(cart, 'line-1', -5);
    expect(cart.lines[0]?.quantityMilli).toBe(1000);
    const same = changeQuantityBy(cart, 'line-2', 1);
    expect(same).toBe(cart);
  });

  it('sets a quantity and removes the line at zero', () => {
    const newId = counterLineIds();
    let cart = addProduct(emptyCart('SEK'), coffee, undefined, { newId });
    cart = setQuantity(cart, 'line-1', 4000);
    expect(cart.lines[0]?.quantityMilli).toBe(4000);
    expect(setQuantity(cart, 'line-1', 0).lines).toEqual([]);
  });

  it('edits immutably and returns the same cart when nothing changes', () => {
    const newId = counterLineIds();
    const before = addProduct(emptyCart('SEK'), coffee, undefined, { newId });
    const snapshot = structuredClone(before);
    const discounted = setLineDiscount(before, 'line-1', { kind: 'percent', basisPoints: 500 });
    const withCartDiscount = setCartDiscount(discounted, { kind: 'amount', minor: 100 });
    expect(before).toEqual(snapshot);
    expect(withCartDiscount.lines[0]?.discount).toEqual({ kind: 'percent', basisPoints: 500 });
    expect(withCartDiscount.discount).toEqual({ kind: 'amount', minor: 100 });
    expect(removeLine(before, 'nope')).toBe(before);
    expect(setQuantity(before, 'nope', 2000)).toBe(before);
    expect(removeLine(before, 'line-1').lines).toEqual([]);
  });

  it('clears to an empty cart in the same currency', () => {
    const cart = setCartDiscount(addProduct(emptyCart('EUR'), coffee, undefined, { newId: counterLineIds() }), {
      kind: 'amount',
      minor: 1,
    });
    expect(clearCart(cart)).toEqual({ currency: 'EUR', lines: [], discount: null });
    expect(clear).toBe(clearCart);
  });

  it('makes random line ids from globalThis.crypto', () => {
    const a = randomLineId();
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(randomLineId()).not.toBe(a);
  });
});

// ---- Properties ----

const currencyArb = fc.constantFrom<Currency>('SEK', 'NOK', 'DKK', 'EUR', 'ISK');
const rateArb = fc.constantFrom(0, 600, 1100, 1200, 1350, 1500, 2400, 2500, 2550);
type DiscountSpec = null | { kind: 'percent'; basisPoints: number } | { kind: 'amount'; fraction: number };
const discountSpecArb: fc.Arbitrary<DiscountSpec> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('amount' as const), fraction: fc.integer({ min: 0, max: 10_000 }) }),
);
const lineSpecArb = fc.record({
  price: fc.integer({ min: 0, max: 500_000 }),
  vatRate: rateArb,
  weighed: fc.boolean(),
  pieces: fc.integer({ min: 1, max: 50 }),
  grams: fc.integer({ min: 1, max: 20_000 }),
  discount: discountSpecArb,
});

function step(currency: Currency): number {
  return currency === 'ISK' ? 100 : 1;
}

/** An amount discount of `fraction`/10000 of `base`, rounded down to the currency's step. */
function materialize(spec: DiscountSpec, base: number, currency: Currency): Discount | null {
  if (spec === null || spec.kind === 'percent') return spec;
  const raw = Math.floor((base * spec.fraction) / 10_000);
  return { kind: 'amount', minor: raw - (raw % step(currency)) };
}

const cartArb: fc.Arbitrary<Cart> = fc
  .record({
    currency: currencyArb,
    pool: fc.array(lineSpecArb, { minLength: 1, maxLength: 8 }),
    // Lines drawn from a small pool repeat, so equal weights (and allocation ties) are common.
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
    ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 25, maxLength: 25 }),
    cartDiscount: discountSpecArb,
  })
  .map(({ currency, pool, picks, ids, cartDiscount }) => {
    const lines = picks.map((p) => pool[p % pool.length]!);
    const built = lines.map((spec, i): CartLine => {
      const unitPriceMinor = spec.price - (spec.price % step(currency));
      const quantityMilli = spec.weighed ? spec.grams : spec.pieces * 1000;
      const base = Math.floor((unitPriceMinor * quantityMilli) / 1000 / step(currency)) * step(currency);
      return line({
        id: ids[i]!,
        unitPriceMinor,
        vatRate: spec.vatRate,
        quantityMilli,
        weighed: spec.weighed,
        discount: materialize(spec.discount, base, currency),
      });
    });
    const withoutCartDiscount: Cart = { currency, lines: built, discount: null };
    const base = priceCart(withoutCartDiscount).totalMinor;
    return { ...withoutCartDiscount, discount: materialize(cartDiscount, base, currency) };
  });

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function summary(totals: CartTotals) {
  const { lines, ...rest } = totals;
  return { ...rest, lines: Object.fromEntries(lines.map((l) => [l.id, [l.grossBeforeDiscountMinor, l.discountMinor, l.totalMinor]])) };
}

/** The line's own discount, worked out independently of the code under test. */
function ownDiscount(l: CartLine, gross: number, currency: Currency): number {
  if (l.discount === null) return 0;
  if (l.discount.kind === 'amount') return l.discount.minor;
  const s = step(currency);
  return Math.min(gross, divRound(gross * l.discount.basisPoints, 10_000 * s) * s);
}

describe('priceCart properties', () => {
  it('every generated cart is valid', () => {
    fc.assert(
      fc.property(
        cartArb,
        (cart) =>
          validateCart(cart, { maxCartMinor: Number.MAX_SAFE_INTEGER, maxLineMinor: Number.MAX_SAFE_INTEGER, maxLines: 500 }).length === 0,
      ),
    );
  });

  it('totals do not depend on line order', () => {
    fc.assert(
      fc.property(cartArb, fc.nat(), (cart, seed) => {
        const reordered = { ...cart, lines: shuffle(cart.lines, seed) };
        expect(summary(priceCart(reordered))).toEqual(summary(priceCart(cart)));
      }),
    );
  });

  it('never produces a negative line, discount, total or VAT', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const t = priceCart(cart);
        for (const l of t.lines) {
          expect(l.totalMinor).toBeGreaterThanOrEqual(0);
          expect(l.discountMinor).toBeGreaterThanOrEqual(0);
          expect(l.totalMinor).toBeLessThanOrEqual(l.grossBeforeDiscountMinor);
        }
        for (const v of t.vat) {
          expect(v.vatMinor).toBeGreaterThanOrEqual(0);
          expect(v.netMinor).toBeGreaterThanOrEqual(0);
        }
        expect(t.totalMinor).toBeGreaterThanOrEqual(0);
        expect(t.totalMinor).toBe(t.subtotalMinor - t.discountMinor);
      }),
    );
  });

  it('provider rows always add up to the total with whole quantities', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = priceCart(cart);
        const rows = toProviderRows(totals);
        for (const r of rows) expect(Number.isSafeInteger(r.quantity) && r.quantity >= 1).toBe(true);
        expect(rows.reduce((s, r) => s + r.unitAmount * r.quantity - r.discountAmount, 0)).toBe(totals.totalMinor);
      }),
    );
  });

  it('per-rate VAT sums to the VAT total and per-rate gross to the cart total', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const t = priceCart(cart);
        expect(t.vat.reduce((s, v) => s + v.vatMinor, 0)).toBe(t.vatTotalMinor);
        expect(t.vat.reduce((s, v) => s + v.grossMinor, 0)).toBe(t.totalMinor);
        for (const v of t.vat) {
          expect(v.netMinor + v.vatMinor).toBe(v.grossMinor);
          expect(v.vatMinor).toBe(divRound(v.grossMinor * v.vatRate, 10_000 + v.vatRate));
        }
        const rates = t.vat.map((v) => v.vatRate);
        expect(rates).toEqual([...rates].sort((a, b) => b - a));
      }),
    );
  });

  it('the allocated shares of the cart discount sum exactly to the cart discount', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const t = priceCart(cart);
        const s = step(cart.currency);
        const afterLine = t.lines.map((l) => l.grossBeforeDiscountMinor - ownDiscount(l, l.grossBeforeDiscountMinor, cart.currency));
        const base = afterLine.reduce((a, b) => a + b, 0);
        const d = cart.discount;
        const expected = d === null ? 0 : d.kind === 'amount' ? d.minor : Math.min(base, divRound(base * d.basisPoints, 10_000 * s) * s);
        const allocated = t.lines.reduce((sum, l, i) => sum + (afterLine[i]! - l.totalMinor), 0);
        expect(allocated).toBe(expected);
        if (cart.currency === 'ISK') for (const l of t.lines) expect(l.totalMinor % 100).toBe(0);
      }),
    );
  });
});
