import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHostProcess as startProcess, type WebHostProcess } from '../../support/web-host';

export type RunningWebHost = WebHostProcess;

/**
 * A fresh data directory, in memory (/dev/shm) where the machine has it: quicker, and no test waits
 * on a busy CI disk's fsync. The journal's durability on a real disk (fsync order, torn writes,
 * SIGKILL) is the unit tests' job (test/unit/services/journal), and they run on the real disk.
 */
export function makeDataDir(): string {
  return mkdtempSync(join(memoryBacked() ?? tmpdir(), 'linkpos-e2e-'));
}

function memoryBacked(): string | null {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return statSync('/dev/shm').isDirectory() ? '/dev/shm' : null;
  } catch {
    return null;
  }
}

/** Starts the web host as `npm run web` does, by default in a fresh in-memory data directory. */
export function startWebHostProcess(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningWebHost> {
  return startProcess({ ...options, dataDir: options.dataDir ?? makeDataDir() });
}
