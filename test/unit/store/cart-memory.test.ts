// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CartJournal } from '../../../electron/services/cart/cart-journal';
import { createCartHandlers } from '../../../electron/services/cart/handlers';
import type { PosApi } from '../../../shared/ipc/contract';
import type { Product } from '../../../shared/domain/schemas';
import type { SaleView } from '../../../shared/domain/sale';
import { createPosStore, type PosStore } from '../../../renderer/src/store/store';
import { recordingLogger, tempDir } from '../services/journal/helpers';

const coffee: Product = {
  barcode: '7310865000361',
  name: 'Kaffe',
  priceMinor: 2500,
  vatRate: 1200,
  unit: 'st',
  partNumber: '',
  weighed: false,
};
const bun: Product = {
  barcode: '7310865000378',
  name: 'Kanelbulle',
  priceMinor: 3495,
  vatRate: 1200,
  unit: 'st',
  partNumber: '',
  weighed: false,
};

let dir: string;
let cleanup: () => Promise<void>;
let journals: CartJournal[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  for (const j of journals) await j.close();
  journals = [];
  await cleanup();
});

/**
 * Main's side is the real cart journal on a temporary directory, reached through its real IPC
 * handlers; `down` plays a web host that is away (calls fail as the HTTP client's do).
 */
async function till(state = { down: false }) {
  const { carts } = await CartJournal.open({ dataDir: dir, log: recordingLogger() });
  journals.push(carts);
  const handlers = createCartHandlers(carts);
  const calls: number[] = [];
  const api = {
    cart: {
      record: async (input: Parameters<(typeof handlers)['cart:record']>[0]) => {
        calls.push(input.events.length);
        if (state.down) return { ok: false as const, error: { code: 'internal' as const, message: 'away' } };
        return { ok: true as const, value: await handlers['cart:record'](input) };
      },
      restore: async () => ({ ok: true as const, value: await handlers['cart:restore'](undefined) }),
    },
  } as unknown as PosApi;
  const store = createPosStore(api);
  await store.getState().restoreCart();
  return { store, carts, calls, state };
}

/** Has the background sender send what waits, and waits until main has journaled it. */
async function settled(store: PosStore, carts: CartJournal) {
  expect(await store.getState().flushCart()).toBe(true);
  await carts.memory();
}

async function restart(store: PosStore, carts: CartJournal) {
  await settled(store, carts);
  await carts.close();
  journals = journals.filter((j) => j !== carts);
  return till();
}

describe('the open cart survives a reload', () => {
  it('comes back with its lines, quantities and selection after the page (and main) start again', async () => {
    const first = await till();
    first.store.getState().addProduct(coffee);
    first.store.getState().addProduct(bun);
    first.store.getState().changeSelectedQuantity(1);
    first.store.getState().setNextPieces(24);
    first.store.getState().addProduct(coffee);
    const cart = first.store.getState().cart;
    const second = await restart(first.store, first.carts);
    expect(second.store.getState().cart).toEqual(cart);
    expect(second.store.getState().cart.lines.map((l) => [l.name, l.quantityMilli / 1000])).toEqual([
      ['Kaffe', 25],
      ['Kanelbulle', 2],
    ]);
  });

  it('never makes a scan wait: the cart changes at once and the write follows in the background', async () => {
    const { store, carts, calls } = await till();
    store.getState().addProduct(coffee);
    expect(store.getState().cart.lines).toHaveLength(1);
    expect(calls).toEqual([]); // nothing sent yet, nothing awaited
    for (let i = 0; i < 30; i++) store.getState().addProduct(bun);
    await settled(store, carts);
    // Batched: far fewer calls than changes, and every change journaled.
    expect(calls.length).toBeLessThan(5);
    expect((await carts.memory()).open?.cart).toEqual(store.getState().cart);
  });

  it('keeps what it could not send while main is away and sends it, once, when main is back', async () => {
    const { store, carts, state } = await till();
    state.down = true;
    store.getState().addProduct(coffee);
    await new Promise((r) => setTimeout(r, 20));
    state.down = false;
    store.getState().addProduct(bun);
    // The sender tries again by itself (half a second after the failure, then longer): wait for it.
    let names: string[] = [];
    for (let i = 0; i < 200 && names.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      names = ((await carts.memory()).open?.cart.lines ?? []).map((l) => l.name);
    }
    expect(names).toEqual(['Kaffe', 'Kanelbulle']);
  });
});

