import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CART_JOURNAL_FILE, CartJournal } from '../../../../electron/services/cart/cart-journal';
import { createCartHandlers } from '../../../../electron/services/cart/handlers';
import { JOURNAL_FILE, openJournal } from '../../../../electron/services/journal/journal';
import type { CartEvent } from '../../../../shared/domain/cart-events';
import { cartChannels } from '../../../../shared/ipc/channels/cart';
import type { CartLine } from '../../../../shared/domain/schemas';
import { recordingLogger, tempDir } from '../journal/helpers';

const line = (id: string, pieces = 1): CartLine => ({
  id,
  barcode: '7310865000361',
  name: `Kaffe ${id}`,
  unitPriceMinor: 2500,
  vatRate: 1200,
  quantityMilli: pieces * 1000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: false,
});
const registered = (cartId: string, l: CartLine): CartEvent => ({ type: 'article-registered', cartId, currency: 'SEK', line: l });
const now = () => new Date('2026-12-06T10:00:00.000Z');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

const open = () => CartJournal.open({ dataDir: dir, log: recordingLogger(), now });

describe('the cart-event journal', () => {
  it('gives the same carts back after a restart (a replay of its own file)', async () => {
    const first = await open();
    await first.carts.record('w1', 0, [registered('c1', line('a')), registered('c1', line('b'))]);
    await first.carts.record('w1', 2, [
      { type: 'article-changed', cartId: 'c1', line: line('a', 24) },
      { type: 'sale-parked', cartId: 'c1' },
      registered('c2', line('c')),
    ]);
    const before = await first.carts.memory();
    await first.carts.close();

    const again = await open();
    expect(await again.carts.memory()).toEqual(before);
    expect(before.open).toEqual({ cartId: 'c2', cart: { currency: 'SEK', lines: [line('c')], discount: null } });
    expect(before.parked.map((p) => [p.cartId, p.cart.lines])).toEqual([['c1', [line('a', 24), line('b')]]]);
    await again.carts.close();
  });

  it('moves a parked cart’s lines as main holds them: lines a window sends with the move are neither journaled nor merged', async () => {
    const stale = { ...line('a', 9), unitPriceMinor: 1 };
    const sent = cartChannels['cart:record'].input.parse({
      writer: 'w1',
      from: 0,
      events: [
        registered('c1', line('a')),
        registered('c1', line('b', 2)),
        { type: 'sale-parked', cartId: 'c1' },
        registered('c2', line('c')),
        { type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c1', lines: [stale, stale] },
      ],
    });
    const first = await open();
    await createCartHandlers(first.carts)['cart:record'](sent);
    const merged = { cartId: 'c2', cart: { currency: 'SEK', lines: [line('c'), line('a'), line('b', 2)], discount: null } };
    expect(await first.carts.memory()).toEqual({ open: merged, parked: [] });
    await first.carts.close();
    const { journal, records } = await openJournal(dir, { log: recordingLogger(), file: CART_JOURNAL_FILE });
    expect(records.at(-1)!.data).toEqual({ fromCartId: 'c1', writer: 'w1', n: 4 });
    await journal.close();
    const again = await open();
    expect(await again.carts.memory()).toEqual({ open: merged, parked: [] });
    await again.carts.close();
  });

  it('is its own file beside the sales journal, one hash-chained record per event under the cart id', async () => {
    const { carts } = await open();
    await carts.record('w1', 0, [registered('c1', line('a')), { type: 'sale-closed', cartId: 'c1', saleId: 'sale-7' }]);
    await carts.close();
    expect(await readdir(dir)).toContain(CART_JOURNAL_FILE);
    expect(await readdir(dir)).not.toContain(JOURNAL_FILE);
    const { journal, records } = await openJournal(dir, { log: recordingLogger(), file: CART_JOURNAL_FILE });
    expect(records.map((r) => [r.seq, r.type, r.saleId])).toEqual([
      [1, 'article-registered', 'c1'],
      [2, 'sale-closed', 'c1'],
    ]);
    expect(records[1]!.data).toEqual({ saleId: 'sale-7', writer: 'w1', n: 1 });
    expect((await journal.verify()).ok).toBe(true);
    await journal.close();
  });

  it('journals a batch sent twice (a retry after a lost answer) once, even across a restart', async () => {
    const first = await open();
    await first.carts.record('w1', 0, [registered('c1', line('a'))]);
    await first.carts.record('w1', 0, [registered('c1', line('a')), registered('c1', line('b'))]);
    await first.carts.close();
    const again = await open();
    await again.carts.record('w1', 1, [registered('c1', line('b')), registered('c1', line('c'))]);
    expect((await again.carts.memory()).open?.cart.lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    await again.carts.close();
    const { journal, records } = await openJournal(dir, { log: recordingLogger(), file: CART_JOURNAL_FILE });
    expect(records).toHaveLength(3);
    await journal.close();
  });

  it('sets a torn last line aside (a crash mid-write) and keeps every acknowledged event', async () => {
    const first = await open();
    await first.carts.record('w1', 0, [registered('c1', line('a')), registered('c1', line('b'))]);
    await first.carts.close();
    await appendFile(join(dir, CART_JOURNAL_FILE), '{"v":1,"seq":3,"at":"2026-12-06T10:0');

    const again = await open();
    expect(again.alarms).toEqual([]);
    expect(again.notices.join(' ')).toMatch(/cart\.journal ended in an unfinished record/);
    expect((await again.carts.memory()).open?.cart.lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect((await readdir(dir)).some((f) => f.startsWith(`${CART_JOURNAL_FILE}.torn-`))).toBe(true);
    // Appending goes on after the cut, in one chain.
    await again.carts.record('w2', 0, [registered('c1', line('c'))]);
    await again.carts.close();
    const { journal } = await openJournal(dir, { log: recordingLogger(), file: CART_JOURNAL_FILE });
    expect(await journal.verify()).toMatchObject({ ok: true, records: 3 });
    await journal.close();
  });

  it('raises the cart journal’s own alarm for a damaged line in the middle, and replays the rest', async () => {
    const first = await open();
    await first.carts.record('w1', 0, [registered('c1', line('a')), registered('c1', line('b')), registered('c1', line('c'))]);
    await first.carts.close();
    const path = join(dir, CART_JOURNAL_FILE);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Kaffe b', 'Kaffe B'));

    const again = await open();
    expect(again.alarms).toHaveLength(1);
    expect(again.alarms[0]).toMatchObject({ key: 'cartJournalDamagedLine', params: { line: 2 } });
    expect(again.alarms[0]!.message).toMatch(/^Cart journal line 2 is damaged/);
    // A line whose checksum fails is still replayed, as the sales journal does; the alarm says so.
    expect((await again.carts.memory()).open?.cart.lines.map((l) => l.name)).toEqual(['Kaffe a', 'Kaffe B', 'Kaffe c']);
    await again.carts.close();
  });

  it('answers cart:restore only after every batch received before it is durable', async () => {
    const { carts } = await open();
    const handlers = createCartHandlers(carts);
    const recording = handlers['cart:record']({ writer: 'w1', from: 0, events: [registered('c1', line('a'))] });
    const restored = handlers['cart:restore'](undefined);
    await recording;
    expect((await restored).open?.cart.lines.map((l) => l.id)).toEqual(['a']);
    await carts.close();
  });
});
