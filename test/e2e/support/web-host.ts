import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningWebHost {
  url: string;
  origin: string;
  sandboxUrl: string;
  dataDir: string;
  output: () => string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, nothing flushed, nothing closed. */
  kill(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..', '..', '..');

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

/** Starts `webhost/main.ts` exactly as `npm run web` does (after the build), on a random port. */
export async function startWebHostProcess(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningWebHost> {
  const dataDir = options.dataDir ?? makeDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'webhost/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LINKPOS_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /LinkPOS web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${output}`));
    });
  });
  const sandboxUrl = /LinkPOS sandbox: (\S+)/.exec(output)?.[1] ?? '';
  return {
    url,
    origin: new URL(url).origin,
    sandboxUrl,
    dataDir,
    output: () => output,
    stop: () => terminate(child, 'SIGTERM'),
    kill: () => terminate(child, 'SIGKILL'),
  };
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill(signal);
  });
}
