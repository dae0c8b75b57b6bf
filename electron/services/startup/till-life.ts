import type { Journal, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { staffSessionOf, staffSessionRecord } from '../report-records/staff-session-record';
import { tillLifeOf, tillLifeRecord, type TillLifeEvent } from '../report-records/till-life-record';

/**
 * What the journal says of the till's life, as of one record: all start-up needs to journal the
 * start (a Start after an orderly stop, else an Omstart), sign out members a crash left signed in,
 * see the clock set back, and journal a change of mode. Folded from every record as the journal
 * grows, and kept in the checkpoint, so start-up never reads the lines before it for this.
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
 * Journals the till's start and stop, the sign-out of members a crash left signed in, a clock set
 * back while the till was off, and every change between training (demo) and normal mode. A write
 * that fails is logged, never thrown: the till starts, quits and saves settings all the same.
 */
export class TillLife {
  private readonly state: TillLifeState;
  /** The journal's seq the state is at. */
  private seq: number;
  private readonly stopFollowing: () => void;
  /** Mode checks one at a time, so a change is journaled once. */
  private modeCheck: Promise<void> = Promise.resolve();
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
  async start(): Promise<void> {
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

  /** After settings or credentials changed: journals the mode when it is not the last journaled one. */
  checkMode(by?: { id: string; name: string } | null): Promise<void> {
    this.modeCheck = this.modeCheck.then(async () => {
      const change = this.modeChange(by);
      if (!change) return;
      try {
        await this.options.journal.appendBatch([tillLifeRecord(change, this.now().toISOString())]);
      } catch (error) {
        this.options.log.error('till: a change of training mode could not be journaled', { error });
      }
    });
    return this.modeCheck;
  }

  /**
   * An orderly quit: a sign-out (`quit`) for each member signed in, then `till-stopped`, so the next
   * start is a Start. It waits for a mode check under way.
   */
  async stop(): Promise<void> {
    await this.modeCheck;
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
