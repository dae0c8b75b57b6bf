import { englishText, localizedText, msg, type LocalizedText } from '../../../shared/messages';
import { openJournal, type Journal, type JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { snapshotLedger, type Ledger } from '../receipts/ledger';
import type { CheckoutService, RestoredSales } from '../sales/checkout-service';
import type { SealCheck, SealChecker } from '../seal/verify';
import { salesInTornPayments } from '../sales/torn-tail';
import type { Alarms } from './alarms';
import { readCheckpoint, restoreFromCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint-store';
import { emptyTillLife, foldTillLife, type TillLifeState } from './till-life';

/** The sales journal as start-up found it, from the checkpoint where the journal accepted one. */
export interface JournalAtStart {
  journal: Journal;
  /** The records read at start-up: all of them, or those after the checkpoint's anchor. */
  records: JournalRecord[];
  /** Damage found while opening, for the clerk. */
  alarms: LocalizedText[];
  /** The checkpoint the journal accepted (its anchor's record is where it says), else null. */
  checkpoint: Checkpoint | null;
  /** The sales and the report ledger rebuilt from that checkpoint. */
  restored: { sales: RestoredSales; ledger: Ledger } | null;
  /** The text of a torn last line set aside while opening, if any. */
  tornTail: string | null;
  /** The till's life at the journal's last record: the checkpoint's, then the lines after it. */
  tillLife: TillLifeState;
  /** The journal's last record's time: the last line read, else the checkpoint's (its ledger's); null when empty. */
  lastAt: string | null;
}

/**
 * Opens the sales journal. A checkpoint (written at the last shutdown or Z report) spares reading
 * every sale ever made; the journal decides whether it still fits (see checkpoint-store.ts), and
 * anything wrong with it means the whole journal is read, as without one.
 */
export async function openJournalAtStart(dataDir: string, log: Logger): Promise<JournalAtStart> {
  const found = await readCheckpoint(dataDir);
  if (found.problem) log.warn('journal: the checkpoint cannot be used; reading the whole journal', { problem: found.problem });
  const candidate = found.checkpoint;
  const opened = await openJournal(dataDir, {
    log,
    ...(candidate ? { resumeFrom: { anchor: candidate.anchor, index: candidate.index } } : {}),
  });
  const checkpoint = opened.resumed ? candidate : null;
  if (checkpoint)
    log.info('journal: started from the checkpoint', {
      seq: checkpoint.anchor.seq,
      sales: checkpoint.summaries.length,
      linesAfter: opened.records.length,
    });
  return {
    journal: opened.journal,
    records: opened.records,
    alarms: opened.alarmTexts,
    checkpoint,
    restored: checkpoint ? restoreFromCheckpoint(checkpoint, opened.journal) : null,
    tornTail: opened.tornTail,
    tillLife: tillLifeAtStart(checkpoint, opened.records),
    lastAt: opened.records.at(-1)?.at ?? checkpoint?.ledger.lastAt ?? null,
  };
}

/**
 * The till's life at the journal's end without reading the lines before the checkpoint: the
 * checkpoint keeps it. With one from before it did, the members signed in before that checkpoint
 * are not known (docs/skvfs-2021-16.md).
 */
function tillLifeAtStart(checkpoint: Checkpoint | null, records: readonly JournalRecord[]): TillLifeState {
  const state = checkpoint?.till ? structuredClone(checkpoint.till) : emptyTillLife();
  for (const record of records) foldTillLife(state, record);
  return state;
}

export interface StartupDeps {
  dataDir: string;
  log: Logger;
  alarms: Pick<Alarms, 'raise'>;
  opened: JournalAtStart;
  checkout: Pick<CheckoutService, 'resume' | 'snapshot' | 'list'>;
  /** The report ledger at the journal's end (the back office's). */
  ledger: () => Promise<Ledger>;
  /** The catalog file loading at start-up: a file set aside is the clerk's business. */
  catalog: { load(): Promise<void>; notice(): LocalizedText | null };
  /** The till's life as of the journal's last record, kept in the checkpoint (till-life.ts). */
  tillLife?: { snapshot(): { seq: number; state: TillLifeState } };
  /** The seal check (seal/verify.ts), fed with the journal as start-up reads it; its alarms raised at the end. */
  seals?: { checker: Pick<SealChecker, 'add' | 'result'>; alarms(check: SealCheck): LocalizedText[] };
  /**
   * Brings files kept beside the journal up to the checkpoint's position before it is written (the
   * control unit's file), so the next start finds them at least as new as the checkpoint; what it
   * answers goes into the checkpoint (`controlUnit`: whether that file holds anything).
   * A failure skips the checkpoint.
   */
  beforeCheckpoint?: (seq: number) => Promise<Pick<Checkpoint, 'controlUnit'> | void>;
}

export interface Startup {
  /** Settles when the unfinished sales have been resumed (or resuming failed, which is logged). */
  resumed: Promise<void>;
  /**
   * Writes a checkpoint of the sales, the ledger and the record positions, all at the journal's
   * last record. Skipped (and logged) when the sales or the ledger are not at that record yet.
   * Calls are serialised; a failure is logged, never thrown.
   */
  saveCheckpoint(why: string): Promise<void>;
  /** Stops the background check of the lines before the checkpoint (shutdown). */
  stopChecking(): void;
  /** Settles when the background checks (lines before the checkpoint, seals) are done and their alarms raised. */
  checked: Promise<void>;
}

/**
 * What runs once the services exist: unfinished sales resumed, the lines before the checkpoint
 * checked, start-up alarms raised as they are found, and the checkpoint written when asked.
 */
export function startUp(deps: StartupDeps): Startup {
  const { alarms, log, opened } = deps;
  const journal = opened.journal;

  // An unreadable catalog file is set aside while the catalog loads; the clerk must hear of it.
  deps.catalog.load().then(
    () => {
      const notice = deps.catalog.notice();
      if (notice) alarms.raise(notice);
    },
    () => undefined, // logged by the catalog service
  );

  // The journal is replayed at once (the sales are known before the first call is answered); an
  // interrupted sale is then reconciled with the provider in the background, under the same lock
  // that Charge takes, so a till that starts offline opens at once instead of waiting on retries.
  const resumed = deps.checkout.resume(opened.records, opened.restored?.sales).then(
    (result) => {
      for (const problem of result.problems) {
        // The sentence for the clerk, then the record and problem for support (shown after it).
        const said = msg('journalReplayProblem');
        alarms.raise(localizedText(said, `${englishText(said)} ${problem}`.slice(0, 1000)));
      }
      for (const alarm of tornPaymentAlarms(opened.tornTail, deps.checkout)) {
        log.error('journal: a torn tail may have held a payment the till no longer shows', { alarm: alarm.message });
        alarms.raise(alarm);
      }
    },
    (error: unknown) => log.error('sales: resuming unfinished sales failed', { error }),
  );

  // Started from a checkpoint: the lines before it were not read, so check them now, in slices. The
  // seal check rides along on that read, then takes the lines read at start-up: no second read.
  const checking = new AbortController();
  const seals = deps.seals;
  const raise = (found: readonly LocalizedText[]) => {
    for (const alarm of found) {
      log.error('journal: the check found a problem', { alarm: alarm.message });
      alarms.raise(alarm);
    }
  };
  const before = opened.checkpoint
    ? journal
        .verifyThrough(opened.checkpoint.anchor, {
          signal: checking.signal,
          ...(seals ? { onRecord: (record: JournalRecord, line: number) => seals.checker.add(record, line) } : {}),
        })
        .then(raise)
    : Promise.resolve();
  const checked = before
    .then(async () => {
      if (!seals) return;
      const firstLine = (opened.checkpoint?.anchor.line ?? 0) + 1;
      for (let i = 0; i < opened.records.length; i += 1) {
        seals.checker.add(opened.records[i]!, firstLine + i);
        if (i % 10_000 === 9_999) await new Promise<void>((resolve) => setImmediate(resolve)).then(() => checking.signal.throwIfAborted());
      }
      raise(seals.alarms(seals.checker.result()));
    })
    .catch((error: unknown) => {
      if (!checking.signal.aborted) log.error('journal: could not check the journal in the background', { error });
    });

  let saving: Promise<void> = Promise.resolve();
  const saveCheckpoint = (why: string): Promise<void> => {
    saving = saving.then(async () => {
      try {
        // The control unit's cache is brought up to the journal first: it may wait (behind a request
        // to the unit), and nothing below may await once the snapshots are taken, or the index and
        // the ledger, which go on growing with the journal, would pass the anchor.
        const through = journal.seq;
        const beside = await deps.beforeCheckpoint?.(through);
        const ledger = await deps.ledger();
        const sales = deps.checkout.snapshot();
        const anchor = journal.anchor();
        const life = deps.tillLife?.snapshot();
        if (
          !anchor ||
          anchor.seq !== through ||
          sales.seq !== anchor.seq ||
          ledger.lastSeq !== anchor.seq ||
          (life && life.seq !== anchor.seq)
        ) {
          log.info('journal: checkpoint skipped; the sales are not at the last record', {
            why,
            seq: anchor?.seq ?? 0,
            sales: sales.seq,
            ledger: ledger.lastSeq,
          });
          return;
        }
        await writeCheckpoint(deps.dataDir, {
          ...beside,
          anchor,
          index: journal.positions() as Map<string, number[]>,
          maxNumber: sales.maxNumber,
          summaries: sales.summaries,
          problems: sales.problems,
          openRefunds: sales.openRefunds,
          ledger: snapshotLedger(ledger),
          ...(life ? { till: life.state } : {}),
        });
      } catch (error) {
        log.warn('journal: could not write a checkpoint', { why, error });
      }
    });
    return saving;
  };

  return { resumed, saveCheckpoint, stopChecking: () => checking.abort(), checked };
}

/**
 * A torn tail is set aside because nobody was told of it, as a rule. But a file system that lost
 * an acknowledged line (or a tail cut short by hand) may have held a Paid the clerk saw: the
 * customer may have left with the goods while the sale is waiting again. The clerk must hear of it.
 */
export function tornPaymentAlarms(tornTail: string | null, checkout: Pick<CheckoutService, 'list'>): LocalizedText[] {
  if (!tornTail) return [];
  return salesInTornPayments(tornTail, checkout.list({ limit: 1000 })).map(({ number }) =>
    localizedText(number === null ? msg('journalTornPaidUnknown') : msg('journalTornPaid', { number })),
  );
}
