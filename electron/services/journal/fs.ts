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
}

export const nodeJournalFs: JournalFs = {
  mkdir: (path, options) => fsp.mkdir(path, options),
  readFile: (path) => fsp.readFile(path),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  truncate: (path, length) => fsp.truncate(path, length),
};
