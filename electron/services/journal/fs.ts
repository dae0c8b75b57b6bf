import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';

/** The few file operations the journal needs, so tests can watch their order and make them fail. */
export interface JournalFileHandle {
  appendFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface JournalFs {
  mkdir(path: string, options: { recursive: true; mode?: number }): Promise<unknown>;
  /** Rejects with code ENOENT when the file does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  open(path: string, flags: string, mode?: number): Promise<JournalFileHandle>;
  truncate(path: string, length: number): Promise<void>;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  readRange(path: string, offset: number, length: number): Promise<Uint8Array>;
  /**
   * Several ranges (offset, length, offset, length, …) with one open, synchronously: a sale's few
   * records, read back when someone asks for an old sale.
   */
  readRangesSync(path: string, positions: readonly number[]): Uint8Array[];
  /** The file's length in bytes. */
  size(path: string): Promise<number>;
}

export const nodeJournalFs: JournalFs = {
  mkdir: (path, options) => fsp.mkdir(path, options),
  readFile: (path) => fsp.readFile(path),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  truncate: (path, length) => fsp.truncate(path, length),
  async readRange(path, offset, length) {
    const handle = await fsp.open(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  readRangesSync(path, positions) {
    const fd = fs.openSync(path, 'r');
    try {
      const out: Uint8Array[] = [];
      for (let i = 0; i + 1 < positions.length; i += 2) {
        const buffer = Buffer.alloc(positions[i + 1]!);
        out.push(buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, positions[i]!)));
      }
      return out;
    } finally {
      fs.closeSync(fd);
    }
  },
  size: async (path) => (await fsp.stat(path)).size,
};
