import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { CashDrawer } from '../../../../electron/services/drawer/cash-drawer';
import { DRAWER_OPENED_RECORD_TYPE } from '../../../../electron/services/drawer/drawer-record';
import { ThermalPrinter } from '../../../../electron/services/printing/service';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import { FakeEscPosPrinter } from '../../../support/fake-printer';
import { sampleReceipt, sampleReport } from '../../../support/receipts';
import { recordingLogger, tempDir } from '../journal/helpers';
import { cartOf } from '../sales/world';
import { sandboxService, type SandboxService } from '../sales/sandbox-service';

/**
 * The cash drawer (#18, #20) through the real checkout, journal and print queue, against the
 * provider sandbox and a fake ESC/POS printer: opened for a cash sale only, journaled first, and
 * opened without a sale on request.
 */

let sandbox: Sandbox;
let printer: FakeEscPosPrinter;
let settings: Settings;
let open: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', routes: sandboxRoutes(providers) });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  printer = await FakeEscPosPrinter.start();
  settings = {
    ...defaultSettings,
    receiptPrinterKind: 'escpos-network',
    escposPrinter: { host: '127.0.0.1', port: printer.port, columns80: 48, openDrawer: true, logo: false, qrCode: false, cupsPrinter: '' },
  };
});
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
  sandbox.setFaults([]);
  await printer.close();
});

let tills = 0;

async function till(dir?: string) {
  const s: SandboxService = await sandboxService(sandbox, { otherTenders: true, tillId: `DR${++tills}`, ...(dir ? { dir } : {}) });
  const thermal = await ThermalPrinter.open({
    dataDir: dir ?? (await tempDir()).dir,
    settings: () => settings,
    receipt: () => Promise.resolve(sampleReceipt()),
    report: () => Promise.resolve(sampleReport('x')),
    events: { emit: () => undefined },
    log: recordingLogger(),
    now: () => new Date(),
    alarm: () => undefined,
    queue: { retryMs: 10, ackPollMs: 20, timeouts: { connectMs: 1000, answerMs: 1000 } },
  });
  const drawer = new CashDrawer(
    {
      journal: s.journal,
      forCashPayments: () => settings.escposPrinter.openDrawer,
      printer: { ready: () => thermal.address() !== null, kick: (seq) => thermal.kickDrawer(seq) },
      log: s.log,
      now: () => new Date(),
    },
    s.opened.records,
  );
  const closeAll = async () => {
    await drawer.idle();
    drawer.close();
    await thermal.close();
    await s.close();
  };
  open.push({ close: closeAll });
  const settled = async () => {
    await drawer.idle();
    await until(() => thermal.state().queued === 0);
  };
  return { s, thermal, drawer, settled };
}

async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A sale the provider refuses (no link), then paid another way. */
async function paidOtherwise(s: SandboxService, tender: { kind: 'cash'; givenMinor: number } | { kind: 'terminal'; reference: string }) {
  sandbox.setFaults([{ kind: 'error', status: 503 }]);
  await expect(s.service.charge(cartOf(2_000))).rejects.toMatchObject({ kind: 'unavailable' });
  sandbox.setFaults([]);
  const failed = s.service
    .list()
    .filter((sale) => sale.state === 'failed')
    .sort((a, b) => b.number - a.number)[0]!;
  const paid = await s.service.payOtherwise(failed.id, tender);
  expect(paid).toMatchObject({ state: 'paid', tender: { kind: tender.kind } });
  return paid;
}

const drawerRecords = async (s: SandboxService) => (await s.journal.readAll()).filter((r) => r.type === DRAWER_OPENED_RECORD_TYPE);

describe('the cash drawer for cash payments', () => {
  it('journals the opening with the sale, then kicks the drawer once, without printing a receipt', async () => {
    const { s, settled } = await till();
    const paid = await paidOtherwise(s, { kind: 'cash', givenMinor: 5_000 });
    await settled();
    const records = await drawerRecords(s);
    expect(records.map((r) => [r.saleId, r.data])).toEqual([[paid.id, { reason: 'cash-sale' }]]);
    const tenderSeq = (await s.journal.readAll()).find((r) => r.saleId === paid.id && r.type === 'tender-recorded')!.seq;
    expect(records[0]!.seq).toBeGreaterThan(tenderSeq);
    expect(printer.decoded().drawerPulses).toBe(1);
    // A kick only: nothing printed, nothing cut.
    expect(printer.cutSlips()).toEqual([]);
    // The sale machine passes the record over: the journal still replays without a problem.
    expect(replaySales(await s.journal.readAll()).problems).toEqual([]);
  });

  it('opens no drawer for a card terminal payment, nor for a cash one when the setting is off', async () => {
    const { s, settled } = await till();
    await paidOtherwise(s, { kind: 'terminal', reference: 'AUTH 1' });
    settings = { ...settings, escposPrinter: { ...settings.escposPrinter, openDrawer: false } };
    const cash = await paidOtherwise(s, { kind: 'cash', givenMinor: 2_000 });
    await settled();
    expect(await drawerRecords(s)).toEqual([]);
    expect(printer.decoded().drawerPulses).toBe(0);
    // Turned on again, the next cash sale opens it: only that one.
    settings = { ...settings, escposPrinter: { ...settings.escposPrinter, openDrawer: true } };
    const next = await paidOtherwise(s, { kind: 'cash', givenMinor: 2_000 });
    await settled();
    expect((await drawerRecords(s)).map((r) => r.saleId)).toEqual([next.id]);
    expect(next.id).not.toBe(cash.id);
    expect(printer.decoded().drawerPulses).toBe(1);
  });

  it('opens no drawer and journals nothing for a cash sale when no ESC/POS printer is set', async () => {
    settings = { ...settings, receiptPrinterKind: 'system' };
    const { s, settled } = await till();
    await paidOtherwise(s, { kind: 'cash', givenMinor: 2_000 });
    await settled();
    expect(await drawerRecords(s)).toEqual([]);
  });

  it('never sends a kick again that may have reached the printer when the app stopped', async () => {
    const { dir } = await tempDir();
    open.push({ close: () => Promise.resolve() });
    await writeFile(
      join(dir, 'print-queue.json'),
      JSON.stringify({
        version: 1,
        jobs: [
          { id: 'k1', document: { kind: 'drawer-kick', seq: 7 }, queuedAt: new Date().toISOString(), sending: true, unconfirmed: false },
        ],
      }),
    );
    const { settled } = await till(dir);
    await settled();
    expect(printer.decoded().drawerPulses).toBe(0);
  });
});

describe('opening the drawer without a sale', () => {
  it('journals who opened it with reason no-sale, then kicks the drawer', async () => {
    const { s, drawer, settled } = await till();
    const opened = await drawer.openWithoutSale({ id: 'm1', name: 'Maja' });
    await settled();
    const records = await drawerRecords(s);
    expect(records.map((r) => [r.seq, r.data])).toEqual([[opened.seq, { reason: 'no-sale', by: { id: 'm1', name: 'Maja' } }]]);
    expect(printer.decoded().drawerPulses).toBe(1);
  });

  it('is refused with a clear message when no ESC/POS printer is set', async () => {
    settings = { ...settings, receiptPrinterKind: 'system' };
    const { s, drawer } = await till();
    await expect(drawer.openWithoutSale(null)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'drawerNoPrinter' } });
    expect(await drawerRecords(s)).toEqual([]);
  });
});
