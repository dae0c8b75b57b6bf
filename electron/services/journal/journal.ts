import { join } from 'node:path';
import type { Logger } from '../log';
import { nodeJournalFs, type JournalFileHandle, type JournalFs } from './fs';
import { decodeLine, encodeRecord, GENESIS_HASH, type JournalRecord } from './record';
import { englishText, LocalizedError, localizedText, msg, type LocalizedText } from '../../../shared/messages';

export type { JournalRecord } from './record';

export const JOURNAL_FILE = 'sales.journal';
const NEWLINE = 0x0a;
/** A durable write slower than this is logged. */
export const SLOW_WRITE_MS = 1_000;

/** What a caller hands to append; seq, prev and hash are the journal's business. */
export interface AppendInput {
  readonly type: string;
  readonly saleId: string;
  readonly data: unknown;
  /** ISO time of the event; injected so tests and replays agree. */
  readonly at: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Lines in the file. */
  records: number;
  /** 1-based line number of the first line that is damaged, out of order or breaks the chain. */
  firstBreakAt?: number;
  problems: string[];
}

export interface OpenJournalResult {
  journal: Journal;
  /** Records to replay, in file order. */
  records: JournalRecord[];
  /** Damage in the middle of the file: a person must look. The file is left as it is. */
  alarms: string[];
  /** The same alarms with their Messages, for the clerk's language. */
  alarmTexts: LocalizedText[];
  /** Things handled automatically, e.g. a torn last line set aside. */
  notices: string[];
  /**
   * The text of a torn tail set aside (null when there was none), for the layers that know what a
   * record means to judge: the journal knows nothing of sales.
   */
  tornTail: string | null;
  /** True when only the lines after the checkpoint's anchor were read: `records` are those lines. */
  resumed: boolean;
}

export interface OpenJournalOptions {
  log: Logger;
  fs?: JournalFs;
  now?: () => Date;
  /**
   * A checkpoint's anchor and its index of record positions (handed over, not copied). When the
   * anchor's record is still where the checkpoint says, only the lines after it are read;
   * otherwise the whole file is, as without a checkpoint.
   */
  resumeFrom?: { anchor: JournalAnchor; index: Map<string, number[]> };
  /**
   * The file's name in `dir` (default `sales.journal`). The cart-event journal (`cart.journal`) is
   * the same machinery on its own file, so a cart's records never take a sale's sequence numbers.
   */
  file?: string;
}

/** Thrown when the journal cannot make a record durable; the message is for the clerk. */
export class JournalError extends LocalizedError {
  override readonly name = 'JournalError';
}

/**
 * Where a record sits in the file, and the chain up to it: what a checkpoint needs to pick up the
 * journal from that record without reading what came before.
 */
export interface JournalAnchor {
  readonly seq: number;
  readonly hash: string;
  /** Byte offset of the record's line, and its length without the newline. */
  readonly offset: number;
  readonly length: number;
  /** 1-based line number of the record (alarms name lines). */
  readonly line: number;
}

/** The state a scan starts from: the start of the file, or just after an anchor. */
interface ScanStart {
  readonly offset: number;
  readonly line: number;
  readonly prev: string | null;
  readonly seq: number;
}

const FILE_START: ScanStart = { offset: 0, line: 0, prev: GENESIS_HASH, seq: 0 };
const after = (anchor: JournalAnchor): ScanStart => ({
  offset: anchor.offset + anchor.length + 1,
  line: anchor.line,
  prev: anchor.hash,
  seq: anchor.seq,
});

interface ScanResult {
  records: JournalRecord[];
  problems: { line: number; problem: string }[];
  lastHash: string;
  /** The hash the next line must name as prev; null after an unreadable last line. */
  expectedPrev: string | null;
  lastSeq: number;
  lines: number;
  /** The last line read (null when there was none). */
  last: JournalAnchor | null;
}

type OnRecord = (record: JournalRecord, offset: number, length: number, line: number) => void;

/**
 * Walks complete lines (bytes without a trailing partial line), which start at file offset
 * `from.offset`. A damaged line is reported and skipped for replay, but its stored hash still feeds
 * the chain check so one flipped byte yields one alarm, not a cascade.
 */
