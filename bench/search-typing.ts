/**
 * Search while typing — how measured: in Chromium, with the 100 000-item catalog indexed, the
 * "Search products" field is focused and queries are typed through Playwright's keyboard (real
 * trusted key events, 150 ms apart like a quick typist, so the scanner never mistakes them for a
 * burst). Per keystroke, time runs from the keydown's `event.timeStamp` to the first
 * `requestAnimationFrame` after the results list on screen equals what the same catalog index
 * returns for the field's new value (computed in Node with shared/domain/catalog-search over the
 * catalog:snapshot the renderer loaded). That includes React's deferred render
 * (useDeferredValue): a keystroke only counts as done when the list reflects it. A keystroke whose
 * list was not yet right when the next key came is counted with the time it had (rare; reported).
 */
import type { Page } from '@playwright/test';
import { buildCatalogIndex } from '../shared/domain/catalog-search';
import type { Product } from '../shared/domain/schemas';
import type { BenchResult } from './lib/figure';
import { round1 } from './lib/figure';
import { percentile, summarize } from './lib/stats';

export const searchQueries = [
  'kaffe mellan',
  'arla mjolk',
  'havregryn eko',
  'pasta fullkorn',
  'oatly vanilj',
  'choklad',
  'te mild',
  'bn-01234',
  'ketchup original',
  'glutenfri flingor',
  'zeta sylt',
  'findus',
];

interface KeySample {
  value: string;
  ms: number;
  superseded: boolean;
}

interface Probe {
  samples: KeySample[];
}

/** Runs in the page: times every keystroke in the search field until its results are on screen. */
function installProbe(expected: Record<string, string[]>): void {
  const field = document.querySelector<HTMLInputElement>('#product-search');
  const panel = field?.closest('.search');
  if (!field || !panel) throw new Error('no search field on screen');
  const probe: Probe = { samples: [] };
  (globalThis as unknown as { __searchProbe: Probe }).__searchProbe = probe;
  let pending: { t0: number; value: string | null } | null = null;

  const shown = () => [...panel.querySelectorAll('.search__results .search__name')].map((n) => n.textContent ?? '');
  const check = () => {
    if (!pending || pending.value === null) return;
    const want = expected[pending.value];
    if (!want) return;
    const have = pending.value.trim() === '' ? [] : shown();
    if (have.length !== want.length || have.some((name, i) => name !== want[i])) return;
    const done = pending;
    pending = null;
    requestAnimationFrame(() => probe.samples.push({ value: done.value!, ms: performance.now() - done.t0, superseded: false }));
  };
  document.addEventListener(
    'keydown',
    (event) => {
      // Only typed characters: clearing the field between queries is not a keystroke we time.
      if (event.target !== field || event.key.length !== 1) return;
      if (pending?.value != null) probe.samples.push({ value: pending.value, ms: performance.now() - pending.t0, superseded: true });
      pending = { t0: event.timeStamp, value: null };
    },
    { capture: true },
  );
  field.addEventListener('input', () => {
    if (!pending) return;
    pending.value = field.value;
    check();
  });
  new MutationObserver(check).observe(panel, { subtree: true, childList: true, characterData: true });
}

export async function benchSearchTyping(
  page: Page,
  products: readonly Product[],
  rounds: number,
  queryCount = searchQueries.length,
): Promise<BenchResult> {
  const queries = searchQueries.slice(0, queryCount);
  const index = buildCatalogIndex(products);
  const expected: Record<string, string[]> = {};
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const prefix = query.slice(0, i);
      expected[prefix] = prefix.trim() ? index.search(prefix, 12).map((p) => p.name) : [];
    }
  }
  await page.evaluate(installProbe, expected);
  const field = page.locator('#product-search');
  await field.click();
  let typed = 0;
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      await field.fill('');
      await page.waitForTimeout(200);
      await page.keyboard.type(query, { delay: 150 });
      await page.waitForTimeout(300);
      typed += query.length;
    }
  }
  await field.fill('');
  const samples = await page.evaluate(() => (globalThis as unknown as { __searchProbe: Probe }).__searchProbe.samples);
  if (samples.length < typed * 0.9)
    throw new Error(`only ${samples.length} of ${typed} keystrokes were seen to settle; the results never matched the expected list`);
  const ms = samples.map((s) => s.ms);
  return {
    figures: [
      { id: 'search.p50', name: `Search while typing, ${samples.length} keystrokes: p50`, value: round1(percentile(ms, 50)), unit: 'ms' },
      {
        id: 'search.p95',
        name: 'Search while typing: p95 per keystroke',
        value: round1(percentile(ms, 95)),
        unit: 'ms',
        target: { op: '<=', value: 16 },
      },
    ],
    details: {
      keystrokes: typed,
      settled: samples.length,
      superseded: samples.filter((s) => s.superseded).map((s) => ({ value: s.value, ms: round1(s.ms) })),
      slowest: [...samples]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 10)
        .map((s) => ({ value: s.value, ms: round1(s.ms) })),
      perKeystroke: summarize(ms),
      queries,
      rounds,
    },
  };
}
