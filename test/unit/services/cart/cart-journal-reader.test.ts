import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CART_JOURNAL_FILE, CartJournal } from '../../../../electron/services/cart/cart-journal';
import { readCartJournal, type CartJournalEntry } from '../../../../electron/services/cart/cart-journal-reader';
import type { CartLine } from '../../../../shared/domain/schemas';
import { recordingLogger, tempDir } from '../journal/helpers';

const line = (id: string): CartLine => ({
  id,
  barcode: '',
  name: `Bulle ${id}`,
  unitPriceMinor: 3500,
  vatRate: 1200,
  quantityMilli: 1000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: false,
});

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

async function all(entries: AsyncIterable<CartJournalEntry>): Promise<CartJournalEntry[]> {
  const out: CartJournalEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out;
}

async function journalOfThree(): Promise<void> {
  const { carts } = await CartJournal.open({ dataDir: dir, log: recordingLogger() });
  await carts.record('w1', 0, [
    { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
    { type: 'article-deleted', cartId: 'c1', lineId: 'a' },
    { type: 'cart-cleared', cartId: 'c1' },
  ]);
  await carts.close();
}

describe('reading the cart journal for an export', () => {
  it('yields every event in file order with its seq and time, without the writer bookkeeping', async () => {
    await journalOfThree();
    const entries = await all(readCartJournal(dir));
    expect(entries.map((e) => (e.kind === 'event' ? [e.seq, e.event.type] : e))).toEqual([
      [1, 'article-registered'],
      [2, 'article-deleted'],
      [3, 'cart-cleared'],
    ]);
    const first = entries[0];
    expect(first?.kind === 'event' && first.event).toEqual({ type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') });
  });

  it('never writes the file, and passes over a line still being written', async () => {
    await journalOfThree();
    const path = join(dir, CART_JOURNAL_FILE);
    await appendFile(path, '{"v":1,"seq":4,"at":"2026-12-0');
    const before = { text: await readFile(path, 'utf8'), mtime: (await stat(path)).mtimeMs };
    const entries = await all(readCartJournal(dir));
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.kind === 'event')).toBe(true);
    expect({ text: await readFile(path, 'utf8'), mtime: (await stat(path)).mtimeMs }).toEqual(before);
  });

  it('names a damaged line by its number instead of skipping it silently', async () => {
    await journalOfThree();
    const path = join(dir, CART_JOURNAL_FILE);
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    lines[1] = (lines[1] ?? '').replace('"article-deleted"', '"article-removed"');
    await appendFile(join(dir, 'copy.journal'), lines.join('\n'));
    const entries = await all(readCartJournal(dir, 'copy.journal'));
    expect(entries.map((e) => e.kind)).toEqual(['event', 'damaged', 'event']);
    expect(entries[1]).toMatchObject({ kind: 'damaged', line: 2, problem: 'checksum does not match' });
  });

  it('reads a till without a cart journal as an empty one', async () => {
    expect(await all(readCartJournal(join(dir, 'nothing-here')))).toEqual([]);
  });
});
