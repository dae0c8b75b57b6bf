/**
 * Paid detection — how measured, in Node with the real pieces the app composes: CheckoutService
 * with its Poller, a real journal (fsync) in a temporary directory, the real Ecster client and the
 * built-in sandbox over loopback, the real clock and real sleeps (no time compression). Each sale
 * gets its own service and journal (a till has one live sale at a time), and all sales run at
 * once: `sales` with the default adaptive poller (1 s for the first two minutes, then backing off
 * to 5 s) and, in the same run, `sales` with a fixed 5-second poll as the baseline. Each link is
 * marked paid through the sandbox's control endpoint at a random moment in [0, window) after it
 * was created. Latency is from just before that control call to the service's `sale:changed`
 * event with state "paid" (journal record fsynced); painting it adds the renderer's share, which
 * the Chromium figure (charge-overhead.ts) measures end to end. Requests per sale count every HTTP
 * request the client sent, through a counting `fetch`.
 *
 * Requests over a five-minute sale (never paid) are counted on a fake clock by running the real
 * Poller schedule (nextDelay, with jitter) for 300 s, for both settings — the poller's own
 * decisions, not a formula.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCustomItem, emptyCart } from '../shared/domain/cart';
import { EventBus } from '../electron/services/ipc/event-bus';
import { openJournal } from '../electron/services/journal/journal';
import { startSandbox, type Sandbox } from '../electron/services/sandbox/server';
import { defaultPollerOptions, Poller, type PollerOptions } from '../electron/services/sales/poller';
import { demoCheckout, silent } from './lib/demo-checkout';
import type { BenchResult } from './lib/figure';
import { round1 } from './lib/figure';
import { mean, percentile, seeded, summarize } from './lib/stats';
import { providers, sandboxRoutes } from '../electron/services/providers/registry';

/** A fixed 5-second poll: the fast phase never ends and its interval is the baseline's. */
export const fixedFiveSeconds: Partial<PollerOptions> = {
  fastPhaseMs: Number.MAX_SAFE_INTEGER,
  fastIntervalMs: 5_000,
  maxIntervalMs: 5_000,
};

interface SaleRun {
  latencyMs: number;
  requests: number;
  statusRequests: number;
}

