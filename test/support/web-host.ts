import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `webhost/main.ts` started exactly as `npm run web` does (after the build), on a random port, in
 * a data directory the caller chose. The one launcher of the e2e fixtures and the benchmarks.
 */
export interface WebHostProcess {
  /** The clerk's page, with the run token. */
  url: string;
  origin: string;
  token: string;
  sandboxUrl: string;
  dataDir: string;
  pid: number;
  /** ms from spawn to the ready line. */
  readyMs: number;
  /** Everything the host printed so far (its log), for a failed test's report. */
  output: () => string;
  /** One IPC call over the HTTP bridge; throws on an error result. */
  call<T>(channel: string, input?: unknown): Promise<T>;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, nothing flushed, nothing closed. */
  kill(): Promise<void>;
}

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export async function startWebHostProcess(options: {
  dataDir: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<WebHostProcess> {
  const { dataDir } = options;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'webhost/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LINKPOS_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${output}`)), options.readyTimeoutMs ?? 30_000);
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
    dataDir,
    pid: child.pid ?? -1,
    readyMs,
    output: () => output,
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
    stop: () => terminate(child, 'SIGTERM'),
    kill: () => terminate(child, 'SIGKILL'),
  };
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}
