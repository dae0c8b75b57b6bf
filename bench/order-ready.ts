/**
 * Order READY → Paid painted, and what a paid sale costs at the provider — how measured: in
 * Chromium against a web host in demo mode (real services, built renderer, its built-in sandbox
 * with no latency injected). Each Ecster sale is charged over the bridge (`sale:charge`, as the
 * Charge button does; the page shows it through the event stream), the sandbox is told that the
 * next order waits for the customer's signature (`next-order` PENDING_SIGNATURE), and the link is
 * paid through its control endpoint. Once the page says "Customer is completing the payment", and
 * after a random 0–1 s, the sandbox moves the order to READY (`orders/<id>/status`); the sample is
 * from just before that call (epoch ms in Node) to the first requestAnimationFrame after the Paid
 * status is in the DOM (epoch ms in the page: performance.timeOrigin + now, the same system clock).
 * The path includes the app's order read and its DEBIT of the order, journaled before and after.
 *
 * Provider requests per paid sale are counted by the sandbox itself, server side, by kind (create
 * link, GET link, GET orders search, GET order, POST transactions …): its counts just before the
 * charge and once the sale is paid, for these Ecster sales and, in the same run, as many Straumur
 * sales (paid through the Straumur control endpoint with no order step, which Straumur does not have).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addCustomItem, emptyCart } from '../shared/domain/cart';
import type { SaleView } from '../shared/domain/sale';
import type { Settings } from '../shared/domain/settings';
import { launchBrowser, openPos, paidInPage } from './lib/browser';
import { round1, type BenchResult } from './lib/figure';
import { mean, percentile, seeded, summarize } from './lib/stats';
import { startHost, type BenchHost } from './lib/web-host';

type Counts = Record<string, number>;

async function sandboxCounts(host: BenchHost): Promise<Counts> {
  return (await (await fetch(`${host.sandboxUrl}/__sandbox/requests`)).json()) as Counts;
}

function difference(after: Counts, before: Counts): Counts {
  return Object.fromEntries(
    Object.entries(after)
      .map(([kind, n]) => [kind, n - (before[kind] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

async function control(host: BenchHost, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${host.sandboxUrl}/__sandbox/${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`the sandbox refused ${path} (${res.status}): ${await res.text()}`);
  return res.json();
}

async function charge(host: BenchHost, index: number): Promise<SaleView & { link: NonNullable<SaleView['link']> }> {
  const cart = addCustomItem(emptyCart('SEK'), { name: 'Bench item', priceMinor: 10_000 + index, vatRate: 2500 });
  const sale = await host.call<SaleView>('sale:charge', { cart });
  if (!sale.link) throw new Error(`sale ${index} got no link (${sale.state})`);
  return sale as SaleView & { link: NonNullable<SaleView['link']> };
}

/** Lets the till go back to an empty sale screen, as "New sale" does. */
async function newSale(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New sale' }).click();
  await page.locator('.status--paid').waitFor({ state: 'detached' });
}

export async function benchOrderReady(sales: number): Promise<BenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'linkpos-bench-ready-'));
  const host = await startHost(dataDir);
  const browser = await launchBrowser();
  const chromium = browser.version();
  const random = seeded(7);
  const readyToPaid: number[] = [];
  const requests: Record<'ecster' | 'straumur', Counts[]> = { ecster: [], straumur: [] };
  try {
    const page = await openPos(browser, host.url);
    const warmup = 1;
    for (let i = 0; i < sales + warmup; i++) {
      const before = await sandboxCounts(host);
      await control(host, 'ecster/next-order', { statuses: ['PENDING_SIGNATURE'] });
      const sale = await charge(host, i);
      await page.locator('img.qr').waitFor();
      await control(host, `ecster/links/${sale.link.reference}/pay`);
      await page.getByText('Customer is completing the payment').first().waitFor();
      await new Promise((r) => setTimeout(r, random() * 1_000));
      const orders = (await (await fetch(`${host.sandboxUrl}/__sandbox/ecster/orders`)).json()) as { id: string; orderReference: string }[];
      const order = orders.find((o) => o.orderReference === sale.orderReference);
      if (!order) throw new Error(`no sandbox order for ${sale.orderReference}`);
      const painted = page.evaluate(paidInPage);
      const readyAt = performance.timeOrigin + performance.now();
      await control(host, `ecster/orders/${order.id}/status`, { status: 'READY' });
      const paintedAt = await painted;
      if (i >= warmup) {
        readyToPaid.push(paintedAt - readyAt);
        requests.ecster.push(difference(await sandboxCounts(host), before));
      }
      await newSale(page);
    }
    const settings = await host.call<Settings>('settings:get');
    await host.call('settings:save', { settings: { ...settings, demoProvider: 'straumur' } });
    for (let i = 0; i < sales; i++) {
      const before = await sandboxCounts(host);
      const sale = await charge(host, i);
      await page.locator('img.qr').waitFor();
      const painted = page.evaluate(paidInPage);
      await control(host, `straumur/links/${sale.link.reference}/pay`);
      await painted;
      requests.straumur.push(difference(await sandboxCounts(host), before));
      await newSale(page);
    }
  } finally {
    await browser.close();
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const total = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  const meanByKind = (runs: Counts[]) => {
    const kinds = [...new Set(runs.flatMap((r) => Object.keys(r)))].sort();
    return Object.fromEntries(kinds.map((kind) => [kind, round1(mean(runs.map((r) => r[kind] ?? 0)))]));
  };
  return {
    figures: [
      {
        id: 'capture.readyToPaid.p95',
        name: `Ecster order READY → Paid painted in Chromium (order read + DEBIT), ${readyToPaid.length} sales: p95`,
        value: round1(percentile(readyToPaid, 95)),
        unit: 'ms',
        target: { op: '<=', value: 1500 },
      },
      {
        id: 'capture.requests.ecster',
        name: 'Provider requests per paid Ecster sale (PENDING_SIGNATURE → READY, debited), at the sandbox (mean)',
        value: round1(mean(requests.ecster.map(total))),
        unit: 'requests',
      },
      {
        id: 'capture.requests.straumur',
        name: 'Provider requests per paid Straumur sale, at the sandbox (mean)',
        value: round1(mean(requests.straumur.map(total))),
        unit: 'requests',
      },
    ],
    details: {
      chromium,
      sales,
      readyToPaid: summarize(readyToPaid),
      requestsPerSale: {
        ecster: { total: summarize(requests.ecster.map(total)), meanByKind: meanByKind(requests.ecster) },
        straumur: { total: summarize(requests.straumur.map(total)), meanByKind: meanByKind(requests.straumur) },
      },
    },
  };
}
