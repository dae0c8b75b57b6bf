/**
 * `npm run bench` — the benchmark suite of issue 10 (not timed tests; not part of `npm test`).
 * Builds the renderer, then measures the real product from outside: a web host with a generated
 * 100 000-item catalog driven in Chromium, and the main-process services in Node. Prints one
 * table (figure | value | target | baseline | ratio | pass) and writes the results with the
 * machine's description to bench/results/<time>.json (a full run also to latest.json).
 *
 *   npm run bench                 full run (about 5 minutes on 2 cores)
 *   npm run bench -- --quick      smaller samples, under 2 minutes
 *   npm run bench -- --only=scan,journal   some benchmarks (scan search import charge paid capture journal startup print shopdb)
 *   npm run bench -- --no-build   reuse dist/renderer as it is
 *
 * How each figure is measured is written at the top of its file in bench/.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Product } from '../shared/domain/schemas';
import { benchCatalogImport } from './catalog-import';
import { benchChargeOverhead } from './charge-overhead';
import { benchJournal } from './journal';
import { benchShopDatabase } from './shop-db';
import { benchPaidDetection } from './paid-detection';
import { benchOrderReady } from './order-ready';
import { benchPrint } from './print';
import { benchScanToPaint } from './scan-to-paint';
import { benchSearchTyping } from './search-typing';
import { benchStartup } from './startup';
import { clearCart, launchBrowser, openPos, waitForCatalog } from './lib/browser';
import { benchProducts, catalogCsv } from './lib/catalog';
import { passes, ratio, type BenchResult, type Figure } from './lib/figure';
import { machineInfo } from './lib/machine';
import { renderTable } from './lib/table';
import { repoRoot, startHost, type BenchHost } from './lib/web-host';

const names = ['scan', 'search', 'import', 'charge', 'paid', 'capture', 'journal', 'startup', 'print', 'shopdb'] as const;
type Name = (typeof names)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = new Set<Name>(
  (args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? names) as Name[],
);
const wanted = (name: Name) => only.has(name);

const sizes = quick
  ? {
      catalogRows: 100_000,
      scans: 60,
      searchRounds: 1,
      searchQueries: 6,
      charges: 5,
      paidSales: 10,
      captures: 5,
      prints: 5,
      paidWindowMs: 10_000,
      appends: 200,
      journalSales: 100_000,
      replays: 1,
      startups: 2,
      shopRecords: 20_000,
      shopTills: 5,
      outageRecords: 3_000,
    }
  : {
      catalogRows: 100_000,
      scans: 200,
      searchRounds: 2,
      searchQueries: 12,
      charges: 20,
      paidSales: 20,
      captures: 20,
      prints: 20,
      paidWindowMs: 30_000,
      appends: 1_000,
      journalSales: 100_000,
      replays: 5,
      startups: 5,
      shopRecords: 100_000,
      shopTills: 5,
      outageRecords: 3_000,
    };

const results = new Map<Name, BenchResult>();

function failed(name: Name, error: unknown): void {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  process.stderr.write(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  results.set(name, {
    figures: [{ id: `${name}.error`, name: `${name}: did not run`, value: null, unit: 'ms', note: `error: ${message}` }],
    details: {},
  });
}

async function step(name: Name, run: () => Promise<BenchResult>): Promise<void> {
  if (!wanted(name)) return;
  const started = performance.now();
  process.stderr.write(`bench ${name} …\n`);
  try {
    results.set(name, await run());
  } catch (error) {
    failed(name, error);
  }
  process.stderr.write(`bench ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date();
  if (!args.includes('--no-build')) {
    process.stderr.write('building the renderer (vite build) …\n');
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }

  const needsBrowser = ['scan', 'search', 'charge', 'startup'].some((n) => wanted(n as Name));
  const needsHost = needsBrowser || wanted('import');
  const products = benchProducts(sizes.catalogRows);
  let browser: Browser | null = null;
  let host: BenchHost | null = null;
  const dataDir = await mkdtemp(join(tmpdir(), 'linkpos-bench-'));
  let chromiumVersion: string | null = null;
  try {
    if (needsHost) {
      host = await startHost(dataDir);
      const csv = catalogCsv(products);
      const h = host;
      // The import always runs when a browser benchmark does: it puts the catalog in place.
      const imported = await benchCatalogImport(h, csv, products.length).catch((error: unknown) => {
        failed('import', error);
        return null;
      });
      if (imported && wanted('import')) results.set('import', imported);
      if (!imported && needsBrowser) throw new Error('the catalog could not be imported, so the browser benchmarks cannot run');
    }
    if (needsBrowser && host) {
      browser = await launchBrowser();
      chromiumVersion = browser.version();
      const page: Page = await openPos(browser, host.url);
      await waitForCatalog(page, products[0]!.barcode);
      const barcodes = products.filter((_, i) => i % 97 === 0).map((p) => p.barcode);
      const h = host;
      await step('scan', () => benchScanToPaint(page, barcodes, sizes.scans));
      await step('search', async () => {
        await clearCart(page);
        const snapshot = await h.call<{ products: Product[] }>('catalog:snapshot');
        return benchSearchTyping(page, snapshot.products, sizes.searchRounds, sizes.searchQueries);
      });
      await step('charge', async () => {
        await page.reload();
        await waitForCatalog(page, products[1]!.barcode);
        return benchChargeOverhead(page, h, barcodes, sizes.charges);
      });
      await page.context().close();
      const b = browser;
      await step('startup', () => benchStartup(b, dataDir, products[2]!.barcode, sizes.startups));
    }
  } finally {
    await browser?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  await step('paid', () => benchPaidDetection(sizes.paidSales, sizes.paidWindowMs));
  await step('capture', () => benchOrderReady(sizes.captures));
  chromiumVersion ??= (results.get('capture')?.details.chromium as string | undefined) ?? null;
  await step('print', () => benchPrint(sizes.prints));
  await step('journal', () => benchJournal(sizes.appends, sizes.journalSales, sizes.replays));
  await step('shopdb', () => benchShopDatabase({ records: sizes.shopRecords, tills: sizes.shopTills, outageRecords: sizes.outageRecords }));

  const figures: Figure[] = names.flatMap((n) => results.get(n)?.figures ?? []);
  const durationS = Math.round((performance.now() - started) / 100) / 10;
  const machine = machineInfo(chromiumVersion);
  const report = {
    startedAt: startedAt.toISOString(),
    mode: quick ? 'quick' : 'full',
    durationS,
    machine,
    sizes,
    figures: figures.map((f) => ({ ...f, ratio: ratio(f), pass: passes(f) })),
    details: Object.fromEntries(names.filter((n) => results.has(n)).map((n) => [n, results.get(n)!.details])),
  };
  const dir = join(repoRoot, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  const json = JSON.stringify(report, null, 2) + '\n';
  await writeFile(file, json);
  if (!quick && only.size === names.length) await writeFile(join(dir, 'latest.json'), json);

  process.stdout.write(
    `\nLinkPOS benchmarks (${report.mode}, ${durationS} s) on ${String(machine.cpus)} × ${String(machine.cpuModel)}, Node ${process.version}, Chromium ${chromiumVersion ?? '—'}\n\n`,
  );
  process.stdout.write(renderTable(figures) + '\n\n');
  process.stdout.write(`results: ${file}\n`);
  if (figures.some((f) => f.id.endsWith('.error'))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
