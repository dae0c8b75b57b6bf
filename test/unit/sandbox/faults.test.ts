import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, parseFaults, seededRandom } from '../../../electron/services/sandbox/faults';
import { startSandbox } from '../../../electron/services/sandbox/server';
import type { Sandbox } from '../../../electron/services/sandbox/server';
import { providers, sandboxRoutes } from '../../../electron/services/providers/registry';

describe('FaultInjector', () => {
  it('applies a counted rule to matching requests only, then forgets it', () => {
    const f = new FaultInjector(() => 0);
    f.set([{ kind: 'hang', match: { method: 'post', path: '/ecster/*' }, count: 2 }]);
    expect(f.plan('GET', '/ecster/rest/public/v1/paymentlinks').action).toBeNull();
    expect(f.plan('POST', '/straumur/api/v1/paymentlinks').action).toBeNull();
    expect(f.plan('POST', '/ecster/rest/public/v1/paymentlinks').action).toEqual({ kind: 'hang' });
    expect(f.plan('POST', '/ecster/rest/public/v1/paymentlinks').action).toEqual({ kind: 'hang' });
    expect(f.plan('POST', '/ecster/rest/public/v1/paymentlinks').action).toBeNull();
    expect(f.list()).toEqual([]);
  });

  it('adds latency from every matching rule and still lets a failure rule fire', () => {
    const f = new FaultInjector(() => 0);
    f.set([
      { kind: 'latency', ms: 30 },
      { kind: 'latency', ms: 20 },
      { kind: 'rate-limit', retryAfterSeconds: 4 },
    ]);
    expect(f.plan('GET', '/x')).toEqual({ latencyMs: 50, action: { kind: 'rate-limit', retryAfterSeconds: 4 } });
  });

  it('fails a seeded share of requests, the same ones for the same seed', () => {
    const run = () => {
      const f = new FaultInjector(seededRandom(42));
      f.set([{ kind: 'error', share: 0.3 }]);
      return Array.from({ length: 200 }, () => f.plan('GET', '/x').action !== null);
    };
    const first = run();
    expect(run()).toEqual(first);
    const failed = first.filter(Boolean).length;
    expect(failed).toBeGreaterThan(35);
    expect(failed).toBeLessThan(85);
  });

  it('reads rules from the environment variable and refuses nonsense', () => {
    expect(parseFaults(undefined)).toEqual([]);
    expect(parseFaults('[{"kind":"truncate","count":1}]')).toEqual([{ kind: 'truncate', count: 1, match: {} }]);
    expect(() => parseFaults('[{"kind":"explode"}]')).toThrow();
    expect(() => parseFaults('{not json')).toThrow();
  });
});

describe('sandbox faults over HTTP', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());
  const start = async (seedFaults: Parameters<typeof startSandbox>[0]['faults'] = []) => {
    sandbox = await startSandbox({
      host: '127.0.0.1',
      routes: sandboxRoutes(providers, { ecster: { apiKey: 'a', merchantKey: 'b' }, straumur: { apiKey: 'c' } }),
      faults: seedFaults,
    });
    return sandbox;
  };

  it('answers 429 with Retry-After, 5xx and truncated JSON as configured, then recovers', async () => {
    const s = await start([
      { kind: 'rate-limit', retryAfterSeconds: 9, count: 1 },
      { kind: 'error', status: 502, count: 1 },
      { kind: 'truncate', count: 1 },
    ]);
    const url = `${s.baseUrls.ecster}paymentlinks`;
    const headers = { 'x-api-key': 'a', 'x-merchant-key': 'b' };
    const limited = await fetch(url, { headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('9');
    expect((await fetch(url, { headers })).status).toBe(502);
    const truncated = await fetch(url, { headers });
    expect(truncated.status).toBe(200);
    await expect(truncated.json()).rejects.toThrow();
    expect(await (await fetch(url, { headers })).json()).toEqual([]);
  });

  it('delays answers by the configured latency', async () => {
    const s = await start([{ kind: 'latency', ms: 120 }]);
    const t0 = performance.now();
    await fetch(`${s.baseUrl}/nothing-here`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('takes new rules from the control endpoint, which is itself never faulted', async () => {
    const s = await start([{ kind: 'error', status: 500 }]);
    const set = await fetch(`${s.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify([{ kind: 'hang', match: { method: 'DELETE' }, count: 3 }]),
    });
    expect(set.status).toBe(200);
    expect(await (await fetch(`${s.baseUrl}/__sandbox/faults`)).json()).toEqual([
      { kind: 'hang', match: { method: 'DELETE' }, count: 3, remaining: 3 },
    ]);
    expect((await fetch(`${s.baseUrl}/__sandbox/faults`, { method: 'POST', body: '[{"kind":"nope"}]' })).status).toBe(400);
  });

  it('closes even while a hung request is still waiting', async () => {
    const s = await start([{ kind: 'hang' }]);
    const pending = fetch(`${s.baseUrls.ecster}paymentlinks`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await s.close();
    sandbox = undefined;
    expect(await pending).toBeInstanceOf(Error);
  });
});
