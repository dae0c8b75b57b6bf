import { afterEach, beforeEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalFileHandle, JournalFs } from '../../../../electron/services/journal/fs';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { decodeLine, type JournalRecord } from '../../../../electron/services/journal/record';
import type { Logger } from '../../../../electron/services/log';

export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; fields?: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => lines.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
}

/** The offsets just after each newline: where each line ends. */
export function lineEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  bytes.forEach((b, i) => {
    if (b === 0x0a) ends.push(i + 1);
  });
  return ends;
}

/** A fresh temporary directory for each test of the calling file, removed after it. */
export function useTempDir(): { readonly dir: string } {
  const state: { dir: string; cleanup: () => Promise<void> } = { dir: '', cleanup: () => Promise.resolve() };
  beforeEach(async () => {
    Object.assign(state, await tempDir());
  });
  afterEach(async () => {
    await state.cleanup();
  });
  return {
    get dir() {
      return state.dir;
    },
  };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'linkpos-journal-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * An in-memory file system that logs every operation in order, so a test can see that an
 * append's fsync happened before its promise resolved, and can make a step fail or stall.
 */
/** The sales journal's records as a test's MemoryFs holds them (data directory `/data`); a damaged line throws. */
export function journalRecordsIn(fs: MemoryFs, file = `/data/${JOURNAL_FILE}`): JournalRecord<Record<string, unknown>>[] {
  const text = new TextDecoder().decode(fs.files.get(file) ?? new Uint8Array(0));
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const decoded = decodeLine(line);
      if (!decoded.ok) throw new Error(`journal line damaged: ${decoded.problem}`);
      return decoded.record as JournalRecord<Record<string, unknown>>;
    });
}

export class MemoryFs implements JournalFs {
  readonly files = new Map<string, Uint8Array>();
  readonly ops: string[] = [];
  /** Set to make the next sync fail. */
  failSync: Error | null = null;
  /** Set to hold syncs until the test releases them. */
  syncGate: Promise<void> | null = null;
  /** Delay inside appendFile, to give concurrent callers a chance to interleave if they could. */
  appendDelay: (() => Promise<void>) | null = null;

  mkdir(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  readFile(path: string): Promise<Uint8Array> {
    const file = this.files.get(path);
    if (!file) return Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    return Promise.resolve(file.slice());
  }

  readRangesSync(path: string, positions: readonly number[]): Uint8Array[] {
    const file = this.files.get(path);
    if (!file) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    const out: Uint8Array[] = [];
    for (let i = 0; i + 1 < positions.length; i += 2) out.push(file.slice(positions[i], positions[i]! + positions[i + 1]!));
    return out;
  }

  readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    const file = this.files.get(path);
    if (!file) return Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    return Promise.resolve(file.slice(offset, offset + length));
  }

  size(path: string): Promise<number> {
    const file = this.files.get(path);
    if (!file) return Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    return Promise.resolve(file.length);
  }

  truncate(path: string, length: number): Promise<void> {
    this.ops.push(`truncate ${length}`);
    this.files.set(path, (this.files.get(path) ?? new Uint8Array(0)).slice(0, length));
    return Promise.resolve();
  }

  open(path: string, flags: string): Promise<JournalFileHandle> {
    if (flags === 'wx' && this.files.has(path)) return Promise.reject(Object.assign(new Error('EEXIST'), { code: 'EEXIST' }));
    if (flags !== 'r' && (flags.startsWith('w') || !this.files.has(path))) this.files.set(path, new Uint8Array(0));
    return Promise.resolve({
      appendFile: async (data: string | Uint8Array) => {
        if (this.appendDelay) await this.appendDelay();
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        this.ops.push(`append ${bytes.length}`);
        this.files.set(path, concat(this.files.get(path) ?? new Uint8Array(0), bytes));
      },
      sync: async () => {
        if (this.syncGate) await this.syncGate;
        if (this.failSync) {
          const error = this.failSync;
          this.failSync = null;
          this.ops.push('sync failed');
          throw error;
        }
        this.ops.push('sync');
      },
      close: () => Promise.resolve(),
    });
  }
}

/** Makes the next `get` on `table` throw `message` (a read error of the file), then behave again. */
export function failNextGet<T>(table: { get(id: string): T }, message: string): void {
  const get = table.get.bind(table);
  let failNext = true;
  table.get = (id: string) => {
    if (failNext) {
      failNext = false;
      throw new Error(message);
    }
    return get(id);
  };
}