function scan(bytes: Uint8Array, strict: boolean, from: ScanStart = FILE_START, onRecord?: OnRecord): ScanResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: JournalRecord[] = [];
  const problems: { line: number; problem: string }[] = [];
  // null after an unreadable line: its hash and seq are unknown, so the next line is not blamed.
  let expectedPrev: string | null = from.prev;
  let lastSeq = from.seq;
  let lineNo = from.line;
  let last: JournalAnchor | null = null;
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(NEWLINE, start);
    if (end === -1) end = buffer.length;
    const line = buffer.toString('utf8', start, end);
    const offset = from.offset + start;
    const length = end - start;
    start = end + 1;
    lineNo += 1;
    const decoded = decodeLine(line, strict);
    const record = decoded.record;
    if (!decoded.ok) problems.push({ line: lineNo, problem: decoded.problem });
    if (!record) {
      expectedPrev = null;
      continue;
    }
    if (decoded.ok && expectedPrev !== null) {
      if (record.prev !== expectedPrev) problems.push({ line: lineNo, problem: 'chain broken: prev does not match the line before' });
      if (record.seq !== lastSeq + 1) problems.push({ line: lineNo, problem: `sequence jumps from ${lastSeq} to ${record.seq}` });
    }
    expectedPrev = record.hash;
    lastSeq = Math.max(lastSeq, record.seq);
    last = { seq: record.seq, hash: record.hash, offset, length, line: lineNo };
    // A record whose checksum fails is still replayed (with an alarm): dropping it could hide a
    // payment, and the bytes stay in the file for a person to judge.
    if (onRecord) onRecord(record, offset, length, lineNo);
    else records.push(record);
  }
  // The last line always decodes (open sets a bad last line aside), so expectedPrev is known there.
  return { records, problems, lastHash: expectedPrev ?? GENESIS_HASH, expectedPrev, lastSeq, lines: lineNo, last };
}

async function readOrEmpty(fs: JournalFs, path: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array(0);
    throw error;
  }
}

export async function fsyncDir(fs: JournalFs, dir: string): Promise<void> {
  // Makes a new file's directory entry durable. Not possible on Windows; the data itself is synced.
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

const decoder = new TextDecoder('utf-8');

/**
 * Opens (creating if needed) the append-only sales journal in `dir`, sets aside a torn last line,
 * reports damage elsewhere without touching it, and returns the records to replay.
 */
export async function openJournal(dir: string, options: OpenJournalOptions): Promise<OpenJournalResult> {
  const fs = options.fs ?? nodeJournalFs;
  const now = options.now ?? (() => new Date());
  const file = options.file ?? JOURNAL_FILE;
  const path = join(dir, file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });

  // With a checkpoint whose anchor record is still in place, only the lines after it are read.
  const checkpoint = options.resumeFrom;
  let base = FILE_START;
  let index = new Map<string, number[]>();
  let bytes: Uint8Array;
  if (checkpoint && (await anchorHolds(fs, path, checkpoint.anchor))) {
    base = after(checkpoint.anchor);
    index = checkpoint.index;
    bytes = await fs.readRange(path, base.offset, (await fs.size(path)) - base.offset);
  } else {
    if (checkpoint)
      options.log.warn('journal: the checkpoint does not match the journal; reading all of it', { seq: checkpoint.anchor.seq });
    bytes = await readOrEmpty(fs, path);
  }
  const resumed = base !== FILE_START;

  // Everything after the last newline was never acknowledged (an append resolves only after its
  // whole line, newline included, is fsynced).
  const lastNl = bytes.lastIndexOf(NEWLINE);
  let keepEnd = lastNl + 1;
  if (lastNl >= 0) {
    // A last complete line that does not decode is the torn write of a file system that
    // persisted the newline before the rest; it too was never acknowledged.
    // (lastIndexOf with -1 would search from the end again.)
    const lineStart = lastNl > 0 ? bytes.lastIndexOf(NEWLINE, lastNl - 1) + 1 : 0;
    if (!decodeLine(decoder.decode(bytes.subarray(lineStart, lastNl))).ok) keepEnd = lineStart;
  }

  const notices: string[] = [];
  let tornTail: string | null = null;
  if (keepEnd < bytes.length) {
    tornTail = decoder.decode(bytes.subarray(keepEnd));
    const tornName = await setAside(fs, dir, file, bytes.subarray(keepEnd), now());
    await fs.truncate(path, base.offset + keepEnd);
    const notice = `The journal ${file} ended in an unfinished record (${bytes.length - keepEnd} bytes, never confirmed to anyone); it was moved to ${tornName}.`;
    notices.push(notice);
    options.log.warn('journal: torn tail set aside', { file: tornName, bytes: bytes.length - keepEnd });
  }

  const records: JournalRecord[] = [];
  const result = scan(bytes.subarray(0, keepEnd), false, base, (record, offset, length) => {
    records.push(record);
    addPosition(index, record.saleId, offset, length);
  });
  const alarmTexts = damageAlarms(result.problems);
  const alarms = alarmTexts.map((a) => a.message);
  for (const alarm of alarms) options.log.error('journal: damaged record', { alarm });

  const handle = await fs.open(path, 'a', 0o600);
  if (base.offset + bytes.length === 0) await fsyncDir(fs, dir);
  const last = result.last ?? (resumed && checkpoint ? checkpoint.anchor : null);
  const journal = new Journal({
    fs,
    path,
    handle,
    last,
    index,
    size: base.offset + keepEnd,
    log: options.log,
    clock: () => now().getTime(),
  });
  return { journal, records, alarms, alarmTexts, notices, tornTail, resumed };
}

