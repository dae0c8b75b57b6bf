import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The log's file sink: lines are appended to `<dir>/linkpos.log` by one background writer, so a
 * slow disk never holds up a sale, and the file is rotated by size (`linkpos.log` →
 * `linkpos.1.log` → … → `linkpos.<maxFiles-1>.log`, the oldest dropped). It writes what it is
 * given: the logger redacts every line before it gets here.
 */
export interface LogFileSink {
  /** The file being written now. */
  readonly path: string;
  /** Queues one line (no newline); returns at once. */
  write(line: string): void;
  /** Resolves when every line queued so far is in the file (or failed to get there). */
  flush(): Promise<void>;
  /** Flushes, then closes the file; later lines are ignored. */
  close(): Promise<void>;
}

export interface LogFileOptions {
  dir: string;
  /** File name without `.log`. */
  name?: string;
  /** A file is rotated before it would grow past this. */
  maxBytes?: number;
  /** How many files are kept, the current one included. */
  maxFiles?: number;
  /** Lines waiting beyond this are dropped (and counted in the file) rather than filling memory. */
  maxQueuedBytes?: number;
  /** A failed write or rotation; the line is lost, the till carries on. Called once per failure. */
  onError?: (error: unknown) => void;
}

export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_MAX_FILES = 5;

export function createLogFileSink(options: LogFileOptions): LogFileSink {
  const name = options.name ?? 'linkpos';
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const maxFiles = Math.max(1, options.maxFiles ?? LOG_MAX_FILES);
  const maxQueuedBytes = options.maxQueuedBytes ?? 4 * maxBytes;
  const fileAt = (index: number) => join(options.dir, index === 0 ? `${name}.log` : `${name}.${index}.log`);

  let queue: string[] = [];
  let queuedBytes = 0;
  let dropped = 0;
  let closed = false;
  let draining: Promise<void> | null = null;
  let file: { handle: FileHandle; size: number } | null = null;

  async function current(): Promise<{ handle: FileHandle; size: number }> {
    if (file) return file;
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const handle = await open(fileAt(0), 'a', 0o600);
    file = { handle, size: (await handle.stat()).size };
    return file;
  }

  async function rotate(): Promise<void> {
    if (file) await file.handle.close();
    file = null;
    await rm(fileAt(maxFiles - 1), { force: true });
    for (let index = maxFiles - 2; index >= 0; index--) {
      // A file missing from the middle (deleted by hand) is no reason to stop rotating.
      const exists = await stat(fileAt(index)).then(
        () => true,
        () => false,
      );
      if (exists) await rename(fileAt(index), fileAt(index + 1));
    }
  }

  async function append(lines: readonly string[]): Promise<void> {
    let chunk = '';
    let chunkBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      const target = await current();
      if (target.size + chunkBytes + bytes > maxBytes && target.size + chunkBytes > 0) {
        if (chunkBytes > 0) await target.handle.write(chunk);
        chunk = '';
        chunkBytes = 0;
        await rotate();
        await current();
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunkBytes > 0) {
      const target = await current();
      await target.handle.write(chunk);
      target.size += chunkBytes;
    }
  }

  function drain(): void {
    if (draining) return;
    draining = (async () => {
      try {
        while (queue.length > 0) {
          const lines = queue;
          queue = [];
          queuedBytes = 0;
          // Lines were dropped after the ones queued here, so the notice follows them.
          if (dropped > 0) {
            lines.push(`${new Date().toISOString()} WARN ${dropped} log lines were dropped: the disk was too slow\n`);
            dropped = 0;
          }
          try {
            await append(lines);
          } catch (error) {
            // The handle may be half-rotated; the next batch opens the file afresh.
            await file?.handle.close().catch(() => undefined);
            file = null;
            options.onError?.(error);
          }
        }
      } finally {
        draining = null;
      }
    })();
  }

  return {
    path: fileAt(0),
    write(line) {
      if (closed) return;
      const text = line + '\n';
      const bytes = Buffer.byteLength(text);
      if (queuedBytes + bytes > maxQueuedBytes) {
        dropped++;
        return;
      }
      queue.push(text);
      queuedBytes += bytes;
      drain();
    },
    async flush() {
      while (draining) await draining;
    },
    async close() {
      closed = true;
      while (draining) await draining;
      await file?.handle.close();
      file = null;
    },
  };
}
