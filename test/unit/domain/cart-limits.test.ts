import { describe, expect, it } from 'vitest';
import { addCustomItem, addProduct, counterLineIds, emptyCart, MAX_CART_MINOR } from '../../../shared/domain/cart';
import { exceededLimit } from '../../../shared/domain/cart-limits';
import type { Product } from '../../../shared/domain/schemas';

const bananas: Product = {
  barcode: '2304011000003',
  name: 'Bananer',
  priceMinor: 2995,
  vatRate: 1200,
  unit: 'kg',
  partNumber: '',
  weighed: true,
};

describe('exceededLimit', () => {
  it('lets a cart up to the sale limit through', () => {
    const cart = addCustomItem(emptyCart('SEK'), { name: 'Bike', priceMinor: MAX_CART_MINOR, vatRate: 2500 }, { newId: counterLineIds() });
    expect(exceededLimit(cart)).toBeNull();
  });

  it('names the sale limit when an item takes the total past it', () => {
    const newId = counterLineIds();
    let cart = addCustomItem(emptyCart('SEK'), { name: 'Bike', priceMinor: MAX_CART_MINOR - 100, vatRate: 2500 }, { newId });
    cart = addCustomItem(cart, { name: 'Bell', priceMinor: 101, vatRate: 2500 }, { newId });
    expect(exceededLimit(cart)).toEqual({ kind: 'sale', maxMinor: MAX_CART_MINOR });
  });

  it('names the line limit when one line goes past it', () => {
    const cart = addCustomItem(
      emptyCart('SEK'),
      { name: 'Boat', priceMinor: MAX_CART_MINOR + 1, vatRate: 2500 },
      { newId: counterLineIds() },
    );
    expect(exceededLimit(cart, { maxCartMinor: 2 * MAX_CART_MINOR, maxLineMinor: MAX_CART_MINOR, maxLines: 500 })).toEqual({
      kind: 'line',
      maxMinor: MAX_CART_MINOR,
    });
  });

  it('names the line count when a cart has too many lines', () => {
    const newId = counterLineIds();
    const cart = addProduct(addProduct(emptyCart('SEK'), bananas, 1250, { newId }), bananas, 500, { newId });
    expect(exceededLimit(cart, { maxCartMinor: MAX_CART_MINOR, maxLineMinor: MAX_CART_MINOR, maxLines: 1 })).toEqual({
      kind: 'lines',
      maxLines: 1,
    });
  });
});