function damageAlarms(problems: readonly { line: number; problem: string }[]): LocalizedText[] {
  return problems.map((p) => {
    const said = msg('journalDamagedLine', { line: p.line });
    return localizedText(said, `${englishText(said)} (${p.problem})`);
  });
}

function addPosition(index: Map<string, number[]>, saleId: string, offset: number, length: number): void {
  const positions = index.get(saleId);
  if (positions) positions.push(offset, length);
  else index.set(saleId, [offset, length]);
}

/** True when the anchor's line is in the file where the checkpoint says, with its seq and hash. */
async function anchorHolds(fs: JournalFs, path: string, anchor: JournalAnchor): Promise<boolean> {
  try {
    const bytes = await fs.readRange(path, anchor.offset, anchor.length + 1);
    if (bytes.length !== anchor.length + 1 || bytes[anchor.length] !== NEWLINE) return false;
    const decoded = decodeLine(decoder.decode(bytes.subarray(0, anchor.length)));
    return decoded.ok && decoded.record.seq === anchor.seq && decoded.record.hash === anchor.hash;
  } catch {
    return false;
  }
}

async function setAside(fs: JournalFs, dir: string, file: string, tail: Uint8Array, at: Date): Promise<string> {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt += 1) {
    const name = `${file}.torn-${stamp}${attempt ? `-${attempt}` : ''}`;
    let handle: JournalFileHandle;
    try {
      handle = await fs.open(join(dir, name), 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw error;
    }
    try {
      await handle.appendFile(tail);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDir(fs, dir);
    return name;
  }
}

export interface JournalParts {
  fs: JournalFs;
  path: string;
  handle: JournalFileHandle;
  /** The last acknowledged record (null for an empty journal). */
  last: JournalAnchor | null;
  /** Byte positions of every record, by sale: [offset, length, offset, length, …]. */
  index: Map<string, number[]>;
  /** Length of the acknowledged part of the file. */
  size: number;
  log: Logger;
  clock: () => number;
}

export class Journal {
  private queue: Promise<unknown> = Promise.resolve();
  private broken: Error | null = null;
  private closed = false;
  private readonly appendListeners = new Set<(record: JournalRecord) => void>();
  private readonly fs: JournalFs;
  readonly path: string;
  private readonly handle: JournalFileHandle;
  private last: JournalAnchor | null;
  private readonly index: Map<string, number[]>;
  private size: number;
  private readonly log: Logger;
  private readonly clock: () => number;

  constructor(parts: JournalParts) {
    ({
      fs: this.fs,
      path: this.path,
      handle: this.handle,
      last: this.last,
      index: this.index,
      size: this.size,
      log: this.log,
      clock: this.clock,
    } = parts);
  }

  get seq(): number {
    return this.last?.seq ?? 0;
  }

  /** The last acknowledged record's place in the file: what a checkpoint is anchored to. */
  anchor(): JournalAnchor | null {
    return this.last;
  }

  /** Byte positions of every acknowledged record, by sale (read-only: it is the journal's own). */
  positions(): ReadonlyMap<string, readonly number[]> {
    return this.index;
  }

  /**
   * One sale's acknowledged records with seq at most `upToSeq`, read back from the file at their
   * recorded positions. Synchronous: a sale is a few short lines, and the callers that need an old
   * sale (a reprint, a late payment on an old link) are in the middle of a synchronous step.
   */
  readSale(saleId: string, upToSeq = Number.POSITIVE_INFINITY): JournalRecord[] {
    const positions = this.index.get(saleId) ?? [];
    const lines = positions.length > 0 ? this.fs.readRangesSync(this.path, positions) : [];
    const records: JournalRecord[] = [];
    for (let i = 0; i + 1 < positions.length; i += 2) {
      const offset = positions[i]!;
      const decoded = decodeLine(decoder.decode(lines[i / 2]));
      const record = decoded.record;
      // As a full replay does: a line that cannot be read is left out, one whose checksum fails is
      // used; either way the check of the whole file raises the alarm.
      if (!record || record.saleId !== saleId) {
        this.log.error('journal: a record could not be read back; left out', { saleId, offset });
        continue;
      }
      if (!decoded.ok) this.log.error('journal: a damaged record was read back', { saleId, offset, problem: decoded.problem });
      if (record.seq <= upToSeq) records.push(record);
    }
    return records;
  }

  /** Serialises work on the file so concurrent callers can never interleave lines. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Writes one record and fsyncs before resolving: whoever awaits this may tell the world.
   * After a failed write or fsync the journal refuses further appends (the page cache state is
   * unknowable; retrying fsync can report success for lost data). Reopening repairs the tail.
   */
  append(input: AppendInput): Promise<JournalRecord> {
    return this.appendBatch([input]).then((records) => records[0]!);
  }

  /**
   * Writes several records as one write and one fsync, in order, and resolves when all are
   * durable: a burst of cart events costs one disk flush, not one each. All or nothing as far as
   * anyone is told: a torn batch is cut at the next open like any torn line.
   */
  appendBatch(inputs: readonly AppendInput[]): Promise<JournalRecord[]> {
    return this.enqueue(async () => {
      if (this.closed) throw new JournalError(msg('journalClosed'));
      if (this.broken) throw new JournalError(msg('journalBroken'));
      if (inputs.length === 0) return [];
      const encoded: { line: string; hash: string; seq: number; saleId: string }[] = [];
      let prev = this.last?.hash ?? GENESIS_HASH;
      for (const [i, input] of inputs.entries()) {
        const seq = this.seq + 1 + i;
        const { line, hash } = encodeRecord({ seq, at: input.at, type: input.type, saleId: input.saleId, data: input.data, prev });
        encoded.push({ line, hash, seq, saleId: input.saleId });
        prev = hash;
      }
      const started = this.clock();
      try {
        await this.handle.appendFile(encoded.map((e) => `${e.line}\n`).join(''));
        await this.handle.sync();
      } catch (error) {
        this.broken = error instanceof Error ? error : new Error(String(error));
        this.log.error('journal: append failed; journal is now read-only until restart', { error: this.broken, seq: encoded[0]!.seq });
        throw new JournalError(msg('journalWriteFailed'));
      }
      const records: JournalRecord[] = [];
      for (const { line, hash, seq, saleId } of encoded) {
        const offset = this.size;
        const length = Buffer.byteLength(line);
        this.size += length + 1;
        this.last = { seq, hash, offset, length, line: (this.last?.line ?? 0) + 1 };
        addPosition(this.index, saleId, offset, length);
        records.push(JSON.parse(line) as JournalRecord);
      }
      const tookMs = this.clock() - started;
      // Every sale waits on this write: a disk this slow is worth knowing about at the till.
      if (tookMs >= SLOW_WRITE_MS) this.log.warn('journal: a write was slow', { seq: encoded[0]!.seq, tookMs });
      for (const record of records) {
        for (const listener of this.appendListeners) {
          try {
            listener(record);
          } catch (error) {
            this.log.error('journal: an append listener failed', { error, seq: record.seq });
          }
        }
      }
      return records;
    });
  }

  /**
   * Calls `listener` with every record appended from now on, after it is durable, in order — so a
   * reader that has read the file once can follow it without reading it again.
   */
  onAppend(listener: (record: JournalRecord) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /**
   * Every acknowledged record in the file (damaged-but-readable ones included, as in open). A line
   * whose fsync failed may sit in the file until the next start; nobody was told of it, so it is not
   * handed out (a receipt number given to it could be given again after a power cut).
   */
  readAll(): Promise<JournalRecord[]> {
    return this.enqueue(async () => scan(await this.fs.readFile(this.path), false).records.filter((r) => r.seq <= this.seq));
  }

  /** Calls `onRecord` for each record in order without collecting them. */
  replay(onRecord: (record: JournalRecord) => void): Promise<void> {
    return this.enqueue(async () => {
      scan(await this.fs.readFile(this.path), false, FILE_START, (record) => onRecord(record));
    });
  }

  /**
   * Checks the file from its first line up to and including `anchor` — checksums, chain and
   * sequence — reading it in slices and yielding between them, so it can run in the background
   * after a start-up that trusted a checkpoint. Returns the alarms a full open would have raised.
   * `onRecord` sees every readable record on the way, with its line (the seal check rides along).
   */
  async verifyThrough(
    anchor: JournalAnchor,
    options: { sliceBytes?: number; signal?: AbortSignal; onRecord?: (record: JournalRecord, line: number) => void } = {},
  ): Promise<LocalizedText[]> {
    const sliceBytes = options.sliceBytes ?? 4 * 1024 * 1024;
    // Between slices the event loop runs; once the signal aborts (shutdown), the check stops.
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => options.signal?.throwIfAborted());
    const end = anchor.offset + anchor.length + 1;
    const problems: { line: number; problem: string }[] = [];
    let from: ScanStart = FILE_START;
    let want = sliceBytes;
    while (from.offset < end) {
      const asked = Math.min(want, end - from.offset);
      const bytes = await this.fs.readRange(this.path, from.offset, asked);
      const lastNl = bytes.lastIndexOf(NEWLINE);
      if (lastNl < 0) {
        // The file ends short of the anchor (cut since start-up), or the anchor's line has no
        // newline: the check below says the checkpoint does not match.
        if (bytes.length < asked || asked === end - from.offset) break;
        want *= 2; // a line longer than a slice: read a longer one
        await pause();
        continue;
      }
      want = sliceBytes;
      // Whole lines only, newline included, so a blank line at the edge is seen like any other.
      const onRecord = options.onRecord;
      const result = scan(
        bytes.subarray(0, lastNl + 1),
        false,
        from,
        onRecord ? (record, _offset, _length, line) => onRecord(record, line) : () => undefined,
      );
      problems.push(...result.problems);
      from = { offset: from.offset + lastNl + 1, line: result.lines, prev: result.expectedPrev, seq: result.lastSeq };
      await pause();
    }
    if (from.line !== anchor.line || from.seq !== anchor.seq || from.prev !== anchor.hash) {
      problems.push({ line: anchor.line, problem: 'the checkpoint does not match the lines before it' });
    }
    return damageAlarms(problems);
  }

  /**
   * Acknowledged records from byte `offset` on (a record's start: 0, or a previous slice's
   * `nextOffset`), whole lines only, about `maxBytes` at a time (more when one line is longer).
   * Not queued behind appends: it reads only what was acknowledged when it was called, which
   * appends never change, so a reader that follows the journal (the shop-database replicator)
   * never holds up a sale. Unreadable lines are left out, as a replay does; the start-up check
   * raises their alarm.
   */
  async readSlice(offset: number, maxBytes = 1024 * 1024): Promise<{ records: JournalRecord[]; nextOffset: number }> {
    const end = this.size;
    let want = maxBytes;
    while (offset < end) {
      const asked = Math.min(want, end - offset);
      const bytes = await this.fs.readRange(this.path, offset, asked);
      const lastNl = bytes.lastIndexOf(NEWLINE);
      if (lastNl < 0) {
        if (asked === end - offset) break; // cannot happen for acknowledged lines; never loop
        want *= 2;
        continue;
      }
      const records: JournalRecord[] = [];
      scan(bytes.subarray(0, lastNl + 1), false, { ...FILE_START, offset }, (record) => {
        if (record.seq <= (this.last?.seq ?? 0)) records.push(record);
      });
      return { records, nextOffset: offset + lastNl + 1 };
    }
    return { records: [], nextOffset: offset };
  }

  /** A full check of the file as it is on disk now: canonical bytes, checksums, chain and sequence. */
  verify(): Promise<VerifyResult> {
    return this.enqueue(async () => {
      const bytes = await this.fs.readFile(this.path);
      const complete = bytes.length === 0 || bytes[bytes.length - 1] === NEWLINE;
      const result = scan(complete ? bytes : bytes.subarray(0, bytes.lastIndexOf(NEWLINE) + 1), true);
      const problems = result.problems.map((p) => ({ ...p }));
      if (!complete) problems.push({ line: result.lines + 1, problem: 'last line is unfinished' });
      const first = problems[0];
      return {
        ok: problems.length === 0,
        records: result.lines,
        ...(first ? { firstBreakAt: first.line } : {}),
        problems: problems.map((p) => `line ${p.line}: ${p.problem}`),
      };
    });
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.handle.close();
    });
  }
}
