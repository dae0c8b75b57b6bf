import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import type { Report, ReportSection } from '../../../../shared/domain/report';
import type { ShopReport, ShopSale } from '../../../../shared/ipc/channels/shop';
import { callApp, openTestApp, silentLog } from '../../../support/app-services';
import { ShopView } from '../../../../electron/services/reports/shop-view';
import { migrate } from '../../../../electron/services/shop-db/migrations';
import { createShopPool } from '../../../../electron/services/shop-db/pool';
import { freshDatabase, noDatabase } from '../../../support/postgres';

const openTill = (dataDir: string, env: Record<string, string>) => openTestApp(dataDir, { env });
const call = callApp;

const cart = (lines: [priceMinor: number, vatRate: number][]) => ({
  currency: 'SEK',
  discount: null,
  lines: lines.map(([priceMinor, vatRate], i) => ({
    id: `l${i}-${priceMinor}`,
    barcode: '',
    name: `Item ${priceMinor}`,
    unitPriceMinor: priceMinor,
    vatRate,
    quantityMilli: 1000,
    weighed: false,
    unit: 'st',
    partNumber: '',
    discount: null,
    custom: true,
  })),
});

async function sell(
  app: AppServices,
  lines: [number, number][],
  outcome: 'pay' | 'cancel',
): Promise<{ id: string; orderReference: string }> {
  const sale = await call<{ id: string; orderReference: string }>(app, 'sale:charge', { cart: cart(lines) });
  if (outcome === 'pay') await call(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
  else await call(app, 'sale:cancel', { id: sale.id });
  await expect
    .poll(async () => (await call<{ state: string }>(app, 'sale:get', { id: sale.id })).state)
    .toBe(outcome === 'pay' ? 'paid' : 'cancelled');
  return sale;
}

/** Two sections added the way an accountant adds two tills' reports: per currency, rate and provider. */
function addSections(a: ReportSection, b: ReportSection): unknown {
  const byCurrency = new Map<string, Record<string, unknown>>();
  for (const cur of [...a.currencies, ...b.currencies]) {
    const seen = byCurrency.get(cur.currency) as (typeof cur & { vatMap: Map<number, number[]> }) | undefined;
    if (!seen) {
      byCurrency.set(cur.currency, structuredClone(cur));
      continue;
    }
    for (const k of ['sales', 'cancelled', 'expired', 'failed', 'needsAttention', 'refunds'] as const) {
      seen[k] = { count: seen[k].count + cur[k].count, amountMinor: seen[k].amountMinor + cur[k].amountMinor };
    }
    for (const k of ['vatTotalMinor', 'netTotalMinor', 'refundVatTotalMinor', 'netSalesMinor', 'netVatTotalMinor'] as const)
      seen[k] += cur[k];
    for (const k of ['vat', 'refundVat', 'netVat'] as const) {
      for (const v of cur[k]) {
        const row = seen[k].find((r) => r.vatRate === v.vatRate);
        if (row)
          Object.assign(row, {
            grossMinor: row.grossMinor + v.grossMinor,
            netMinor: row.netMinor + v.netMinor,
            vatMinor: row.vatMinor + v.vatMinor,
          });
        else seen[k].push({ ...v });
      }
      seen[k].sort((x, y) => y.vatRate - x.vatRate);
    }
    for (const p of cur.providers) {
      const row = seen.providers.find((r) => r.provider === p.provider);
      if (row) Object.assign(row, { count: row.count + p.count, amountMinor: row.amountMinor + p.amountMinor });
      else seen.providers.push({ ...p });
    }
    for (const m of cur.means) {
      const row = seen.means.find((r) => r.means === m.means);
      if (row) Object.assign(row, { count: row.count + m.count, amountMinor: row.amountMinor + m.amountMinor });
      else seen.means.push({ ...m });
    }
  }
  return { currencies: [...byCurrency.values()], firstReceipt: null, lastReceipt: null };
}

/** A till's report as the shop view can know it: no time of taking, and no drawer openings (the shop database keeps none). */
const withoutTime = ({ drawerOpenings: _drawerOpenings, ...report }: Report) => ({ ...report, period: { ...report.period, toAt: null } });

describe.skipIf(noDatabase)('the shop view: History and the X report across tills, from the shop database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const dirs: string[] = [];
  const apps: AppServices[] = [];

  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  async function till(name: string): Promise<AppServices> {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkpos-shop-'));
    dirs.push(dataDir);
    const app = await openTill(dataDir, { LINKPOS_SHOP_DATABASE_URL: db.url });
    apps.push(app);
    await call(app, 'settings:save', { settings: { tillName: name } });
    return app;
  }

  const upToDate = async (app: AppServices) =>
    expect
      .poll(async () => (await call<{ sync: { kind: string } }>(app, 'shop:databaseStatus')).sync.kind, { timeout: 15_000 })
      .toBe('up-to-date');

  it('shows each till the other’s sales under “All tills”, and an X report equal to the sum of the tills’ own, VAT rate by rate', async () => {
    const a = await till('Counter');
    const b = await till('Window');
    const a1 = await sell(a, [[1000, 2500]], 'pay');
    await call(a, 'report:z', undefined); // A closes a period: the shop's X starts A's part after it
    const a2 = await sell(
      a,
      [
        [2590, 1200],
        [333, 2500],
      ],
      'pay',
    );
    const a3 = await sell(a, [[700, 600]], 'cancel');
    const b1 = await sell(
      b,
      [
        [4000, 2500],
        [1999, 600],
      ],
      'pay',
    );
    const b2 = await sell(b, [[1234, 1200]], 'pay');
    await upToDate(a);
    await upToDate(b);
    expect(new Set([a1, a2, a3, b1, b2].map((s) => s.orderReference)).size).toBe(5);

    // History on B: its own sales and A's, each with its till's name; a till filter picks one till.
    const tills = await call<{ tills: { id: string; name: string; own: boolean }[] }>(b, 'shop:tills');
    expect(tills.tills.map((t) => [t.name, t.own])).toEqual([
      ['Window', true],
      ['Counter', false],
    ]);
    const all = await call<{ complete: boolean; sales: ShopSale[] }>(b, 'shop:sales', { till: 'all' });
    expect(all.complete).toBe(true);
    expect(all.sales.map((s) => [s.tillName, s.sale.orderReference, s.sale.state]).sort()).toEqual(
      [
        ['Counter', a1.orderReference, 'paid'],
        ['Counter', a2.orderReference, 'paid'],
        ['Counter', a3.orderReference, 'cancelled'],
        ['Window', b1.orderReference, 'paid'],
        ['Window', b2.orderReference, 'paid'],
      ].sort(),
    );
    // A's sale as A itself shows it, record for record.
    const aOwn = await call<unknown>(a, 'sale:get', { id: a2.id });
    expect(all.sales.find((s) => s.sale.id === a2.id)?.sale).toEqual(aOwn);
    const onlyA = await call<{ sales: ShopSale[] }>(b, 'shop:sales', { till: tills.tills[1]!.id, states: ['paid'] });
    expect(onlyA.sales.map((s) => s.sale.orderReference).sort()).toEqual([a1.orderReference, a2.orderReference].sort());

    // The shop X on B once A's Z has reached the database.
    await expect
      .poll(async () => (await call<ShopReport>(b, 'shop:xReport')).zReports.map((z) => [z.tillName, z.number]), { timeout: 15_000 })
      .toEqual([['Counter', 1]]);
    const shop = await call<ShopReport>(b, 'shop:xReport');
    const xa = await call<Report>(a, 'report:x', {});
    const xb = await call<Report>(b, 'report:x', {});
    const partA = shop.tills.find((t) => t.tillName === 'Counter')!.report;
    const partB = shop.tills.find((t) => t.own)!.report;
    expect(withoutTime(partA)).toEqual(withoutTime(xa));
    expect(withoutTime(partB)).toEqual(withoutTime(xb));
    // Demo sales are training: the real section is empty, and both sum exactly.
    expect(shop.total.training).toEqual(addSections(xa.training, xb.training));
    expect(shop.total.real).toEqual(addSections(xa.real, xb.real));
    const sek = shop.total.training.currencies[0]!;
    expect(sek.sales).toEqual({ count: 3, amountMinor: 2590 + 333 + 4000 + 1999 + 1234 });
    expect(sek.vat.map((v) => v.vatRate)).toEqual([2500, 1200, 600]);
    expect(sek.cancelled).toEqual({ count: 1, amountMinor: 700 });
    expect(shop.total.entries).toBe(xa.entries + xb.entries);

    // A's part came from the summary the replicator kept: A's paid sales, one in each Z period.
    const pool = createShopPool(db.url, { log: silentLog });
    try {
      const counterId = tills.tills[1]!.id;
      const summary = await pool.query<{ after_z: boolean; n: string }>(
        `SELECT period_from > 0 AS after_z, sum(count) AS n FROM report_summary WHERE till_id = $1 AND outcome = 'paid' GROUP BY 1 ORDER BY 1`,
        [counterId],
      );
      expect(summary.rows.map((r) => [r.after_z, Number(r.n)])).toEqual([
        [false, 1],
        [true, 1],
      ]);
      // Records copied before the summary existed (a database from before migration 5) are replayed
      // instead, with the same figures.
      await pool.query('UPDATE tills SET summarised_after = 1000000 WHERE till_id = $1', [counterId]);
      await pool.query('DELETE FROM report_summary WHERE till_id = $1', [counterId]);
      await pool.query('DELETE FROM report_summary_vat WHERE till_id = $1', [counterId]);
      const replayed = await call<ShopReport>(b, 'shop:xReport');
      expect(withoutTime(replayed.tills.find((t) => t.tillName === 'Counter')!.report)).toEqual(withoutTime(xa));
      expect(replayed.total).toEqual(shop.total);
    } finally {
      await pool.end();
    }
  });
});