describe('Park sale and Parked sales', () => {
  it('parks the cart, starts an empty one, and lists the parked one — after a restart too', async () => {
    const first = await till();
    first.store.getState().addProduct(coffee);
    expect(first.store.getState().parkSale()).toBe(true);
    expect(first.store.getState().cart.lines).toEqual([]);
    first.store.getState().addProduct(bun);
    const second = await restart(first.store, first.carts);
    expect(second.store.getState().cart.lines.map((l) => l.name)).toEqual(['Kanelbulle']);
    expect(second.store.getState().parked.map((p) => p.cart.lines.map((l) => l.name))).toEqual([['Kaffe']]);
  });

  it('does not park an empty cart, nor a cart whose sale is on screen', async () => {
    const { store } = await till();
    expect(store.getState().parkSale()).toBe(false);
    store.getState().addProduct(coffee);
    store.setState({ sale: { id: 'sale-1', state: 'waiting' } as SaleView });
    expect(store.getState().parkSale()).toBe(false);
    expect(store.getState().parked).toEqual([]);
  });

  it('resuming while a cart is open parks the open one, so nothing is lost', async () => {
    const first = await till();
    first.store.getState().addProduct(coffee);
    first.store.getState().parkSale();
    first.store.getState().addProduct(bun);
    const parkedId = first.store.getState().parked[0]!.cartId;
    first.store.getState().resumeParked(parkedId);
    expect(first.store.getState().cart.lines.map((l) => l.name)).toEqual(['Kaffe']);
    expect(first.store.getState().parked.map((p) => p.cart.lines.map((l) => l.name))).toEqual([['Kanelbulle']]);
    // A resumed cart goes on being edited under its own id.
    first.store.getState().changeSelectedQuantity(1);
    const second = await restart(first.store, first.carts);
    expect(second.store.getState().cartId).toBe(parkedId);
    expect(second.store.getState().cart.lines.map((l) => [l.name, l.quantityMilli])).toEqual([['Kaffe', 2000]]);
    expect(second.store.getState().parked.map((p) => p.cart.lines.map((l) => l.name))).toEqual([['Kanelbulle']]);
  });

  it('Add to this sale moves every line of a parked cart into the cart being built — after a restart too', async () => {
    const first = await till();
    first.store.getState().addProduct(coffee);
    first.store.getState().setNextPieces(2);
    first.store.getState().addProduct(coffee);
    first.store.getState().parkSale();
    const parked = first.store.getState().parked[0]!;
    first.store.getState().addProduct(bun);
    const cartId = first.store.getState().cartId;
    const bunId = first.store.getState().cart.lines[0]!.id;
    expect(first.store.getState().addParkedToSale(parked.cartId)).toBe(true);
    const merged = first.store.getState().cart;
    expect(merged.lines.map((l) => [l.id, l.name, l.quantityMilli])).toEqual([
      [bunId, 'Kanelbulle', 1000],
      [parked.cart.lines[0]!.id, 'Kaffe', 3000],
    ]);
    expect(first.store.getState().cartId).toBe(cartId);
    expect(first.store.getState().parked).toEqual([]);
    // Main's replay has the merged cart and no parked one; so does the till after a restart.
    await settled(first.store, first.carts);
    expect(await first.carts.memory()).toEqual({ open: { cartId, cart: merged }, parked: [] });
    const second = await restart(first.store, first.carts);
    expect(second.store.getState().cartId).toBe(cartId);
    expect(second.store.getState().cart).toEqual(merged);
    expect(second.store.getState().parked).toEqual([]);
  });

  it('does not Add to this sale into an empty cart, while a sale is on screen, nor past the sale’s limit', async () => {
    const { store } = await till();
    store.getState().addProduct(coffee);
    store.getState().parkSale();
    const parkedId = store.getState().parked[0]!.cartId;
    expect(store.getState().addParkedToSale(parkedId)).toBe(false); // empty cart: that is Resume
    store.getState().addProduct(bun);
    store.setState({ sale: { id: 'sale-1', state: 'waiting' } as SaleView });
    expect(store.getState().addParkedToSale(parkedId)).toBe(false);
    store.setState({ sale: null });
    // A parked cart whose lines would take the sale past its line count stays parked.
    const many = Array.from({ length: 500 }, (_, i) => ({ ...store.getState().parked[0]!.cart.lines[0]!, id: `l-${i}` }));
    store.setState({ parked: [{ ...store.getState().parked[0]!, cart: { currency: 'SEK', discount: null, lines: many } }] });
    expect(store.getState().addParkedToSale(parkedId)).toBe(false);
    expect(store.getState().notice).toMatchObject({ tone: 'error', message: expect.stringMatching(/500/) as unknown });
    expect(store.getState().parked).toHaveLength(1);
    expect(store.getState().cart.lines.map((l) => l.name)).toEqual(['Kanelbulle']);
    // Nor a parked cart with a discount on the whole of it: the discount would be lost (Resume pays it alone).
    const discounted = {
      ...store.getState().parked[0]!.cart,
      lines: [many[0]!],
      discount: { kind: 'percent' as const, basisPoints: 1000 },
    };
    store.setState({ parked: [{ ...store.getState().parked[0]!, cart: discounted }] });
    expect(store.getState().addParkedToSale(parkedId)).toBe(false);
    expect(store.getState().cart.lines.map((l) => l.name)).toEqual(['Kanelbulle']);
  });

  it('a charged cart is closed with its sale id: after a restart the till starts empty', async () => {
    const first = await till();
    first.store.getState().addProduct(coffee);
    const cartId = first.store.getState().cartId;
    first.store.setState({ sale: { id: 'sale-42', state: 'waiting' } as SaleView });
    expect(first.store.getState().cartId).not.toBe(cartId);
    await settled(first.store, first.carts);
    expect(await first.carts.memory()).toEqual({ open: null, parked: [] });
    const second = await restart(first.store, first.carts);
    expect(second.store.getState().cart.lines).toEqual([]);
  });
});
