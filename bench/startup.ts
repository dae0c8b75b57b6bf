/**
 * Start-up — how measured:
 * - Web host ready: a fresh `node --import tsx webhost/main.ts` process (as `npm run web` runs it
 *   after its build) on a data directory holding the 100 000-item catalog; from spawn to the line
 *   that prints its URL. tsx compiles the TypeScript on the fly, which the desktop app (bundled by
 *   esbuild) does not pay.
 * - Renderer interactive: a new browser context (empty cache) opens the URL; an init script's
 *   MutationObserver notes `performance.now()` (ms since navigation start) at the first
 *   requestAnimationFrame after the Charge button is in the DOM. Also recorded: when the
 *   catalog:snapshot response (100 000 products) finished arriving (Resource Timing), and when a
 *   scan first rings up (the probe scans a known barcode every 25 ms from the moment Charge is
 *   there, so this is up to 25 ms late): the till is only really usable once the catalog is indexed.
 * - Bundle: every file in dist/renderer/assets gzipped with node:zlib at level 9, summed (what a
 *   server with gzip would send; the desktop app loads them from disk).
 * Median of `repeats` cold starts; the browser process itself is already running.
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { allowTsxFunctions } from './lib/browser';
import type { BenchResult } from './lib/figure';
import { medianMs, round1 } from './lib/figure';
import { summarize } from './lib/stats';
import { repoRoot, startHost } from './lib/web-host';

interface StartupProbe {
  interactive?: number;
  scanReady?: number;
}

/**
 * Runs in the page before any of its scripts: notes when Charge is painted, then scans `barcode`
 * every 25 ms until a cart line appears, i.e. the catalog is indexed and a scan rings up.
 */
function probeInteractive(barcode: string): void {
  const probe: StartupProbe = {};
  (globalThis as unknown as { __startup: StartupProbe }).__startup = probe;
  const key = (k: string) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  const tryScan = () => {
    if (probe.scanReady !== undefined || document.querySelector('.cart__lines > li')) return;
    for (const ch of barcode) key(ch);
    key('Enter');
    setTimeout(tryScan, 25);
  };
  const observer = new MutationObserver(() => {
    if (probe.interactive === undefined && document.querySelector('button.button--charge')) {
      requestAnimationFrame(() => (probe.interactive = performance.now()));
      tryScan();
    }
    if (probe.scanReady === undefined && document.querySelector('.cart__lines > li')) {
      observer.disconnect();
      requestAnimationFrame(() => (probe.scanReady = performance.now()));
    }
  });
  observer.observe(document, { subtree: true, childList: true });
}

export async function bundleSize(): Promise<{ gzipKb: number; rawKb: number; files: Record<string, { rawKb: number; gzipKb: number }> }> {
  const dir = join(repoRoot, 'dist', 'renderer', 'assets');
  const files: Record<string, { rawKb: number; gzipKb: number }> = {};
  let raw = 0;
  let gz = 0;
  for (const name of (await readdir(dir)).sort()) {
    const bytes = await readFile(join(dir, name));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    files[name] = { rawKb: round1(bytes.length / 1024), gzipKb: round1(zipped / 1024) };
    raw += bytes.length;
    gz += zipped;
  }
  return { gzipKb: round1(gz / 1024), rawKb: round1(raw / 1024), files };
}

export async function benchStartup(browser: Browser, catalogDataDir: string, barcode: string, repeats: number): Promise<BenchResult> {
  const readyMs: number[] = [];
  const interactiveMs: number[] = [];
  const snapshotMs: number[] = [];
  const scanReadyMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'linkpos-bench-start-'));
    await cp(join(catalogDataDir, 'catalog.json'), join(dataDir, 'catalog.json'));
    const host = await startHost(dataDir);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      readyMs.push(host.readyMs);
      const page = await context.newPage();
      await allowTsxFunctions(page);
      await page.addInitScript(probeInteractive, barcode);
      await page.goto(host.url);
      await page.waitForFunction(
        () => (globalThis as unknown as { __startup: StartupProbe }).__startup.interactive !== undefined,
        undefined,
        { timeout: 30_000 },
      );
      interactiveMs.push(await page.evaluate(() => (globalThis as unknown as { __startup: StartupProbe }).__startup.interactive!));
      await page.waitForFunction(
        () => (globalThis as unknown as { __startup: StartupProbe }).__startup.scanReady !== undefined,
        undefined,
        { timeout: 30_000 },
      );
      scanReadyMs.push(await page.evaluate(() => (globalThis as unknown as { __startup: StartupProbe }).__startup.scanReady!));
      await page.waitForFunction(
        () => performance.getEntriesByType('resource').some((e) => decodeURIComponent(e.name).includes('catalog:snapshot')),
        undefined,
        { timeout: 30_000 },
      );
      snapshotMs.push(
        await page.evaluate(() => {
          const entry = performance
            .getEntriesByType('resource')
            .find((e) => decodeURIComponent(e.name).includes('catalog:snapshot')) as PerformanceResourceTiming;
          return entry.responseEnd;
        }),
      );
    } finally {
      await context.close();
      await host.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const bundle = await bundleSize();
  const ext = (kind: string) =>
    round1(
      Object.entries(bundle.files)
        .filter(([name]) => extname(name) === kind)
        .reduce((n, [, f]) => n + f.gzipKb, 0),
    );
  return {
    figures: [
      medianMs('startup.hostReady', `Web host ready (spawn → URL line), median of ${repeats}`, readyMs),
      medianMs('startup.interactive', 'Renderer interactive (navigation → Charge painted)', interactiveMs, { op: '<', value: 1000 }),
      medianMs('startup.scanReady', 'Renderer ready to scan (navigation → first scan rings up)', scanReadyMs),
      medianMs('startup.catalogSnapshot', 'Catalog snapshot received (100 000 items, navigation →)', snapshotMs),
      {
        id: 'bundle.gzip',
        name: 'Renderer bundle, gzipped (dist/renderer/assets)',
        value: bundle.gzipKb,
        unit: 'kB',
        target: { op: '<', value: 250 },
      },
    ],
    details: {
      repeats,
      hostReady: summarize(readyMs),
      interactive: summarize(interactiveMs),
      catalogSnapshot: summarize(snapshotMs),
      scanReady: summarize(scanReadyMs),
      bundle,
      jsGzipKb: ext('.js'),
      cssGzipKb: ext('.css'),
    },
  };
}
