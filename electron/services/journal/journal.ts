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
}

export interface OpenJournalOptions {
  log: Logger;
  fs?: JournalFs;
  now?: () => Date;
}

/** Thrown when the journal cannot make a record durable; the message is for the clerk. */
export class JournalError extends LocalizedError {
  override readonly name = 'JournalError';
}

interface ScanResult {
  records: JournalRecord[];
  problems: { line: number; problem: string }[];
  lastHash: string;
  lastSeq: number;
  lines: number;
}

/**
 * Walks complete lines (text without a trailing partial line). A damaged line is reported and
 * skipped for replay, but its stored hash still feeds the chain check so one flipped byte yields
 * one alarm, not a cascade.
 */
function scan(text: string, strict: boolean, onRecord?: (record: JournalRecord) => void): ScanResult {
  const records: JournalRecord[] = [];
  const problems: { line: number; problem: string }[] = [];
  // null after an unreadable line: its hash and seq are unknown, so the next line is not blamed.
  let expectedPrev: string | null = GENESIS_HASH;
  let lastSeq = 0;
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
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
    // A record whose checksum fails is still replayed (with an alarm): dropping it could hide a
    // payment, and the bytes stay in the file for a person to judge.
    if (onRecord) onRecord(record);
    else records.push(record);
  }
  // The last line always decodes (open sets a bad last line aside), so expectedPrev is known there.
  return { records, problems, lastHash: expectedPrev ?? GENESIS_HASH, lastSeq, lines: lineNo };
}

async function readOrEmpty(fs: JournalFs, path: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array(0);
    throw error;
  }
}

async function fsyncDir(fs: JournalFs, dir: string): Promise<void> {
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
  const path = join(dir, JOURNAL_FILE);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const bytes = await readOrEmpty(fs, path);

  // Everything after the last newline was never acknowledged (an append resolves only after its
  // whole line, newline included, is fsynced).
  const lastNl = bytes.lastIndexOf(NEWLINE);
  let keepEnd = lastNl + 1;
  if (lastNl >= 0) {
    // A last complete line that does not decode is the torn write of a file system that
    // persisted the newline before the rest; it too was never acknowledged.
    const lineStart = bytes.lastIndexOf(NEWLINE, lastNl - 1) + 1;
    if (!decodeLine(decoder.decode(bytes.subarray(lineStart, lastNl))).ok) keepEnd = lineStart;
  }

  const notices: string[] = [];
  if (keepEnd < bytes.length) {
    const tornName = await setAside(fs, dir, bytes.subarray(keepEnd), now());
    await fs.truncate(path, keepEnd);
    const notice = `The sales journal ended in an unfinished record (${bytes.length - keepEnd} bytes, never confirmed to anyone); it was moved to ${tornName}.`;
    notices.push(notice);
    options.log.warn('journal: torn tail set aside', { file: tornName, bytes: bytes.length - keepEnd });
  }

  const result = scan(decoder.decode(bytes.subarray(0, keepEnd)), false);
  const alarmTexts = result.problems.map((p) => {
    const said = msg('journalDamagedLine', { line: p.line });
    return localizedText(said, `${englishText(said)} (${p.problem})`);
  });
  const alarms = alarmTexts.map((a) => a.message);
  for (const alarm of alarms) options.log.error('journal: damaged record', { alarm });

  const handle = await fs.open(path, 'a', 0o600);
  if (bytes.length === 0) await fsyncDir(fs, dir);
  const journal = new Journal(fs, path, handle, result.lastHash, result.lastSeq, options.log, () => now().getTime());
  return { journal, records: result.records, alarms, alarmTexts, notices };
}

async function setAside(fs: JournalFs, dir: string, tail: Uint8Array, at: Date): Promise<string> {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt += 1) {
    const name = `${JOURNAL_FILE}.torn-${stamp}${attempt ? `-${attempt}` : ''}`;
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

export class Journal {
  private queue: Promise<unknown> = Promise.resolve();
  private broken: Error | null = null;
  private closed = false;
  private readonly appendListeners = new Set<(record: JournalRecord) => void>();

  constructor(
    private readonly fs: JournalFs,
    readonly path: string,
    private readonly handle: JournalFileHandle,
    private lastHash: string,
    private lastSeq: number,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  get seq(): number {
    return this.lastSeq;
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
    return this.enqueue(async () => {
      if (this.closed) throw new JournalError(msg('journalClosed'));
      if (this.broken) throw new JournalError(msg('journalBroken'));
      const seq = this.lastSeq + 1;
      const { line, hash } = encodeRecord({ seq, at: input.at, type: input.type, saleId: input.saleId, data: input.data, prev: this.lastHash });
      const started = this.clock();
      try {
        await this.handle.appendFile(`${line}\n`);
        await this.handle.sync();
      } catch (error) {
        this.broken = error instanceof Error ? error : new Error(String(error));
        this.log.error('journal: append failed; journal is now read-only until restart', { error: this.broken, seq });
        throw new JournalError(msg('journalWriteFailed'));
      }
      this.lastSeq = seq;
      this.lastHash = hash;
      const tookMs = this.clock() - started;
      // Every sale waits on this write: a disk this slow is worth knowing about at the till.
      if (tookMs >= SLOW_WRITE_MS) this.log.warn('journal: a write was slow', { seq, tookMs });
      const record = JSON.parse(line) as JournalRecord;
      for (const listener of this.appendListeners) {
        try {
          listener(record);
        } catch (error) {
          this.log.error('journal: an append listener failed', { error, seq });
        }
      }
      return record;
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
    return this.enqueue(async () => scan(decoder.decode(await this.fs.readFile(this.path)), false).records.filter((r) => r.seq <= this.lastSeq));
  }

  /** Calls `onRecord` for each record in order without collecting them. */
  replay(onRecord: (record: JournalRecord) => void): Promise<void> {
    return this.enqueue(async () => {
      scan(decoder.decode(await this.fs.readFile(this.path)), false, onRecord);
    });
  }

  /** A full check of the file as it is on disk now: canonical bytes, checksums, chain and sequence. */
  verify(): Promise<VerifyResult> {
    return this.enqueue(async () => {
      const text = decoder.decode(await this.fs.readFile(this.path));
      const complete = text.endsWith('\n') || text.length === 0;
      const result = scan(complete ? text : text.slice(0, text.lastIndexOf('\n') + 1), true);
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
