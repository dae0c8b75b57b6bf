import type { JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { Mutex } from '../sales/mutex';
import { emptyLedger, extendLedger, type Ledger } from './ledger';

export interface LedgerFollowerDeps {
  journal: {
    readAll(): Promise<JournalRecord[]>;
    onAppend(listener: (record: JournalRecord) => void): () => void;
    readonly seq: number;
  };
  log: Logger;
  /**
   * The records the journal was opened with, already parsed at start-up: the ledger starts from
   * them instead of reading the file again. Handed over once and then let go.
   */
  startRecords?: readonly JournalRecord[];
  /** The ledger as a checkpoint left it; `startRecords` are then the records after it. */
  startLedger?: Ledger;
}

/**
 * The report ledger (receipt numbers and outcomes) kept at the journal's end. It is extended as
 * the journal grows, never rebuilt differently, so a receipt number once shown is the number
 * forever.
 */
export class LedgerFollower {
  private ledger: Ledger = emptyLedger();
  private readonly mutex = new Mutex();
  /** Records appended while the first catch-up is under way. */
  private appended: JournalRecord[] = [];
  private state: 'idle' | 'loading' | 'following' | 'closed' = 'idle';
  private startRecords: readonly JournalRecord[] | undefined;
  private startLedger: Ledger | undefined;
  private readonly stopFollowing: () => void;
  private readonly journal: LedgerFollowerDeps['journal'];
  private readonly log: Logger;

  constructor(deps: LedgerFollowerDeps) {
    // The start-up records are held only until the ledger has them.
    this.journal = deps.journal;
    this.log = deps.log;
    this.startRecords = deps.startRecords;
    this.startLedger = deps.startLedger;
    // Follow the journal as it grows: the ledger catches up once, on first use (from the records
    // parsed at start-up, or by reading the file), and from then on takes each durable record as it
    // is appended — re-reading a year of sales after every sale would cost seconds per receipt.
    // A record seen twice is skipped by its sequence number.
    this.stopFollowing = deps.journal.onAppend((record) => {
      // Until the first catch-up, appends wait in memory (a day's records at most): otherwise the
      // first receipt after a start from a checkpoint would have to read the whole file.
      if (this.state === 'idle' || this.state === 'loading') this.appended.push(record);
      else if (this.state === 'following') {
        try {
          extendLedger(this.ledger, [record]);
        } catch (error) {
          // An old sale could not be read back. The ledger is whole up to the record before this
          // one: keep it (a rebuild from a file damaged since the checkpoint could number receipts
          // differently), keep this record and the ones after it, and catch up on the next use.
          this.log.error('history: the ledger could not follow the journal; it will catch up', { seq: record.seq, error });
          this.state = 'idle';
          this.appended = [record];
        }
      }
    });
  }

  /** The ledger up to the journal's current end. */
  current(): Promise<Ledger> {
    return this.mutex.run(async () => {
      if (this.state === 'closed') throw new Error('The history service is closed.');
      if (this.state === 'idle') {
        this.state = 'loading';
        try {
          const seed = this.startRecords;
          this.startRecords = undefined;
          if (this.startLedger) this.ledger = this.startLedger;
          this.startLedger = undefined;
          if (seed) extendLedger(this.ledger, seed);
          // The appends kept since then carry on from there; anything else (appended before this
          // service was listening, or after a failed follow) is only in the file.
          const next = this.appended[0];
          const contiguous = next !== undefined && next.seq === this.ledger.lastSeq + 1;
          if (this.ledger.lastSeq < this.journal.seq && !contiguous) extendLedger(this.ledger, await this.journal.readAll());
          extendLedger(this.ledger, this.appended);
          this.appended = [];
          if (this.state === 'loading') this.state = 'following'; // unless closed meanwhile
        } catch (error) {
          // The ledger is whole up to its last record (each record is taken whole or not at all):
          // catch up from there next time, from the records kept or from the file.
          if (this.state === 'loading') this.state = 'idle';
          throw error;
        }
      }
      return this.ledger;
    });
  }

  /** Stops following the journal (the app is shutting down). */
  close(): void {
    this.state = 'closed';
    this.stopFollowing();
  }
}
