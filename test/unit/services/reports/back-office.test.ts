import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import type { Cart } from '../../../../shared/domain/schemas';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { DomainError } from '../../../../electron/services/errors';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { JOURNAL_FILE, openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { encodeRecord, GENESIS_HASH } from '../../../../electron/services/journal/record';
import { OutputError, type ReceiptOutput } from '../../../../electron/services/receipts/output';
import { createBackOffice } from '../../../../electron/services/reports';
import { BackOffice } from '../../../../electron/services/reports/back-office';
import { buildLedger, restoreLedger, snapshotLedger } from '../../../../electron/services/receipts/ledger';
import { foldSale, replaySales } from '../../../../electron/services/sales/sale-machine';
import { SaleTable, summarize } from '../../../../electron/services/sales/sale-table';
import { createZStore, Z_REPORTS_FILE } from '../../../../electron/services/reports/z-store';
import { failNextGet, recordingLogger, tempDir } from '../journal/helpers';
import { msg } from '../../../../shared/messages';

const log = recordingLogger();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function cartOf(priceMinor: number, vatRate: number): Cart {
  return {
    currency: 'SEK',
    discount: null,
    lines: [
      {
        id: 'l',
        barcode: '',
        name: 'Item',
        unitPriceMinor: priceMinor,
        vatRate,
        quantityMilli: 1000,
        weighed: false,
        unit: 'st',
        partNumber: '',
        discount: null,
        custom: true,
      },
    ],
  };
}

type Outcome = 'paid' | 'cancelled' | 'expired' | 'open';
type Plan = { demo: boolean; priceMinor: number; vatRate: number; outcome: Outcome };

/** Writes a real, hash-chained journal file quickly (no fsync per line) and opens it. */
async function journalWith(
  dir: string,
  plans: Plan[],
  start = new Date('2025-03-01T08:00:00.000Z'),
): Promise<{ journal: Journal; records: number }> {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  let seq = 0;
  let t = start.getTime();
  const add = (type: string, saleId: string, data: unknown) => {
    seq += 1;
    t += 1000;
    const { line, hash } = encodeRecord({ seq, at: new Date(t).toISOString(), type, saleId, data, prev });
    prev = hash;
    lines.push(line);
  };
  plans.forEach((plan, i) => {
    const id = `sale-${i + 1}`;
    const totals = priceCart(cartOf(plan.priceMinor, plan.vatRate));
    const link = { reference: `REF${i + 1}`, url: `https://pay.example/${i + 1}`, validTo: null };
    add('sale-created', id, {
      number: i + 1,
      orderReference: `LP-T-250301-${i + 1}`,
      provider: i % 3 === 0 ? 'straumur' : 'ecster',
      demo: plan.demo,
      currency: 'SEK',
      amountMinor: totals.totalMinor,
      totals,
    });
    add('link-created', id, { link, adopted: false });
    if (plan.outcome !== 'open') {
      add('status-observed', id, {
        reference: link.reference,
        status: plan.outcome,
        providerStatus: plan.outcome.toUpperCase(),
        amountMinor: totals.totalMinor,
        currency: 'SEK',
      });
    }
  });
  await writeFile(join(dir, JOURNAL_FILE), lines.map((l) => `${l}\n`).join(''));
  const opened = await openJournal(dir, { log });
  cleanups.push(() => opened.journal.close());
  return { journal: opened.journal, records: seq };
}

/** A deterministic spread of sales: every outcome, both series, three VAT rates, odd prices. */
function plansFor(count: number, seed = 1): Plan[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const outcomes: Outcome[] = ['paid', 'paid', 'paid', 'cancelled', 'expired', 'open'];
  return Array.from({ length: count }, () => ({
    demo: next() % 5 === 0,
    priceMinor: 100 + (next() % 250_000),
    vatRate: [2500, 1200, 600][next() % 3]!,
    outcome: outcomes[next() % outcomes.length]!,
  }));
}

/** Counts the journal's whole-file reads from now on; `readAll` reads without being counted. */
function countFullReads(journal: Journal) {
  const readAll = journal.readAll.bind(journal);
  const reads = { count: 0 };
  journal.readAll = () => {
    reads.count += 1;
    return readAll();
  };
  return { reads, readAll };
}

function serviceFor(
  dir: string,
  journal: Journal,
  options: { settings?: Partial<Settings>; output?: ReceiptOutput; now?: () => Date } = {},
) {
  return new BackOffice(depsFor(dir, journal, options));
}

function depsFor(dir: string, journal: Journal, options: { settings?: Partial<Settings>; output?: ReceiptOutput; now?: () => Date } = {}) {
  const settings = { ...defaultSettings, ...options.settings };
  return {
    journal,
    settings: () => settings,
    provider: () => ({ provider: { search: () => Promise.resolve([]) } }),
    zStore: createZStore(dir),
    output: options.output ?? {
      print: () => Promise.reject(new OutputError(msg('printFailed'), 'no printer')),
      pdf: () => Promise.resolve(new Uint8Array([37, 80, 68, 70])),
    },
    now: options.now ?? (() => new Date('2025-03-02T20:00:00.000Z')),
    log,
  };
}

async function setup(plans: Plan[]) {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const { journal, records } = await journalWith(dir, plans);
  return { dir, journal, records, service: serviceFor(dir, journal) };
}

describe('Z report over a large journal', () => {
  it('matches totals computed independently over 10 000 records, and a second Z for the same period is refused', async () => {
    const plans = plansFor(3600);
    const { service, records, dir } = await setup(plans);
    expect(records).toBeGreaterThanOrEqual(10_000);

    // The independent computation: straight from the plan, with the cart pricing the till uses.
    const expected = { count: 0, gross: 0, vat: new Map<number, number>(), cancelled: 0, expired: 0, trainingGross: 0 };
    for (const plan of plans) {
      const totals = priceCart(cartOf(plan.priceMinor, plan.vatRate));
      if (plan.demo) {
        if (plan.outcome === 'paid') expected.trainingGross += totals.totalMinor;
        continue;
      }
      if (plan.outcome === 'paid') {
        expected.count += 1;
        expected.gross += totals.totalMinor;
        for (const v of totals.vat) expected.vat.set(v.vatRate, (expected.vat.get(v.vatRate) ?? 0) + v.vatMinor);
      }
      if (plan.outcome === 'cancelled') expected.cancelled += 1;
      if (plan.outcome === 'expired') expected.expired += 1;
    }

    // Some of the plans' sales are still waiting: the clerk was shown them and closed the day anyway.
    const z = await service.zReport({ confirmOpenSales: true });
    const sek = z.real.currencies[0]!;
    expect(z.number).toBe(1);
    expect(z.period).toMatchObject({ fromSeq: 0, toSeq: records });
    expect(sek.sales).toEqual({ count: expected.count, amountMinor: expected.gross });
    expect(new Map(sek.vat.map((v) => [v.vatRate, v.vatMinor]))).toEqual(expected.vat);
    expect(sek.cancelled.count).toBe(expected.cancelled);
    expect(sek.expired.count).toBe(expected.expired);
    expect(sek.providers.reduce((s, p) => s + p.amountMinor, 0)).toBe(expected.gross);
    expect(z.training.currencies[0]!.sales.amountMinor).toBe(expected.trainingGross);
    expect([z.real.firstReceipt, z.real.lastReceipt]).toEqual([1, expected.count]);

    await expect(service.zReport({ confirmOpenSales: true })).rejects.toThrow('Nothing to close: no sale has finished since Z report 1.');
    const stored = JSON.parse(await readFile(join(dir, Z_REPORTS_FILE), 'utf8')) as { reports: { number: number }[] };
    expect(stored.reports.map((r) => r.number)).toEqual([1]);
  });
});

describe('Z reports', () => {
  it('survive a restart with their numbers, and the next Z starts where the last ended', async () => {
    const { dir, journal } = await setup(plansFor(30, 7));
    const first = await serviceFor(dir, journal).zReport({ confirmOpenSales: true });
    const again = serviceFor(dir, journal);
    await expect(again.zReport({ confirmOpenSales: true })).rejects.toBeInstanceOf(DomainError);
    expect((await again.zReportByNumber(1)).real).toEqual(first.real);
    expect(JSON.parse(await readFile(join(dir, Z_REPORTS_FILE), 'utf8')).reports).toHaveLength(1);
  });

  it('name the till as it was called when they were taken, also after it is renamed', async () => {
    const { dir, journal } = await setup(plansFor(30, 7));
    const z = await serviceFor(dir, journal, { settings: { tillName: 'Counter 1' } }).zReport();
    expect(z.tillName).toBe('Counter 1');
    const renamed = serviceFor(dir, journal, { settings: { tillName: 'Front till' } });
    expect((await renamed.zReportByNumber(1)).tillName).toBe('Counter 1');
    expect((await renamed.xReport()).tillName).toBe('Front till');
  });

  it('refuses to close the day over a damaged Z file instead of numbering from 1 again', async () => {
    const { dir, journal } = await setup(plansFor(5, 3));
    await writeFile(join(dir, Z_REPORTS_FILE), '{"version":1,"reports":[{"kind"');
    await expect(serviceFor(dir, journal).zReport({ confirmOpenSales: true })).rejects.toThrow(/damaged/);
    expect(await readFile(join(dir, Z_REPORTS_FILE), 'utf8')).toBe('{"version":1,"reports":[{"kind"');
  });

  it('do not close the day when the Z cannot be saved', async () => {
    const { dir, journal } = await setup(plansFor(5, 3));
    const service = new BackOffice({
      journal,
      settings: () => defaultSettings,
      provider: () => ({ provider: { search: () => Promise.resolve([]) } }),
      zStore: createZStore(dir, () => Promise.reject(new Error('ENOSPC'))),
      output: { print: () => Promise.reject(new Error('x')), pdf: () => Promise.reject(new Error('x')) },
      now: () => new Date(),
      log,
    });
    await expect(service.zReport({ confirmOpenSales: true })).rejects.toThrow(
      'The Z report could not be saved to disk, so the day is not closed. Try again.',
    );
  });

  it('refuse to close the day over a sale that is not final unless the clerk confirmed it', async () => {
    const { dir, journal } = await setup([
      { demo: false, priceMinor: 5000, vatRate: 2500, outcome: 'paid' },
      { demo: false, priceMinor: 2500, vatRate: 2500, outcome: 'open' },
    ]);
    const service = serviceFor(dir, journal);
    const refused = service.zReport();
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'zOpenSales', params: { count: 1 } } });
    await expect(service.zReports()).resolves.toEqual([]);

    const z = await service.zReport({ confirmOpenSales: true });
    expect(z.number).toBe(1);
    expect(z.real.currencies[0]!.sales).toEqual({ count: 1, amountMinor: 5000 });
  });

  it('close the day without asking when every sale is final', async () => {
    const { dir, journal } = await setup([
      { demo: false, priceMinor: 5000, vatRate: 2500, outcome: 'paid' },
      { demo: false, priceMinor: 2500, vatRate: 2500, outcome: 'cancelled' },
    ]);
    await expect(serviceFor(dir, journal).zReport()).resolves.toMatchObject({ number: 1 });
  });
});

