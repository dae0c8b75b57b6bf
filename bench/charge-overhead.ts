/**
 * Charge overhead — how measured: in Chromium against the web host in demo mode (its built-in
 * sandbox has no latency injected), one item is scanned, then `performance.now()` is taken and the
 * Charge button is clicked (element.click(), so no Playwright round trip is inside the window);
 * the end is the first `requestAnimationFrame` after the QR code's <img> is in the DOM. Between
 * charges, the bench process creates a link on the same sandbox with the real Ecster client and a
 * timing `fetch`: that request's round trip is "the provider's own response time" (an Ecster
 * create is one POST; the sandbox answers it in-process). Overhead per charge = charge time minus
 * the median provider time. It covers the IPC over HTTP, the journal's two fsynced records, zod
 * on both sides, the renderer's state change and the QR encoding and paint.
 *
 * Each sale is then paid through the sandbox's control endpoint after a random 0–3 s, and the time
 * from just before that call (epoch ms in Node) to the rAF after "Paid" is on screen (epoch ms in
 * the page: performance.timeOrigin + now, the same system clock) is the end-to-end paid-detection
 * sample through the real product with its default (adaptive) polling.
 */
import type { Page } from '@playwright/test';
import { addCustomItem, emptyCart, priceCart } from '../shared/domain/cart';
import { defaultSettings } from '../shared/domain/settings';
import { createProvider } from '../electron/services/providers';
import { paidInPage } from './lib/browser';
import type { BenchResult } from './lib/figure';
import { round1 } from './lib/figure';
import { median, percentile, seeded, summarize } from './lib/stats';
import type { BenchHost } from './lib/web-host';

/** Runs in the page: scans one code like a scanner. */
function scanOne(code: string): void {
  const key = (k: string) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  for (const ch of code) key(ch);
  key('Enter');
}

/** Runs in the page: clicks Charge and resolves with ms until the frame after the QR code appears. */
function chargeInPage(): Promise<number> {
  return new Promise((resolve, reject) => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('button.button--charge')].find((b) => !b.disabled);
    if (!button) return reject(new Error('no enabled Charge button'));
    const timer = setTimeout(() => reject(new Error('no QR code within 10 s')), 10_000);
    let t0 = 0;
    const observer = new MutationObserver(() => {
      if (!document.querySelector('img.qr')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    t0 = performance.now();
    button.click();
  });
}

export async function benchChargeOverhead(page: Page, host: BenchHost, barcodes: readonly string[], sales: number): Promise<BenchResult> {
  const random = seeded(99);
  const timedFetch = { lastMs: 0 };
  const provider = createProvider(
    {
      settings: { ...defaultSettings, provider: 'demo', demoProvider: 'ecster' },
      version: 'bench',
      env: {},
      sandbox: { baseUrls: { ecster: `${host.sandboxUrl}/ecster/rest/public/v1/`, straumur: `${host.sandboxUrl}/straumur/api/v1/` } },
      fetch: async (input, init) => {
        const started = performance.now();
        const res = await fetch(input, init);
        const body = await res.arrayBuffer();
        timedFetch.lastMs = performance.now() - started;
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      },
    },
    {},
  );
  const totals = priceCart(addCustomItem(emptyCart('SEK'), { name: 'Bench item', priceMinor: 12_500, vatRate: 2500 }));

  const chargeMs: number[] = [];
  const providerMs: number[] = [];
  const paidMs: number[] = [];
  const warmup = 2;
  for (let i = 0; i < sales + warmup; i++) {
    await provider.create(
      { orderReference: `BENCH-${Date.now().toString(36)}-${i}`.slice(0, 22), totals, validTo: new Date(Date.now() + 15 * 60_000) },
      AbortSignal.timeout(10_000),
    );
    const providerTime = timedFetch.lastMs;

    await page.evaluate(scanOne, barcodes[Math.floor(random() * barcodes.length)]!);
    await page.locator('.cart__lines > li').first().waitFor();
    const charge = await page.evaluate(chargeInPage);

    const sale = await host.call<{ link: { reference: string } | null } | null>('sale:current');
    if (!sale?.link) throw new Error('the charged sale has no link');
    await new Promise((r) => setTimeout(r, random() * 3_000));
    const paid = page.evaluate(paidInPage);
    const payAt = performance.timeOrigin + performance.now();
    const res = await fetch(`${host.sandboxUrl}/__sandbox/ecster/links/${sale.link.reference}/pay`, { method: 'POST' });
    if (!res.ok) throw new Error(`the sandbox refused to mark the link paid (${res.status})`);
    const paintedAt = await paid;
    if (i >= warmup) {
      chargeMs.push(charge);
      providerMs.push(providerTime);
      paidMs.push(paintedAt - payAt);
    }
  }
  const providerMedian = median(providerMs);
  const overhead = chargeMs.map((ms) => ms - providerMedian);
  return {
    figures: [
      {
        id: 'charge.overhead.p95',
        name: `Charge overhead (Charge → QR painted − provider), ${overhead.length} sales: p95`,
        value: round1(percentile(overhead, 95)),
        unit: 'ms',
        target: { op: '<=', value: 50 },
      },
      {
        id: 'paid.e2e.p95',
        name: `Paid painted in Chromium (web host, adaptive), ${paidMs.length} sales: p95`,
        value: round1(percentile(paidMs, 95)),
        unit: 'ms',
        target: { op: '<=', value: 1500 },
      },
    ],
    details: {
      sales: chargeMs.length,
      chargeToQr: summarize(chargeMs),
      providerCreate: summarize(providerMs),
      overhead: summarize(overhead),
      paidToPainted: summarize(paidMs),
    },
  };
}
