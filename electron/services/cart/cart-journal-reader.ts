import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { cartEventSchema, type CartEvent } from '../../../shared/domain/cart-events';
import { decodeLine } from '../journal/record';
import { CART_JOURNAL_FILE } from './cart-journal';

/** One line of `cart.journal` as a reader sees it: an event with its place and time, or a damaged line. */
export type CartJournalEntry =
  | { kind: 'event'; seq: number; at: string; event: CartEvent; by: { id: string; name: string } | null }
  | { kind: 'damaged'; line: number; problem: string };

/**
 * Reads `cart.journal` from its first line, read-only (the file is opened with flag `r` and never
 * written, locked or renamed here), without holding the whole file in memory: for the
 * journal-memory export, while the till goes on selling and appending. A line still being written
 * (no newline yet) is not read; a missing file is an empty journal. The record layout is the cart
 * journal's (cart-journal.ts): `type` the event, `saleId` the cart, `data` the rest.
 */
export async function* readCartJournal(dataDir: string, file = CART_JOURNAL_FILE): AsyncGenerator<CartJournalEntry> {
  const stream = createReadStream(join(dataDir, file), { flags: 'r', encoding: 'utf8' });
  let rest = '';
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const text of lines) {
        line += 1;
        if (text.trim() === '') continue;
        yield readLine(text, line);
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  } finally {
    stream.destroy();
  }
}

function readLine(text: string, line: number): CartJournalEntry {
  const decoded = decodeLine(text);
  if (!decoded.ok) return { kind: 'damaged', line, problem: decoded.problem };
  const { record } = decoded;
  const parsed = cartEventSchema.safeParse({ ...(record.data as object), type: record.type, cartId: record.saleId });
  if (!parsed.success) return { kind: 'damaged', line, problem: `not a cart event (${record.type})` };
  return { kind: 'event', seq: record.seq, at: record.at, event: parsed.data, by: operatorOf(record.data) };
}

/** The record's `by` (who was signed in when its batch arrived), when it has a well-formed one. */
function operatorOf(data: unknown): { id: string; name: string } | null {
  const by = (data as { by?: unknown } | null)?.by as { id?: unknown; name?: unknown } | undefined;
  return typeof by?.id === 'string' && typeof by.name === 'string' && by.id !== '' && by.name !== '' ? { id: by.id, name: by.name } : null;
}
