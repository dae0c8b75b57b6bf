import type { Journal, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { staffSessionOf, staffSessionRecord, type StaffSession } from '../report-records/staff-session-record';
import { tillLifeOf, tillLifeRecord, type TillLifeEvent } from '../report-records/till-life-record';

/**
 * What the journal says of the till's life, as of one record: all start-up needs to journal the
 * start (a Start after an orderly stop, else an Omstart), sign out members a crash left signed in
 * and journal a change of mode (the last record's time, to see the clock set back, is the journal's:
 * `TillLifeOptions.lastAt`). Folded from every record as the journal grows, and kept in the
 * checkpoint, so start-up never reads the lines before it for this.
 */
export interface TillLifeState {
  /** The last start or stop journaled: `started` while the run that wrote it has not stopped in order. */
  last: 'started' | 'stopped' | null;
  /** Members with a sign-in and no sign-out since, in the order they signed in. */
  signedIn: { id: string; name: string }[];
  /** The mode last journaled; null when none ever was (the till has been in normal mode). */
  training: boolean | null;
}

export const emptyTillLife = (): TillLifeState => ({ last: null, signedIn: [], training: null });

/** Applies one record to the state (in place). */
export function foldTillLife(state: TillLifeState, record: Pick<JournalRecord, 'type' | 'data'>): TillLifeState {
  const session = staffSessionOf(record);
  if (session) {
    state.signedIn = state.signedIn.filter((m) => m.id !== session.member.id);
    if (session.kind === 'sign-in') state.signedIn.push({ id: session.member.id, name: session.member.name });
    return state;
  }
  const life = tillLifeOf(record);
  if (life?.kind === 'started') state.last = 'started';
  else if (life?.kind === 'stopped') state.last = 'stopped';
  else if (life?.kind === 'mode-changed') state.training = life.training;
  return state;
}

export interface TillLifeOptions {
  journal: Pick<Journal, 'appendBatch' | 'onAppend' | 'seq'>;
  log: Logger;
  /** The state as of the journal's last record when the till starts (checkpoint, then the lines after it). */
  atStart: TillLifeState;
  /**
   * The time of the journal's last record when the till starts, before this run wrote any (the
   * journal's and the ledger's to keep, not this state's): a clock earlier than it was set back.
   */
  lastAt: string | null;
  version: string;
  /** Training mode: the active provider is the built-in sandbox (demo mode). */
  training: () => boolean;
  now?: () => Date;
}

/**
 * Journals the till's start and stop, every sign-in and sign-out, the sign-out of members a crash
 * left signed in, a clock set back while the till was off, and every change between training (demo)
 * and normal mode. Built as soon as the journal is open, so it follows every record after the state
 * it was handed. Its writes go one at a time, and none after the stop: `till-stopped` is the last of
 * them. A write of the till's own that fails is logged, never thrown: the till starts, quits and
 * saves settings all the same.
 */
export class TillLife {
  private readonly state: TillLifeState;
  /** The journal's seq the state is at. */
  private seq: number;
  private readonly stopFollowing: () => void;
  /** The writes (start, mode checks, sign-ins and -outs, stop) one at a time, so a change is journaled once. */
  private writes: Promise<void> = Promise.resolve();
  /** Set when the stop is about to be journaled: nothing of this class is journaled after it. */
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly options: TillLifeOptions) {
    this.state = structuredClone(options.atStart);
    this.seq = options.journal.seq;
    this.now = options.now ?? (() => new Date());
    this.stopFollowing = options.journal.onAppend((record) => {
      foldTillLife(this.state, record);
      this.seq = record.seq;
    });
  }

  /** The state and the seq it is at (for the checkpoint: taken with the journal's anchor). */
  snapshot(): { seq: number; state: TillLifeState } {
    return { seq: this.seq, state: structuredClone(this.state) };
  }

  /**
   * At start, in one write: `till-started` (an Omstart when the run before did not stop in order),
   * a sign-out (`restart`) for each member that run left signed in, `clock-changed` when the clock
   * is earlier than the last record, and the mode when it differs from the last journaled.
   */
  start(): Promise<void> {
    return this.inTurn(() => this.journalStart());
  }

  private async journalStart(): Promise<void> {
    const now = this.now();
    const at = now.toISOString();
    const { last, signedIn } = this.state;
    const { lastAt } = this.options;
    const restart = last === 'started';
    const clockBack = lastAt !== null && now.getTime() < Date.parse(lastAt);
    const mode = this.modeChange();
    const records = [
      tillLifeRecord({ kind: 'started', restart, version: this.options.version.slice(0, 60) }, at),
      ...signedIn.map((member) => staffSessionRecord({ kind: 'sign-out', member, how: 'restart' }, at)),
      ...(clockBack ? [tillLifeRecord({ kind: 'clock-changed', lastRecordAt: lastAt }, at)] : []),
      ...(mode ? [tillLifeRecord(mode, at)] : []),
    ];
    try {
      await this.options.journal.appendBatch(records);
      this.options.log.info(restart ? 'till: restarted after an unorderly stop' : 'till: started', {
        signedOut: signedIn.length,
        clockBack,
      });
    } catch (error) {
      this.options.log.error('till: the start could not be journaled', { error });
    }
  }

  /** After settings or credentials changed: journals the mode when it is not the last journaled one (not after the stop). */
  checkMode(by?: { id: string; name: string } | null): Promise<void> {
    return this.inTurn(async () => {
      const change = this.stopped ? null : this.modeChange(by);
      if (!change) return;
      try {
        await this.options.journal.appendBatch([tillLifeRecord(change, this.now().toISOString())]);
      } catch (error) {
        this.options.log.error('till: a change of training mode could not be journaled', { error });
      }
    });
  }

  /**
   * A sign-in or sign-out (StaffService's `journalSession`), in turn with the rest. After the stop it
   * throws, so a late sign-in is refused; a late sign-out has nothing to add (the quit signed the
   * member out), and the staff service logs it.
   */
  journalSession(session: StaffSession): Promise<void> {
    return this.inTurn(async () => {
      if (this.stopped) throw new Error('the till has stopped: no sign-in or sign-out is journaled after till-stopped');
      await this.options.journal.appendBatch([staffSessionRecord(session, this.now().toISOString())]);
    });
  }

  /**
   * An orderly quit: a sign-out (`quit`) for each member signed in, then `till-stopped`, so the next
   * start is a Start. It waits for the writes under way; after it, none is journaled. Once only.
   */
  stop(): Promise<void> {
    return this.inTurn(async () => {
      if (this.stopped) return;
      this.stopped = true;
      await this.journalStop();
    });
  }

  private async journalStop(): Promise<void> {
    const at = this.now().toISOString();
    try {
      await this.options.journal.appendBatch([
        ...this.state.signedIn.map((member) => staffSessionRecord({ kind: 'sign-out', member, how: 'quit' }, at)),
        tillLifeRecord({ kind: 'stopped' }, at),
      ]);
    } catch (error) {
      this.options.log.error('till: the stop could not be journaled', { error });
    }
  }

  /** Stops following the journal (after the last checkpoint). */
  close(): void {
    this.stopFollowing();
  }

  /** Runs the task after the writes before it (each settles, fails or not, before the next). */
  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task);
    this.writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The mode to journal, when the active one is not the last journaled (none journaled: normal). */
  private modeChange(by?: { id: string; name: string } | null): TillLifeEvent | null {
    let training: boolean;
    try {
      training = this.options.training();
    } catch (error) {
      this.options.log.warn('till: the active mode could not be read', { error });
      return null;
    }
    if (training === (this.state.training ?? false)) return null;
    return { kind: 'mode-changed', training, ...(by ? { by: { id: by.id, name: by.name } } : {}) };
  }
}
