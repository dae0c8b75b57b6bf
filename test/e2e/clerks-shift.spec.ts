import { rmSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { callChannel, PosPage, savedInMain } from './support/pos-page';
import { SandboxControl } from './support/sandbox';
import { ScannerKeys } from './support/scanner-keys';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';

/**
 * A clerk's shift in demo mode: 30 paid sales scanned at scanner speed with real key events, weighed
 * items, "24*" quantities, a parked and resumed sale, a declined payment, a reload mid-cart and the
 * web host killed mid-payment; then the Z report, whose totals must be what this test rang up,
 * to the öre and per VAT rate. Expected amounts are worked out here from the catalog's prices.
 */

/** VAT in basis points, as in force in Sweden on the test's day (food 6 % from 2026-04-01). */
const FOOD = 600;
const CAFE = 1200;
const STANDARD = 2500;

type Item = { code: string; name: string; priceMinor: number; vatRate: number };
type Weighed = { name: string; perKgMinor: number; vatRate: number };

const item = (code: string, name: string, priceMinor: number, vatRate: number): Item => ({ code, name, priceMinor, vatRate });
const ITEMS: readonly Item[] = [
  item('7310865000361', 'Kaffe, kopp', 2500, CAFE),
  item('7310555086439', 'Kanelbulle', 1500, CAFE),
  item('7310055012341', 'Mjölk 3 % 1,5 l', 1995, FOOD),
  item('7310027004565', 'Smör normalsaltat 500 g', 5495, FOOD),
  item('7310444007897', 'Ägg 12-pack frigående', 4495, FOOD),
  item('7310009004408', 'Mjölkchoklad 200 g', 3295, FOOD),
  item('7310345009105', 'Tändstickor 10-pack', 2495, STANDARD),
  item('7310345009273', 'Batterier AA 4-pack', 5995, STANDARD),
  item('7350000000283', 'Dagstidning', 3500, FOOD), // press: 6 %
  item('7350000000351', 'Pocketbok', 12900, FOOD), // books: 6 %
  item('7310009004576', 'Apelsinjuice 1 l', 2795, FOOD),
];
/** Weighed quick keys, priced per kg. */
const WEIGHED: readonly Weighed[] = [
  { name: 'Bananer', perKgMinor: 2995, vatRate: FOOD },
  { name: 'Tomater', perKgMinor: 4995, vatRate: FOOD },
  { name: 'Lösgodis', perKgMinor: 9900, vatRate: FOOD },
  { name: 'Äpplen', perKgMinor: 3495, vatRate: FOOD },
];

type Step = { kind: 'scan'; item: Item; pieces?: number } | { kind: 'weigh'; item: Weighed; grams: number };
type Sale = { steps: Step[]; lines: number; totalMinor: number; grossByRate: Map<number, number> };

/** `a × b / c` rounded half up, as the till rounds a weighed line and the VAT of a rate. */
const mulDivRound = (a: number, b: number, c: number) => {
  const q = Math.floor((a * b) / c);
  return 2 * (a * b - q * c) >= c ? q + 1 : q;
};

function saleOf(steps: Step[]): Sale {
  const grossByRate = new Map<number, number>();
  const pieceLines = new Set<string>();
  let lines = 0;
  for (const step of steps) {
    const gross = step.kind === 'scan' ? step.item.priceMinor * (step.pieces ?? 1) : mulDivRound(step.item.perKgMinor, step.grams, 1000);
    grossByRate.set(step.item.vatRate, (grossByRate.get(step.item.vatRate) ?? 0) + gross);
    // A second scan of an item adds to its line; every weighing is a line of its own.
    if (step.kind === 'weigh' || !pieceLines.has(step.item.code)) lines++;
    if (step.kind === 'scan') pieceLines.add(step.item.code);
  }
  const totalMinor = [...grossByRate.values()].reduce((a, b) => a + b, 0);
  return { steps, lines, totalMinor, grossByRate };
}

/** The shift's 30 sales: varied, but the same every run. */
function plannedSales(): Sale[] {
  return Array.from({ length: 30 }, (_, i) => {
    const steps: Step[] = [];
    const used = new Set<string>();
    const scan = (index: number, pieces?: number) => {
      let next = ITEMS[index % ITEMS.length]!;
      for (let k = 1; used.has(next.code); k++) next = ITEMS[(index + k) % ITEMS.length]!;
      used.add(next.code);
      steps.push({ kind: 'scan', item: next, ...(pieces ? { pieces } : {}) });
    };
    scan(i);
    if (i % 2 === 0) scan(i * 5 + 3);
    if (i % 3 === 1) steps.push({ kind: 'weigh', item: WEIGHED[i % WEIGHED.length]!, grams: 250 + 37 * i });
    if (i % 4 === 2) scan(i * 7 + 1, 2 + (i % 5) * 6);
    if (i % 5 === 4) steps.push({ kind: 'scan', item: ITEMS[i % ITEMS.length]! }); // the first item scanned again
    return saleOf(steps);
  });
}

/** "SEK 1,234.50" as the till shows it in English (any currency sign before the digits). */
function moneyText(minor: number, whole = true): RegExp {
  const major = String(Math.floor(minor / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return new RegExp(`(^|[^\\d,])${major}\\.${String(minor % 100).padStart(2, '0')}${whole ? '$' : '(?!\\d)'}`);
}

class Clerk {
  readonly scanner: ScannerKeys;

  constructor(public pos: PosPage) {
    this.scanner = new ScannerKeys(pos.page);
  }

  get page(): Page {
    return this.pos.page;
  }

  /** Rings up steps (after `before`, already in the cart), checking after each that the cart has the lines it should. */
  async ringUp(steps: readonly Step[], before: readonly Step[] = []): Promise<void> {
    const seen = new Set(before.flatMap((step) => (step.kind === 'scan' ? [step.item.code] : [])));
    let lines = saleOf([...before]).lines;
    for (const step of steps) {
      if (step.kind === 'weigh') {
        await this.page
          .getByRole('navigation', { name: 'Quick keys' })
          .getByRole('button', { name: new RegExp(`^${step.item.name}`) })
          .click();
        const dialog = this.page.getByRole('dialog', { name: `Weigh ${step.item.name}` });
        const kg = `${Math.floor(step.grams / 1000)},${String(step.grams % 1000).padStart(3, '0')}`;
        await dialog.getByRole('textbox', { name: 'Weight', exact: true }).fill(kg);
        await dialog.getByRole('textbox', { name: 'Weight', exact: true }).press('Enter');
        await expect(dialog).toBeHidden();
        lines++;
      } else {
        if (step.pieces) {
          await this.page.locator('body').click({ position: { x: 5, y: 400 } }); // nothing focused
          await this.page.keyboard.type(`${step.pieces}*`, { delay: 80 });
          await expect(this.page.getByRole('status').filter({ hasText: `Next item × ${step.pieces}` })).toBeVisible();
        }
        await this.scanner.scan(step.item.code, 5 + (lines % 6));
        if (!seen.has(step.item.code)) lines++;
        seen.add(step.item.code);
      }
      await expect(this.pos.cartLines).toHaveCount(lines);
    }
  }

  async expectCart(sale: Sale): Promise<void> {
    await expect(this.pos.cartLines).toHaveCount(sale.lines);
    await expect(this.pos.total).toHaveText(moneyText(sale.totalMinor));
  }

  async chargeAndWait(): Promise<void> {
    await this.pos.charge();
    await expect(this.pos.status).toContainText('Waiting');
  }

  async customerPays(): Promise<void> {
    await this.page.getByRole('button', { name: 'Customer pays (demo)' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
  }

  async newSale(): Promise<void> {
    await this.page.getByRole('button', { name: 'New sale' }).click();
    await expect(this.pos.cartLines).toHaveCount(0);
  }

  /** A whole ordinary sale: rung up, checked, charged, paid. */
  async sell(sale: Sale): Promise<void> {
    await this.ringUp(sale.steps);
    await this.expectCart(sale);
    await this.chargeAndWait();
    await this.customerPays();
    await this.newSale();
  }
}

test('a clerk’s shift: 30 sales, and the Z report adds up to what was paid', async ({ page }) => {
  test.setTimeout(240_000);
  const sales = plannedSales();
  const first = await startWebHostProcess();
  let second: RunningWebHost | null = null;
  try {
    const clerk = new Clerk(new PosPage(page, first));
    await clerk.pos.open();

    for (let i = 0; i < sales.length; i++) {
      const sale = sales[i]!;
      if (i === 0) {
        await clerk.sell(sale);
      } else if (i === 4) {
        // Park this customer's cart, serve the next one, then resume and pay the parked cart.
        await clerk.ringUp(sale.steps);
        await clerk.expectCart(sale);
        await page.getByRole('button', { name: 'Park sale' }).click();
        await expect(clerk.pos.cartLines).toHaveCount(0);
        await clerk.sell(sales[++i]!);
        await page.getByRole('button', { name: 'Parked sales' }).click();
        await page
          .getByRole('dialog', { name: 'Parked sales' })
          .getByRole('button', { name: /^Resume the sale parked at / })
          .click();
        await clerk.expectCart(sale);
        await clerk.chargeAndWait();
        await clerk.customerPays();
        await clerk.newSale();
      } else if (i === 9) {
        // The payment service refuses the customer's payment; the clerk charges the same cart again and it is paid.
        await clerk.ringUp(sale.steps);
        await clerk.chargeAndWait();
        await new SandboxControl(first.sandboxUrl).nextEcsterOrder({ statuses: ['PENDING_DECISION', 'DENIED'], readsPerStep: 1 });
        await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
        await expect(clerk.pos.status).toContainText('Failed', { timeout: 10_000 });
        await expect(page.getByText(/Ecster declined the payment/)).toBeVisible();
        await page.getByRole('button', { name: 'Charge again' }).click();
        await expect(clerk.pos.status).toContainText('Waiting');
        await expect(page.getByRole('region', { name: 'Payment' })).toContainText(moneyText(sale.totalMinor, false));
        await clerk.customerPays();
        await clerk.newSale();
      } else if (i === 14) {
        // The page is reloaded halfway through the cart: the cart is still there, and the sale goes on.
        const half = Math.ceil(sale.steps.length / 2);
        await clerk.ringUp(sale.steps.slice(0, half));
        const lines = await clerk.pos.cartLines.count();
        await savedInMain(clerk.pos);
        await page.reload();
        await page.getByRole('button', { name: 'Charge' }).waitFor();
        await expect(clerk.pos.cartLines).toHaveCount(lines);
        await clerk.ringUp(sale.steps.slice(half), sale.steps.slice(0, half));
        await clerk.expectCart(sale);
        await clerk.chargeAndWait();
        await clerk.customerPays();
        await clerk.newSale();
      } else if (i === 19) {
        // The web host is killed while the customer pays; started again, the sale is back and is paid.
        await clerk.ringUp(sale.steps);
        await clerk.expectCart(sale);
        await clerk.chargeAndWait();
        const saleLine = (await page.getByText(/^Sale \d+ · Reference /).textContent())!;
        await first.kill();
        second = await startWebHostProcess({ dataDir: first.dataDir });
        clerk.pos = new PosPage(page, second);
        await page.goto(second.url);
        await expect(page.getByText(saleLine, { exact: true })).toBeAttached(); // the same sale, same number
        await expect(clerk.pos.status).toContainText('Waiting');
        await clerk.customerPays();
        await clerk.newSale();
      } else {
        await clerk.sell(sale);
      }
    }

    // End of the day.
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
    await page.getByRole('alertdialog', { name: 'Close the day (Z report)' }).getByRole('button', { name: 'Yes, close the day' }).click();
    const report = page.getByRole('region', { name: 'Report' });
    await expect(report).toContainText('Z report 1');
    await expect(report.getByRole('heading', { name: 'Training (demo) — not in the totals' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('z-report.png'), fullPage: true });

    const expectedGross = sales.reduce((sum, s) => sum + s.totalMinor, 0);
    const expectedVat = new Map<number, { grossMinor: number; vatMinor: number }>();
    for (const sale of sales) {
      for (const [rate, gross] of sale.grossByRate) {
        const row = expectedVat.get(rate) ?? { grossMinor: 0, vatMinor: 0 };
        // VAT is worked out per sale and rate (it is on each receipt), then added up.
        expectedVat.set(rate, { grossMinor: row.grossMinor + gross, vatMinor: row.vatMinor + mulDivRound(gross, rate, 10_000 + rate) });
      }
    }
    const vatRows = [...expectedVat]
      .sort(([a], [b]) => b - a)
      .map(([vatRate, row]) => ({ vatRate, grossMinor: row.grossMinor, vatMinor: row.vatMinor, netMinor: row.grossMinor - row.vatMinor }));

    await expect(report.getByTestId('sales-count-SEK')).toHaveText('30');
    await expect(report.getByTestId('gross-SEK')).toHaveText(moneyText(expectedGross));
    const vatTable = report.locator('table.receipt__vat').first();
    await expect(vatTable.locator('tbody tr')).toHaveCount(vatRows.length);
    for (const [index, row] of vatRows.entries()) {
      const cells = vatTable.locator('tbody tr').nth(index).locator('td');
      await expect(cells.nth(1)).toHaveText(moneyText(row.netMinor));
      await expect(cells.nth(2)).toHaveText(moneyText(row.vatMinor));
      await expect(cells.nth(3)).toHaveText(moneyText(row.grossMinor));
    }

    // And the stored Z report, to the öre.
    const stored = await callChannel(page, 'report:get', { number: 1 });
    // Demo sales are training sales: reported apart, never in the real totals.
    type Section = { currencies: ZCurrency[]; firstReceipt: number | null; lastReceipt: number | null };
    const { real, training } = stored.value as { real: Section; training: Section };
    expect(real.currencies).toEqual([]);
    expect([training.firstReceipt, training.lastReceipt]).toEqual([1, 30]); // one receipt per paid sale
    const sek = training.currencies.find((c) => c.currency === 'SEK')!;
    expect(sek.sales).toEqual({ count: 30, amountMinor: expectedGross });
    expect(sek.vat).toEqual(vatRows);
    expect(sek.vatTotalMinor).toBe(vatRows.reduce((sum, r) => sum + r.vatMinor, 0));
    expect(sek.failed.count).toBe(1); // the declined payment
    expect(sek.cancelled.count).toBe(0);
    expect(sek.needsAttention.count).toBe(0);
  } finally {
    await second?.stop();
    await first.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});

type ZCurrency = {
  currency: string;
  sales: { count: number; amountMinor: number };
  vat: { vatRate: number; grossMinor: number; netMinor: number; vatMinor: number }[];
  vatTotalMinor: number;
  failed: { count: number };
  cancelled: { count: number };
  needsAttention: { count: number };
};