describe('the shop view without a shop database', () => {
  it('lists no tills (History shows no till filter) and answers the till’s own sales', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkpos-alone-'));
    const app = await openTill(dataDir, {});
    try {
      const sale = await sell(app, [[1500, 2500]], 'pay');
      expect(await call(app, 'shop:tills')).toEqual({ complete: true, tills: [] });
      const { sales } = await call<{ sales: ShopSale[] }>(app, 'shop:sales', { till: 'all' });
      expect(sales.map((s) => [s.own, s.sale.id])).toEqual([[true, sale.id]]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(noDatabase)('the shop view when the shop database changes', () => {
  it('forgets the tills of the old database once the address points at another one', async () => {
    const dbs = [await freshDatabase(), await freshDatabase()];
    const pools = dbs.map((db) => createShopPool(db.url, { log: silentLog }));
    try {
      for (const [i, pool] of pools.entries()) {
        const client = await pool.connect();
        try {
          await migrate(client);
          await client.query('INSERT INTO tills (till_id, name) VALUES ($1, $2)', [randomUUID(), `Till of shop ${i + 1}`]);
        } finally {
          client.release();
        }
      }
      let current = pools[0]!;
      const view = new ShopView({
        pool: () => current,
        tillId: randomUUID(),
        ownSales: () => [],
        ownX: () => Promise.reject(new Error('not asked here')),
        ownZ: () => Promise.resolve([]),
        ownEntries: () => Promise.resolve([]),
        ownName: () => 'Here',
        log: silentLog,
      });
      expect((await view.tills()).tills.map((t) => t.name)).toEqual(['Here', 'Till of shop 1']);
      current = pools[1]!;
      expect((await view.tills()).tills.map((t) => t.name)).toEqual(['Here', 'Till of shop 2']);
    } finally {
      for (const pool of pools) await pool.end();
      for (const db of dbs) await db.drop();
    }
  });
});
