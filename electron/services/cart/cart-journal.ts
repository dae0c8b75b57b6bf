import { CartReplay, cartEventSchema, type CartEvent, type CartMemory } from '../../../shared/domain/cart-events';
import { englishText, localizedText, msg, type LocalizedText } from '../../../shared/messages';
import { openJournal, type Journal, type JournalRecord } from '../journal/journal';
import type { JournalFs } from '../journal/fs';
import type { Logger } from '../log';

/** The cart-event journal's file, beside `sales.journal` in the data directory. */
export const CART_JOURNAL_FILE = 'cart.journal';

/**
 * What a record's `data` holds: the event without its type and cart (the record's `type` and
 * `saleId`), which window sent it, and `by`: the member signed in when the batch arrived (main's own
 * session; none on a till without staff, nor in files from before).
 */
interface CartRecordData {
  writer: string;
  n: number;
  by?: CartActor;
  [field: string]: unknown;
}

/** A member of staff as a cart record keeps them: the id, and the name as it was then. */
export interface CartActor {
  id: string;
  name: string;
}

export interface CartJournalOptions {
  dataDir: string;
  log: Logger;
  now?: () => Date;
  fs?: JournalFs;
}

/**
 * The cart being built, kept in main: every change the clerk makes is appended (fsynced, in
 * batches) to `cart.journal` — the sales journal's machinery on its own file — and the open cart and
 * the parked ones are the replay of it. Each renderer load is a `writer` numbering its events, so a
 * batch sent twice (a retry after a lost answer) is journaled once.
 */
export class CartJournal {
  private pending: Promise<unknown> = Promise.resolve();
  private readonly writers = new Map<string, number>();

  private constructor(
    private readonly journal: Journal,
    private readonly replay: CartReplay,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  /** Opens (creating) the file, sets aside a torn tail, and replays it. Damage is reported, never skipped silently. */
  static async open(options: CartJournalOptions): Promise<{ carts: CartJournal; alarms: LocalizedText[]; notices: string[] }> {
    const opened = await openJournal(options.dataDir, {
      log: options.log,
      file: CART_JOURNAL_FILE,
      ...(options.fs ? { fs: options.fs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const carts = new CartJournal(opened.journal, new CartReplay(), options.log, options.now ?? (() => new Date()));
    let unfit = 0;
    for (const record of opened.records) if (!carts.take(record)) unfit += 1;
    if (unfit > 0) options.log.error('cart journal: records that do not fit the carts were left out of the replay', { unfit });
    // The journal's alarm names the sales journal; this one is the cart journal's (same line, same detail).
    const alarms = opened.alarmTexts.map((alarm) => {
      const said = msg('cartJournalDamagedLine', { line: Number(alarm.params?.['line'] ?? 0) });
      const detail = alarm.message.slice(alarm.message.indexOf(' ('));
      return localizedText(said, `${englishText(said)}${alarm.message.includes(' (') ? detail : ''}`);
    });
    return { carts, alarms, notices: opened.notices };
  }

  /** Applies one journaled record to the replay; false when it does not fit (kept in the file, not guessed at). */
  private take(record: JournalRecord): boolean {
    const data = record.data as CartRecordData;
    const parsed = cartEventSchema.safeParse({ ...(data as object), type: record.type, cartId: record.saleId });
    if (typeof data === 'object' && data !== null && typeof data.writer === 'string' && Number.isSafeInteger(data.n)) {
      this.writers.set(data.writer, Math.max(this.writers.get(data.writer) ?? 0, data.n + 1));
    }
    return parsed.success && this.replay.apply(parsed.data, record.at);
  }

  /**
   * Journals `events`, numbered from `from` in `writer`'s stream; events already journaled are
   * passed over; each record names `by`, who was signed in when the batch arrived. Resolves once
   * they are durable.
   */
  record(writer: string, from: number, events: readonly CartEvent[], by: CartActor | null = null): Promise<void> {
    const attribution = by ? { by: { id: by.id, name: by.name } } : {};
    const task = this.pending.then(async () => {
      const next = this.writers.get(writer) ?? 0;
      const skip = Math.max(0, next - from);
      if (from > next) this.log.warn('cart journal: events missing from a writer (sent before a restart?)', { from, next });
      const fresh = events.slice(skip);
      if (fresh.length === 0) return;
      const at = this.now().toISOString();
      const records = await this.journal.appendBatch(
        fresh.map((event, i) => {
          const { type, cartId, ...rest } = event;
          return { type, saleId: cartId, at, data: { ...rest, writer, n: from + skip + i, ...attribution } };
        }),
      );
      for (const record of records) {
        if (!this.take(record)) this.log.warn('cart journal: an event does not fit the carts', { type: record.type, seq: record.seq });
      }
    });
    this.pending = task.catch(() => undefined);
    return task;
  }

  /** The open cart and the parked ones, after every batch received so far is durable. */
  async memory(): Promise<CartMemory> {
    await this.pending;
    return this.replay.memory();
  }

  close(): Promise<void> {
    return this.pending.then(() => this.journal.close());
  }
}
