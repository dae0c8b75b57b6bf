import { z } from 'zod';
import {
  controlUnitKindSchema,
  controlUnitRequestSchema,
  type ControlUnitKind,
  type ControlUnitRequest,
} from '../../../shared/domain/fiscal';
import { readTextIfExists, removeStaleTemps, writeFileAtomic } from '../catalog/atomic-file';
import type { AppendInput, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { ControlUnitError, type ControlUnit, type ControlUnitAnswer } from './port';
import {
  CONTROL_UNIT_REQUEST_TYPE,
  CONTROL_UNIT_SIGNED_TYPE,
  controlUnitRequestDataSchema,
  controlUnitSignedDataSchema,
  RECEIPT_HANDED_OVER_TYPE,
  receiptHandedOverDataSchema,
  type ControlUnitRequestData,
  type ControlUnitSignedData,
  type ReceiptHandedOverData,
} from './records';

export const CONTROL_UNIT_FILE = 'control-unit.json';

const stateSchema = z.object({
  v: z.literal(1),
  /** Receipts after this journal position are signed (the position when the Swedish till was first on). */
  fromSeq: z.number().int().min(0).nullable(),
  /** The last journal record this file reflects. */
  throughSeq: z.number().int().min(0),
  requests: z.record(z.string(), z.object({ saleId: z.string(), unit: controlUnitKindSchema, request: controlUnitRequestSchema })),
  signed: z.record(z.string(), z.object({ serial: z.string(), code: z.string(), training: z.boolean() })),
  /**
   * Originals handed over (printed, queued for the printer, saved as PDF), by key: an original is
   * handed over once; after that only its one copy. The journal's `receipt-handed-over` records,
   * kept at hand like the rest (marks from before those records were journaled live only here).
   * Absent in files written before it: none.
   */
  issued: z.array(z.string()).default([]),
});
type QueueState = z.infer<typeof stateSchema>;

const emptyState = (): QueueState => ({ v: 1, fromSeq: null, throughSeq: 0, requests: {}, signed: {}, issued: [] });

export interface QueuedReceipt {
  readonly key: string;
  readonly saleId: string;
  readonly request: ControlUnitRequest;
}

export interface ControlUnitQueueOptions {
  /** `control-unit.json` in the data directory: the journal's control-unit records, kept at hand. */
  file: string;
  journal: { append(input: AppendInput): Promise<JournalRecord> };
  /**
   * The journal position the start records follow (the checkpoint's; 0 when they are the whole
   * journal), whether the unit held anything at that position (`usedBefore`: the checkpoint says
   * so), and a way to read the whole journal record by record: when the unit was used before the
   * checkpoint and the file is missing, unreadable or older than it (lost, or rolled back), the
   * state is rebuilt from every record. A till whose unit held nothing there reads nothing more.
   */
  startRecordsAfter?: number;
  usedBefore?: boolean;
  replayJournal?: (onRecord: (record: JournalRecord) => void) => Promise<void>;
  /** The unit of that kind, as Settings describe it now. */
  unit: (kind: ControlUnitKind) => ControlUnit;
  log: Logger;
  now?: () => Date;
  /** Waits between tries while the unit is away: the first, doubling up to the last. */
  retry?: { firstMs: number; maxMs: number };
  /**
   * A receipt signed. `waited`: it was not signed at its first try — it waited in this run, or was
   * still waiting when the till started — so whoever asked for it was told it waits, not given it.
   */
  onSigned?: (entry: QueuedReceipt & { answer: ControlUnitAnswer; waited: boolean }) => void;
  /** A receipt the unit did not sign on the first try (told once per receipt). */
  onWaiting?: (entry: QueuedReceipt & { reason: ControlUnitError['kind'] }) => void;
  /**
   * Every receipt the clerk was told is waiting is signed, and none waits any more: what was said
   * in `onWaiting` is over. Told once per outage; a receipt that waits later is told again.
   */
  onAllSigned?: () => void;
}

/** `exists`: asked with `fresh`, and a request under the key was journaled before (nothing sent). */
export type SubmitOutcome = 'signed' | 'waiting' | 'exists';

/**
 * The receipts on their way to the control unit, in order, never lost and never signed twice.
 * A receipt's request is journaled (fsynced) before it is sent and the answer before it is used;
 * `control-unit.json` keeps both at hand (written after each of them) so a reprint years later and
 * a restart find them without reading the journal; at start-up the records read from the journal
 * are applied again over it, so a crash between the two loses nothing, and a file lost or older
 * than the checkpoint is rebuilt from the whole journal. The originals handed over are journaled
 * too (`receipt-handed-over`) and the file is their cache. While the unit cannot be reached the
 * receipts wait and are tried again with backoff; the payment never waits for it.
 */
export class ControlUnitQueue {
  private state: QueueState;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private closed = false;
  /** Sent at least once since this start (or pending at start): a resend goes to the unit's recovery call. */
  private readonly maybeSent = new Set<string>();
  private readonly told = new Set<string>();
  /** Receipts that waited (this run, or from before the start) and are not signed yet. */
  private readonly waited = new Set<string>();
  /** Receipts signed in this run after they waited (`onSigned` was told `waited`). */
  private readonly signedAfterWaiting = new Set<string>();
  /** Requests journaled in this run (the rest were made before the till started). */
  private readonly requestedThisRun = new Set<string>();
  private readonly now: () => Date;

  private constructor(
    private readonly options: ControlUnitQueueOptions,
    state: QueueState,
  ) {
    this.state = state;
    this.now = options.now ?? (() => new Date());
    this.delayMs = options.retry?.firstMs ?? 1_000;
    for (const key of this.pendingKeys()) {
      this.maybeSent.add(key);
      this.waited.add(key);
    }
  }

  /**
   * Opens the queue from its file and the journal records read at start-up (those after the
   * checkpoint, or all), then tries the waiting receipts again in the background.
   */
  static async open(options: ControlUnitQueueOptions, startRecords: readonly JournalRecord[]): Promise<ControlUnitQueue> {
    await removeStaleTemps(options.file);
    let state = emptyState();
    let readable = false;
    const text = await readTextIfExists(options.file);
    if (text !== null) {
      try {
        state = stateSchema.parse(JSON.parse(text));
        readable = true;
      } catch (error) {
        options.log.error('control unit: its file could not be read; rebuilt from the journal', { error });
      }
    }
    let changed = false;
    const after = options.startRecordsAfter ?? 0;
    if (after > 0 && options.usedBefore === true && (!readable || state.throughSeq < after) && options.replayJournal) {
      // The start records do not reach back to where the file stops: every record, then.
      options.log.warn('control unit: its file is missing or older than the checkpoint; rebuilt from the whole journal', {
        fileThrough: readable ? state.throughSeq : null,
        checkpoint: after,
      });
      const rebuilding = state;
      await options.replayJournal((record) => applyRecord(rebuilding, record));
      changed = true;
    }
    for (const record of startRecords) changed = applyRecord(state, record) || changed;
    const queue = new ControlUnitQueue(options, state);
    if (changed) await queue.save();
    if (queue.pendingKeys().length > 0) queue.schedule(0);
    return queue;
  }

  /** Receipts after this journal position are signed; null until the Swedish till is first on. */
  fromSeq(): number | null {
    return this.state.fromSeq;
  }

  /** Marks where signing starts (once): receipts made before the Swedish till was on are left as they were. */
  async startFrom(seq: number): Promise<void> {
    if (this.state.fromSeq !== null) return;
    this.state.fromSeq = seq;
    await this.save();
  }

  signature(key: string): { serial: string; code: string; training: boolean } | null {
    return this.state.signed[key] ?? null;
  }

  requested(key: string): boolean {
    return key in this.state.requests;
  }

  /** A request under the key was journaled before this start (not in this run). */
  requestedBeforeStart(key: string): boolean {
    return this.requested(key) && !this.requestedThisRun.has(key);
  }

  /** The request journaled under the key (what the receipt was signed over), or null. */
  requestOf(key: string): ControlUnitRequest | null {
    return this.state.requests[key]?.request ?? null;
  }

  /**
   * Marks the original under the key as handed over (`true`) — refused (false) when it was already —
   * or takes the mark back (`false`) when handing it over failed. Journaled (fsynced) before it
   * answers; the file is not rewritten for it (the next save, or a start, brings it there).
   */
  markIssued(saleId: string, key: string, issued: boolean): Promise<boolean> {
    return this.serial(async () => {
      const already = this.state.issued.includes(key);
      if (issued === already) return !issued;
      const data: ReceiptHandedOverData = { v: 1, key, handedOver: issued };
      const record = await this.options.journal.append({ type: RECEIPT_HANDED_OVER_TYPE, saleId, data, at: this.now().toISOString() });
      applyRecord(this.state, record);
      return true;
    });
  }

  /**
   * Brings the file up to journal position `seq` (every control-unit record up to it is in the
   * state): called before a checkpoint at `seq` is written, so the next start need not read the
   * journal before the checkpoint. Answers whether the unit holds anything (the checkpoint keeps
   * it as `usedBefore` for the next start); while it holds nothing — every till that was never
   * Swedish — no file is written.
   */
  reflectThrough(seq: number): Promise<boolean> {
    return this.serial(async () => {
      const used = !isEmpty(this.state);
      if (seq <= this.state.throughSeq) return used;
      this.state.throughSeq = seq;
      if (used) await this.save();
      return used;
    });
  }

  /** True when the receipt waited for the unit in this run or was waiting at start (its `onSigned` says `waited`). */
  waitedFor(key: string): boolean {
    return this.waited.has(key) || this.signedAfterWaiting.has(key);
  }

  pendingKeys(): string[] {
    return Object.keys(this.state.requests).filter((key) => !(key in this.state.signed));
  }

  /**
   * Hands a receipt to the control unit: journaled, then sent once. Answers `signed` when the unit
   * signed it now or before, `waiting` when it will be signed later. Idempotent by the request's key.
   * `fresh`: only a request never made before is sent (a copy: at most one) — one under the key
   * already answers `exists`, checked in the queue's serial order so two calls at once make one.
   */
  submit(saleId: string, unit: ControlUnitKind, request: ControlUnitRequest, options: { fresh?: boolean } = {}): Promise<SubmitOutcome> {
    return this.serial(async () => {
      if (options.fresh && request.key in this.state.requests) return 'exists';
      if (request.key in this.state.signed) return 'signed';
      if (!(request.key in this.state.requests)) {
        const data: ControlUnitRequestData = { v: 1, unit, request };
        const record = await this.options.journal.append({ type: CONTROL_UNIT_REQUEST_TYPE, saleId, data, at: this.now().toISOString() });
        applyRecord(this.state, record);
        this.requestedThisRun.add(request.key);
        await this.save();
      }
      return this.attempt(request.key);
    });
  }

  /** Tries every waiting receipt now, in order (the unit is back, or a test asks). */
  retryNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.serial(async () => {
      for (const key of this.pendingKeys()) {
        if (this.closed) return;
        if ((await this.attempt(key)) === 'waiting') return; // the rest wait behind it, in order
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
  }

  private async attempt(key: string): Promise<'signed' | 'waiting'> {
    const entry = this.state.requests[key]!;
    const resend = this.maybeSent.has(key);
    this.maybeSent.add(key);
    let answer: ControlUnitAnswer;
    try {
      answer = await this.options.unit(entry.unit).sign(entry.request, { resend });
    } catch (error) {
      const reason = error instanceof ControlUnitError ? error.kind : 'unreachable';
      this.options.log.warn('control unit: receipt not signed yet', { key, reason, error });
      this.waited.add(key);
      if (!this.told.has(key)) {
        this.told.add(key);
        this.options.onWaiting?.({ key, saleId: entry.saleId, request: entry.request, reason });
      }
      this.schedule(this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, this.options.retry?.maxMs ?? 30_000);
      return 'waiting';
    }
    const data: ControlUnitSignedData = { v: 1, key, serial: answer.serial, code: answer.code, training: answer.training };
    const record = await this.options.journal.append({
      type: CONTROL_UNIT_SIGNED_TYPE,
      saleId: entry.saleId,
      data,
      at: this.now().toISOString(),
    });
    applyRecord(this.state, record);
    await this.save();
    this.delayMs = this.options.retry?.firstMs ?? 1_000;
    this.options.log.info('control unit: receipt signed', { key });
    const waited = this.waited.delete(key);
    if (waited) this.signedAfterWaiting.add(key);
    this.options.onSigned?.({ key, saleId: entry.saleId, request: entry.request, answer, waited });
    if (this.pendingKeys().length > 0) this.schedule(0);
    else if (this.told.size > 0) {
      // Every receipt told of is signed (a signed one never waits again): the outage is over.
      this.told.clear();
      this.options.onAllSigned?.();
    }
    return 'signed';
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retryNow().catch((error: unknown) => this.options.log.error('control unit: retry failed', { error }));
    }, ms);
    this.timer.unref?.();
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private save(): Promise<void> {
    return writeFileAtomic(this.options.file, `${JSON.stringify(this.state)}\n`);
  }
}

/** Nothing signed, asked, marked or started: the state of a till whose unit was never used. */
const isEmpty = (state: QueueState) =>
  state.fromSeq === null && state.issued.length === 0 && Object.keys(state.requests).length === 0 && Object.keys(state.signed).length === 0;

/** Applies one journal record to the state; true when it changed anything. */
function applyRecord(state: QueueState, record: Pick<JournalRecord, 'type' | 'saleId' | 'data' | 'seq'>): boolean {
  if (record.seq <= state.throughSeq && record.type !== CONTROL_UNIT_REQUEST_TYPE && record.type !== CONTROL_UNIT_SIGNED_TYPE) return false;
  let changed = false;
  if (record.type === RECEIPT_HANDED_OVER_TYPE) {
    // In journal order, after what the file already reflects (a mark taken back stays taken back).
    const parsed = receiptHandedOverDataSchema.safeParse(record.data);
    if (parsed.success) {
      const { key, handedOver } = parsed.data;
      const has = state.issued.includes(key);
      if (handedOver && !has) state.issued = [...state.issued, key];
      if (!handedOver && has) state.issued = state.issued.filter((k) => k !== key);
      changed = handedOver !== has;
    }
  }
  if (record.type === CONTROL_UNIT_REQUEST_TYPE) {
    const parsed = controlUnitRequestDataSchema.safeParse(record.data);
    if (parsed.success && !(parsed.data.request.key in state.requests)) {
      state.requests[parsed.data.request.key] = { saleId: record.saleId, unit: parsed.data.unit, request: parsed.data.request };
      changed = true;
    }
  } else if (record.type === CONTROL_UNIT_SIGNED_TYPE) {
    const parsed = controlUnitSignedDataSchema.safeParse(record.data);
    if (parsed.success && !(parsed.data.key in state.signed)) {
      state.signed[parsed.data.key] = { serial: parsed.data.serial, code: parsed.data.code, training: parsed.data.training };
      changed = true;
    }
  }
  if (record.seq > state.throughSeq) state.throughSeq = record.seq;
  return changed;
}
