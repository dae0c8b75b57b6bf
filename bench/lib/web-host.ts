import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * The web host as `npm run web` runs it (after the build), started the way the e2e fixtures start
 * it, but keeping the child's pid so a benchmark can read its memory from /proc.
 */
export interface BenchHost {
  url: string;
  origin: string;
  token: string;
  sandboxUrl: string;
  pid: number;
  /** ms from spawn to the ready line. */
  readyMs: number;
  call<T>(channel: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export async function startHost(dataDir: string): Promise<BenchHost> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'webhost/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LINKPOS_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /LinkPOS web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`web host exited with ${code}:\n${output}`));
    });
  });
  const readyMs = performance.now() - started;
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const origin = parsed.origin;
  return {
    url,
    origin,
    token,
    sandboxUrl: /LinkPOS sandbox: (\S+)/.exec(output)?.[1] ?? '',
    pid: child.pid ?? -1,
    readyMs,
    async call<T>(channel: string, input?: unknown): Promise<T> {
      const res = await fetch(`${origin}/api/${channel}?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input === undefined ? {} : { input }),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${channel} failed: ${body.error?.message ?? res.status}`);
      return body.value as T;
    },
    stop: () => terminate(child),
  };
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** A memory line of /proc/<pid>/status in MB; null where /proc is not there. */
async function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** Peak resident memory (VmHWM) of a process in MB. */
export const peakRssMb = (pid: number): Promise<number | null> => procStatusMb(pid, 'VmHWM');
/** Current resident memory (VmRSS) of a process in MB. */
export const currentRssMb = (pid: number): Promise<number | null> => procStatusMb(pid, 'VmRSS');

/** Resets VmHWM to the current RSS (Linux clear_refs 5), so a later peak belongs to what ran since. */
export async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
