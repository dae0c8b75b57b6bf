import { sign, type KeyObject } from 'node:crypto';
import type { AppendInput, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { SEAL_RECORD_TYPE, SEAL_SALE_ID, sealText, type SealData } from './seal-record';

/** A seal at least every this many records… */
export const SEAL_EVERY_RECORDS = 100;
/** …and this long after the first record no seal covers yet. */
export const SEAL_EVERY_MS = 60_000;

export interface SealerOptions {
  journal: { append(input: AppendInput): Promise<JournalRecord>; onAppend(listener: (record: JournalRecord) => void): () => void };
  key: { readonly privateKey: KeyObject; readonly publicKeyDer: string };
  tillId: string;
  log: Logger;
  now?: () => Date;
  everyRecords?: number;
  everyMs?: number;
  /** setTimeout, injectable so a test can move time. Returns a cancel function. */
  setTimer?: (run: () => void, ms: number) => () => void;
}

const realTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * Appends seal records to the journal: after every `everyRecords` records, a minute after the first
 * record no seal covers, and whenever asked (a Z report, shutdown). It follows the journal through
 * `onAppend` and signs on libuv's thread pool, so a sale's append never waits for a signature: the
 * only cost a sale can see is the seal's own fsync, once per hundred records at most.
 */
export class Sealer {
  /** The newest record no seal covers yet. */
  private unsealed: { seq: number; hash: string } | null = null;
  private count = 0;
  private cancelTimer: (() => void) | null = null;
  private sealing: Promise<void> = Promise.resolve();
  private stopped = false;
  private eager = false;
  private readonly unsubscribe: () => void;
  private readonly now: () => Date;
  private readonly everyRecords: number;
  private readonly everyMs: number;
  private readonly setTimer: (run: () => void, ms: number) => () => void;

  constructor(private readonly options: SealerOptions) {
    this.now = options.now ?? (() => new Date());
    this.everyRecords = options.everyRecords ?? SEAL_EVERY_RECORDS;
    this.everyMs = options.everyMs ?? SEAL_EVERY_MS;
    this.setTimer = options.setTimer ?? realTimer;
    this.unsubscribe = options.journal.onAppend((record) => this.noted(record));
  }

  /**
   * Starts sealing. `unsealed` is the journal's last record when no seal covers it (a crash's last
   * minute, or a journal from before seals): it is sealed at once, in the background. `eager` (a
   * key made at this start) seals the first new record at once too, so that a till whose key is
   * older than its start always has a seal in its journal.
   */
  start(unsealed: { seq: number; hash: string } | null, eager: boolean): void {
    this.eager = eager;
    if (unsealed) {
      this.unsealed = { seq: unsealed.seq, hash: unsealed.hash };
      this.soon('start-up');
    }
  }

  /** Seals every record so far (a Z report, shutdown); resolves once the seal is durable. */
  sealNow(why: string): Promise<void> {
    const run = this.sealing.catch(() => undefined).then(() => this.sealOnce(why));
    this.sealing = run;
    return run;
  }

  /** Seals what is left and stops following the journal. */
  async close(): Promise<void> {
    await this.sealNow('shutdown').catch(() => undefined); // logged; the journal is as it is
    this.stopped = true;
    this.unsubscribe();
    this.cancelTimer?.();
  }

  private noted(record: JournalRecord): void {
    if (record.type === SEAL_RECORD_TYPE || this.stopped) return;
    this.unsealed = { seq: record.seq, hash: record.hash };
    this.count += 1;
    if (this.count >= this.everyRecords || this.eager) {
      this.eager = false;
      this.soon(`${this.count} records`);
    } else if (!this.cancelTimer) {
      this.cancelTimer = this.setTimer(() => {
        this.cancelTimer = null;
        this.soon('a minute');
      }, this.everyMs);
    }
  }

  /** Out of the append listener's call: the journal's queue must not wait for us. */
  private soon(why: string): void {
    setImmediate(() => {
      this.sealNow(why).catch((error: unknown) => this.options.log.error('seal: could not seal the journal', { why, error }));
    });
  }

  private async sealOnce(why: string): Promise<void> {
    const target = this.unsealed;
    if (!target || this.stopped) return;
    this.unsealed = null;
    this.count = 0;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const { tillId, key } = this.options;
    try {
      const sig = await signAsync(sealText(tillId, target.seq, target.hash), key.privateKey);
      const data: SealData = { v: 1, tillId, seq: target.seq, hash: target.hash, key: key.publicKeyDer, sig };
      await this.options.journal.append({ type: SEAL_RECORD_TYPE, saleId: SEAL_SALE_ID, at: this.now().toISOString(), data });
    } catch (error) {
      // Not sealed: the next seal covers these records too.
      if (!this.unsealed) this.unsealed = target;
      this.options.log.error('seal: a seal could not be written', { why, seq: target.seq, error });
      throw error;
    }
  }
}

/** Ed25519 on the thread pool (node:crypto's callback form), never on the event loop. */
function signAsync(text: string, privateKey: KeyObject): Promise<string> {
  return new Promise((resolve, reject) => {
    sign(null, Buffer.from(text, 'utf8'), privateKey, (error, signature) =>
      error ? reject(error) : resolve(signature.toString('base64')),
    );
  });
}