describe('receipts', () => {
  it('are numbered without gaps in paid order, training apart, and a reprint keeps its number', async () => {
    const plans = plansFor(200, 11);
    const { service } = await setup(plans);
    const ledger = await service.ledger.current();
    for (const series of ['real', 'training'] as const) {
      const numbers = [...ledger.receipts.values()].filter((n) => n.series === series).map((n) => n.number);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect(numbers.length).toBe(plans.filter((p) => p.outcome === 'paid' && p.demo === (series === 'training')).length);
    }
    const paidIndex = plans.findIndex((p) => p.outcome === 'paid' && !p.demo);
    const original = await service.receipt(`sale-${paidIndex + 1}`, false);
    const copy = await service.receipt(`sale-${paidIndex + 1}`, true);
    expect(copy.receipt).toEqual(original.receipt);
    expect([original.copy, copy.copy]).toEqual([false, true]);
  });

  it('follow the journal as it grows without reading the whole file again after each sale', async () => {
    const plans = plansFor(50, 7);
    const { service, journal } = await setup(plans);
    const { reads } = countFullReads(journal);
    const before = await service.ledger.current();
    const receiptsBefore = [...before.receipts.values()].filter((n) => n.series === 'real').length;

    // Three more sales are paid and journaled, the way the checkout writes them.
    for (let n = 1; n <= 3; n++) {
      const id = `late-${n}`;
      const totals = priceCart(cartOf(1000 * n, 2500));
      const link = { reference: `LATE${n}`, url: `https://pay.example/late/${n}`, validTo: null };
      const at = new Date(Date.parse('2025-03-02T10:00:00.000Z') + n * 60_000).toISOString();
      await journal.append({
        type: 'sale-created',
        saleId: id,
        at,
        data: {
          number: plans.length + n,
          orderReference: `LP-T-250302-${n}`,
          provider: 'ecster',
          demo: false,
          currency: 'SEK',
          amountMinor: totals.totalMinor,
          totals,
        },
      });
      await journal.append({ type: 'link-created', saleId: id, at, data: { link, adopted: false } });
      await journal.append({
        type: 'status-observed',
        saleId: id,
        at,
        data: { reference: link.reference, status: 'paid', providerStatus: 'PAID', amountMinor: totals.totalMinor, currency: 'SEK' },
      });
      const receipt = await service.receipt(id, false);
      expect(receipt.receipt.number).toBe(receiptsBefore + n);
    }
    expect(reads.count).toBe(1);
    expect((await service.ledger.current()).lastSeq).toBe(journal.seq);
  });

  it('start from the records parsed at start-up, without reading the file, and match a fresh rebuild', async () => {
    const plans = plansFor(60, 9);
    const { dir, journal } = await setup(plans);
    const startRecords = await journal.readAll();
    const { reads, readAll } = countFullReads(journal);
    const service = new BackOffice({ ...depsFor(dir, journal), startRecords });
    const ledger = await service.ledger.current();
    expect(reads.count).toBe(0);
    const fresh = buildLedger(await readAll());
    expect([...ledger.receipts.entries()]).toEqual([...fresh.receipts.entries()]);
    expect(ledger.entries).toEqual(fresh.entries);
    service.close();
    await expect(service.ledger.current()).rejects.toThrow(/closed/);
  });

  /** Three more sales paid and journaled, the way the checkout writes them. */
  async function payLate(journal: Journal, firstNumber: number, count = 3): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 1; n <= count; n++) {
      const id = `late-${firstNumber + n}`;
      const totals = priceCart(cartOf(1000 * n, 2500));
      const link = { reference: `LATE${firstNumber + n}`, url: `https://pay.example/late/${firstNumber + n}`, validTo: null };
      const at = new Date(Date.parse('2025-03-02T10:00:00.000Z') + n * 60_000).toISOString();
      await journal.append({
        type: 'sale-created',
        saleId: id,
        at,
        data: {
          number: firstNumber + n,
          orderReference: `LP-T-250302-${firstNumber + n}`,
          provider: 'ecster',
          demo: false,
          currency: 'SEK',
          amountMinor: totals.totalMinor,
          totals,
        },
      });
      await journal.append({ type: 'link-created', saleId: id, at, data: { link, adopted: false } });
      await journal.append({
        type: 'status-observed',
        saleId: id,
        at,
        data: { reference: link.reference, status: 'paid', providerStatus: 'PAID', amountMinor: totals.totalMinor, currency: 'SEK' },
      });
      ids.push(id);
    }
    return ids;
  }

  it("start from a checkpoint's ledger, keep the sales made before first use, and never read the whole file", async () => {
    const plans = plansFor(40, 11);
    const { dir, journal } = await setup(plans);
    const records = await journal.readAll();
    const anchorSeq = journal.seq;
    const load = (id: string) => foldSale(id, journal.readSale(id, anchorSeq));
    const summaries = [...replaySales(records).sales.values()].map(summarize);
    const startLedger = restoreLedger(snapshotLedger(buildLedger(records)), SaleTable.restore(summaries, load));
    const { reads, readAll } = countFullReads(journal);
    const service = new BackOffice({ ...depsFor(dir, journal), startLedger, startRecords: [] });
    const late = await payLate(journal, plans.length);
    const receipt = await service.receipt(late[2]!, false);
    expect(reads.count).toBe(0);
    const fresh = buildLedger(await readAll());
    expect(receipt.receipt.number).toBe(fresh.receipts.get(late[2]!)!.number);
    const ledger = await service.ledger.current();
    expect([...ledger.receipts.entries()].sort()).toEqual([...fresh.receipts.entries()].sort());
    expect(ledger.entries).toEqual(fresh.entries);
    service.close();
  });

  it('catch up after following fails on an old sale, without reading the file or going a record short', async () => {
    const plans = plansFor(20, 13);
    const { journal, service } = await setup(plans);
    const ledger = await service.ledger.current();
    const { reads, readAll } = countFullReads(journal);
    // The next old sale read back fails once (a read error of the file).
    failNextGet(ledger.sales, 'EIO');
    const late = await payLate(journal, plans.length, 2);
    const caughtUp = await service.ledger.current();
    const fresh = buildLedger(await readAll());
    expect(reads.count).toBe(0);
    expect(caughtUp.entries).toEqual(fresh.entries);
    for (const id of late) expect((await service.receipt(id, false)).receipt.number).toBe(fresh.receipts.get(id)!.number);
  });

  it('catch up from the file again after a first read that failed, with appends around it', async () => {
    const plans = plansFor(30, 3);
    const { journal, service } = await setup(plans);
    const readAll = journal.readAll.bind(journal);
    let failNext = true;
    journal.readAll = async () => {
      const records = await readAll();
      if (failNext) {
        failNext = false;
        throw new Error('EIO');
      }
      return records;
    };
    const append = (n: number) =>
      journal.append({
        type: 'resolved',
        saleId: `nobody-${n}`,
        at: new Date(Date.parse('2025-03-02T12:00:00.000Z') + n).toISOString(),
        data: { note: 'x' },
      });
    const first = service.ledger.current();
    await append(1); // queued behind the failing read
    await expect(first).rejects.toThrow('EIO');
    await append(2);
    const ledger = await service.ledger.current();
    const fresh = buildLedger(await readAll());
    expect(ledger.lastSeq).toBe(journal.seq);
    expect([...ledger.receipts.entries()]).toEqual([...fresh.receipts.entries()]);
    expect(ledger.entries).toEqual(fresh.entries);
  });

  it('exist only for paid sales', async () => {
    const plans = plansFor(20, 5);
    const { service } = await setup(plans);
    const notPaid = plans.findIndex((p) => p.outcome !== 'paid');
    await expect(service.receipt(`sale-${notPaid + 1}`, false)).rejects.toThrow('Only a paid sale has a receipt.');
    await expect(service.receipt('nope', false)).rejects.toThrow('There is no sale with that id.');
  });

  it('print to the printer from settings and pass the real reason on when printing fails', async () => {
    const plans: Plan[] = [{ demo: false, priceMinor: 1000, vatRate: 2500, outcome: 'paid' }];
    const { dir, journal } = await setup(plans);
    const requests: unknown[] = [];
    const output: ReceiptOutput = {
      print: (document, request) => {
        requests.push({ document, request });
        return Promise.reject(new OutputError(msg('printFailed'), 'The printer “TM-T20” did not print the receipt: out of paper.'));
      },
      pdf: () => Promise.resolve(new Uint8Array([1, 2, 3])),
    };
    const service = serviceFor(dir, journal, { settings: { receiptPrinter: 'TM-T20', paperWidthMm: 58 }, output });
    await expect(service.print({ kind: 'receipt', id: 'sale-1', copy: false })).rejects.toThrow('out of paper');
    expect(requests).toEqual([
      { document: { kind: 'receipt', id: 'sale-1', copy: false }, request: { deviceName: 'TM-T20', paperWidthMm: 58 } },
    ]);
    expect(await service.pdf({ kind: 'receipt', id: 'sale-1', copy: true })).toEqual({
      fileName: 'linkpos-receipt-1-copy.pdf',
      base64: 'AQID',
    });
  });

  it('print automatically once when a sale becomes paid if the setting asks, and show a failure as an alarm', async () => {
    const { dir, journal } = await setup([{ demo: false, priceMinor: 1000, vatRate: 2500, outcome: 'paid' }]);
    const events = new EventBus();
    const alarms: string[] = [];
    events.subscribe((name, payload) => {
      if (name === 'app:alarm') alarms.push((payload as { message: string }).message);
    });
    let prints = 0;
    const settings = { ...defaultSettings, autoPrintReceipt: true };
    const services = createBackOffice({
      dataDir: dir,
      journal,
      settings: { get: () => settings },
      activeProvider: () => ({ provider: { search: () => Promise.resolve([]) } }),
      events,
      output: {
        print: () => (prints++, Promise.reject(new OutputError(msg('printFailed'), 'Printer offline.'))),
        pdf: () => Promise.reject(new Error('no')),
      },
      log,
    });
    cleanups.push(() => Promise.resolve(services.stop()));
    const sale = await services.backOffice.sale('sale-1');
    events.emit('sale:changed', sale);
    events.emit('sale:changed', sale);
    await expect.poll(() => alarms).toEqual(['The receipt was not printed: Printer offline.']);
    expect(prints).toBe(1);
  });
});