async function runSale(sandbox: Sandbox, poller: Partial<PollerOptions> | undefined, payAfterMs: number, index: number): Promise<SaleRun> {
  const dir = await mkdtemp(join(tmpdir(), 'linkpos-bench-paid-'));
  const { journal, records } = await openJournal(dir, { log: silent });
  const counts = { all: 0, gets: 0 };
  const events = new EventBus();
  let paidAt: number | null = null;
  let onPaid: () => void = () => undefined;
  const paid = new Promise<void>((resolve) => (onPaid = resolve));
  events.subscribe((name, payload) => {
    if (name === 'sale:changed' && (payload as { state: string }).state === 'paid' && paidAt === null) {
      paidAt = performance.now();
      onPaid();
    }
  });
  const service = demoCheckout({
    journal,
    sandbox,
    tillId: `B${index}`,
    events,
    fetch: (input, init) => {
      counts.all += 1;
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      if (method.toUpperCase() === 'GET') counts.gets += 1;
      return fetch(input, init);
    },
    ...(poller ? { poller } : {}),
  });
  try {
    await service.resume(records);
    const cart = addCustomItem(emptyCart('SEK'), { name: 'Bench item', priceMinor: 10_000 + index, vatRate: 2500 });
    const sale = await service.charge(cart);
    if (!sale.link) throw new Error(`sale ${index} got no link (${sale.state})`);
    await new Promise((r) => setTimeout(r, payAfterMs));
    const changedAt = performance.now();
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${sale.link.reference}/pay`, { method: 'POST' });
    if (!res.ok) throw new Error(`the sandbox refused to mark the link paid (${res.status})`);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no paid event within 20 s')), 20_000).unref());
    await Promise.race([paid, timeout]);
    return { latencyMs: paidAt! - changedAt, requests: counts.all, statusRequests: counts.gets };
  } finally {
    await service.stop();
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The poller's own schedule over `horizonMs` of a sale nobody pays, on a fake clock. */
export async function requestsOverUnpaidSale(
  options: Partial<PollerOptions> | undefined,
  horizonMs: number,
  seed: number,
): Promise<number> {
  let clock = 0;
  let checks = 0;
  const poller: Poller = new Poller({
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      if (clock >= horizonMs) poller.unwatch('sale');
      return Promise.resolve();
    },
    random: seeded(seed),
    target: () => ({ linkCreatedAt: 0, validTo: 15 * 60_000 }),
    check: () => {
      checks += 1;
      return Promise.resolve({ kind: 'pending' as const });
    },
    giveUp: () => Promise.resolve({ kind: 'final' as const }),
    log: silent,
    ...(options ? { options } : {}),
  });
  poller.watch('sale');
  while (poller.isWatching('sale')) await new Promise((r) => setImmediate(r));
  await poller.stop();
  return checks;
}

export async function benchPaidDetection(salesPerMode: number, windowMs: number): Promise<BenchResult> {
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    routes: sandboxRoutes(providers, { ecster: providers.ecster.demoCredentials, straumur: { apiKey: 'unused-straumur-key' } }),
  });
  const random = seeded(2024);
  try {
    const plan = Array.from({ length: salesPerMode }, () => random() * windowMs);
    const [adaptive, baseline] = await Promise.all([
      Promise.all(plan.map((at, i) => runSale(sandbox, undefined, at, i))),
      Promise.all(plan.map((at, i) => runSale(sandbox, fixedFiveSeconds, at, salesPerMode + i))),
    ]);
    const horizon = 5 * 60_000;
    const adaptive5min = await requestsOverUnpaidSale(undefined, horizon, 1);
    const baseline5min = await requestsOverUnpaidSale(fixedFiveSeconds, horizon, 1);
    const lat = (runs: SaleRun[]) => runs.map((r) => r.latencyMs);
    return {
      figures: [
        {
          id: 'paid.p50',
          name: `Paid detection (main, adaptive), ${salesPerMode} sales: p50`,
          value: round1(percentile(lat(adaptive), 50)),
          unit: 'ms',
          baseline: round1(percentile(lat(baseline), 50)),
        },
        {
          id: 'paid.p95',
          name: 'Paid detection (main, adaptive): p95',
          value: round1(percentile(lat(adaptive), 95)),
          unit: 'ms',
          target: { op: '<=', value: 1500 },
          baseline: round1(percentile(lat(baseline), 95)),
          // The target has two halves: fast enough, and no more requests than the baseline.
          extraPass: adaptive5min <= baseline5min,
          ...(adaptive5min > baseline5min
            ? { note: `fails the request half of the target: ${adaptive5min} vs ${baseline5min} requests over five minutes` }
            : {}),
        },
        {
          id: 'paid.requests.run',
          name: `Provider requests per sale, paid within ${windowMs / 1000} s (mean)`,
          value: round1(mean(adaptive.map((r) => r.requests))),
          unit: 'requests',
          baseline: round1(mean(baseline.map((r) => r.requests))),
        },
        {
          id: 'paid.requests.5min',
          name: 'Status requests over a five-minute unpaid sale (poller schedule, fake clock)',
          value: adaptive5min,
          unit: 'requests',
          target: { op: '<=', value: baseline5min },
          baseline: baseline5min,
        },
      ],
      details: {
        salesPerMode,
        payWindowMs: windowMs,
        adaptiveOptions: defaultPollerOptions,
        baselineOptions: { ...defaultPollerOptions, ...fixedFiveSeconds },
        adaptive: {
          latency: summarize(lat(adaptive)),
          requests: summarize(adaptive.map((r) => r.requests)),
          statusRequests: summarize(adaptive.map((r) => r.statusRequests)),
        },
        baseline: {
          latency: summarize(lat(baseline)),
          requests: summarize(baseline.map((r) => r.requests)),
          statusRequests: summarize(baseline.map((r) => r.statusRequests)),
        },
        fiveMinuteUnpaid: { adaptive: adaptive5min, baseline: baseline5min },
      },
    };
  } finally {
    await sandbox.close();
  }
}
