import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { FaultRule } from '../../../electron/services/sandbox/faults';

const root = resolve(import.meta.dirname, '..', '..', '..');

/**
 * The test's side door into a sandbox: the controls a real provider does not have (inject faults,
 * expire a link now). Payments themselves go through the customer page, as a customer's would.
 */
export class SandboxControl {
  constructor(readonly baseUrl: string) {}

  async setFaults(rules: FaultRule[]): Promise<void> {
    const response = await fetch(`${this.baseUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(rules) });
    if (!response.ok) throw new Error(`setting faults failed: ${response.status}`);
  }

  /** Demo mode's other switches, e.g. `control-unit-unreachable`: the simulated control unit does not answer. */
  async setSwitches(switches: Record<string, boolean>): Promise<void> {
    const response = await fetch(`${this.baseUrl}/__sandbox/switches`, { method: 'POST', body: JSON.stringify(switches) });
    if (!response.ok) throw new Error(`setting switches failed: ${response.status}`);
  }

  async expire(provider: 'ecster' | 'straumur', reference: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/__sandbox/${provider}/links/${reference}/expire`, { method: 'POST' });
    if (!response.ok) throw new Error(`expiring ${reference} failed: ${response.status}`);
  }

  /** The next Ecster order goes through these statuses, each held for `readsPerStep` reads by the till. */
  async nextEcsterOrder(plan: { statuses: string[]; readsPerStep?: number; method?: 'CARD' | 'INVOICE' | 'SWISH' }): Promise<void> {
    const response = await fetch(`${this.baseUrl}/__sandbox/ecster/next-order`, { method: 'POST', body: JSON.stringify(plan) });
    if (!response.ok) throw new Error(`planning the next order failed: ${response.status}`);
  }

  async ecsterOrders(): Promise<
    Array<{ id: string; status: string; transactions: Array<{ type: string; amount: number; transactionReference?: string }> }>
  > {
    const response = await fetch(`${this.baseUrl}/__sandbox/ecster/orders`);
    return (await response.json()) as Array<{
      id: string;
      status: string;
      transactions: Array<{ type: string; amount: number; transactionReference?: string }>;
    }>;
  }

  async links(provider: 'ecster' | 'straumur'): Promise<unknown[]> {
    const response = await fetch(`${this.baseUrl}/__sandbox/${provider}/links`);
    const body = (await response.json()) as unknown[] | { links?: unknown[] };
    return Array.isArray(body) ? body : (body.links ?? []);
  }
}

export interface SandboxProcess {
  control: SandboxControl;
  ecsterBaseUrl: string;
  straumurBaseUrl: string;
  stop(): Promise<void>;
}

/**
 * `npm run sandbox` as its own process: a provider that outlives the till, for tests that kill and
 * restart the web host (the embedded sandbox would die with it, taking the "provider's" state along).
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LinkPOS payment sandbox on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${output}`)));
  });
  return {
    control: new SandboxControl(baseUrl),
    ecsterBaseUrl: `${baseUrl}/ecster/rest/public/v1/`,
    straumurBaseUrl: `${baseUrl}/straumur/api/v1/`,
    stop: () =>
      new Promise<void>((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.kill('SIGTERM');
      }),
  };
}