describe('journal export', () => {
  it('gives the records of a date range as CSV and JSON with the chain verified', async () => {
    const { service, records } = await setup(plansFor(10, 2));
    const all = await service.exportJournal({}, 'json');
    expect(all.records).toBe(records);
    expect(all.verification).toEqual({ ok: true, records, firstBreakAt: null, problems: [] });
    const parsed = JSON.parse(all.text) as { records: { seq: number; hash: string; prev: string }[] };
    parsed.records.forEach((r, i) => i > 0 && expect(r.prev).toBe(parsed.records[i - 1]!.hash));

    const someTime = { from: '2025-03-01T08:00:05.000Z', to: '2025-03-01T08:00:10.000Z' };
    const csv = await service.exportJournal(someTime, 'csv');
    expect(csv.records).toBe(6);
    expect(csv.fileName).toBe('linkpos-journal-2025-03-01_2025-03-01.csv');
    const rows = csv.text.split('\r\n');
    expect(rows).toHaveLength(7);
    expect(rows[1]).toMatch(/^5,2025-03-01T08:00:05\.000Z,/);
  });

  it('reports a broken chain', async () => {
    const { dir, service } = await setup(plansFor(5, 2));
    const file = join(dir, JOURNAL_FILE);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"number":2', '"number":9'));
    const result = await service.exportJournal({}, 'csv');
    expect(result.verification.ok).toBe(false);
    expect(result.verification.firstBreakAt).toBeGreaterThan(1);
  });
});
