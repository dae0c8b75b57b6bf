import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import type { PrinterState } from '../../../../shared/ipc/channels/printer';
import type { LocalizedText } from '../../../../shared/messages';
import { DomainError } from '../../../../electron/services/errors';
import { ThermalPrinter } from '../../../../electron/services/printing/service';
import { FakeEscPosPrinter } from '../../../support/fake-printer';
import { sampleReceipt, sampleRefundReceipt, sampleReport } from '../../../support/receipts';
import { recordingLogger } from '../journal/helpers';
import { PNG } from 'pngjs';

let printer: FakeEscPosPrinter;
let thermal: ThermalPrinter | null;
let settings: Settings;
let changes: PrinterState[];
let alarms: LocalizedText[];

beforeEach(async () => {
  printer = await FakeEscPosPrinter.start();
  settings = {
    ...defaultSettings,
    uiLanguage: 'nb',
    receiptPrinterKind: 'escpos-network',
    escposPrinter: { host: '127.0.0.1', port: printer.port, columns80: 42, openDrawer: true, logo: false, qrCode: false, cupsPrinter: '' },
  };
  changes = [];
  alarms = [];
  thermal = null;
});

afterEach(async () => {
  await thermal?.close();
  await printer.close();
});

async function open(): Promise<ThermalPrinter> {
  thermal = await ThermalPrinter.open({
    dataDir: mkdtempSync(join(tmpdir(), 'linkpos-thermal-')),
    settings: () => settings,
    receipt: (saleId, copy, refund) =>
      saleId === 'sale-1'
        ? Promise.resolve(refund === 1 ? sampleRefundReceipt() : sampleReceipt({ copy }))
        : Promise.reject(new Error('no such sale')),
    report: (document) => Promise.resolve(sampleReport(document.kind === 'z-report' ? 'z' : 'x')),
    events: { emit: (_name, payload) => changes.push(payload as PrinterState) },
    log: recordingLogger(),
    now: () => new Date(),
    alarm: (text) => alarms.push(text),
    queue: { retryMs: 10, ackPollMs: 20, timeouts: { connectMs: 1000, answerMs: 1000 } },
  });
  return thermal;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('ThermalPrinter', () => {
  it('queues a receipt, answers at once, and prints it in the clerk’s language; a receipt opens no drawer (a cash payment does, see drawer/)', async () => {
    const service = await open();
    const outcome = await service.printReceipt('sale-1', false);
    expect(outcome).toEqual({ printed: false, queued: true, printer: `127.0.0.1:${printer.port}`, dialog: false });
    await until(() => printer.cutSlips().length === 1);
    expect(printer.cutSlips()[0]!.map((l) => l.trim())).toContain('Kvittering 3');
    expect(printer.decoded().drawerPulses).toBe(0);
    for (const line of printer.cutSlips()[0]!) expect(line.length).toBeLessThanOrEqual(42);
  });

  it('queues a refund receipt, a Z report and a drawer kick behind the receipt, and sends them in order', async () => {
    const service = await open();
    await service.print({ kind: 'receipt', id: 'sale-1', copy: false });
    await service.print({ kind: 'receipt', id: 'sale-1', copy: false, refund: 1 });
    await service.print({ kind: 'z-report', number: 4 });
    await service.kickDrawer(9);
    await until(() => service.state().queued === 0);
    const [receipt, refund, report] = printer.cutSlips().map((slip) => slip.map((l) => l.trim()));
    expect(receipt).toContain('Kvittering 3');
    expect(refund).toContain('Refusjonskvittering 2');
    expect(refund).toContain('Refusjon av kvittering 3');
    expect(report).toContain('Z-rapport 4');
    expect(printer.decoded().drawerPulses).toBe(1);
  });

  it('prints a Swedish Z report’s reprint with KOPIA at double size, top and foot, and the original without', async () => {
    const report = sampleReport('z');
    const swedish = {
      ...report,
      sweden: {
        organisationNumber: '556036-0793',
        tillDesignation: 'Kassa 1',
        modelDesignation: 'LinkPOS SE',
        floatMinor: 0,
        copies: { count: 0, amountMinor: 0 },
        grandTotals: [],
      },
    };
    thermal = await ThermalPrinter.open({
      dataDir: mkdtempSync(join(tmpdir(), 'linkpos-thermal-')),
      settings: () => settings,
      receipt: () => Promise.reject(new Error('no receipts here')),
      report: () => Promise.resolve(swedish),
      events: { emit: () => undefined },
      log: recordingLogger(),
      now: () => new Date(),
      alarm: (text) => alarms.push(text),
      queue: { retryMs: 10, ackPollMs: 20, timeouts: { connectMs: 1000, answerMs: 1000 } },
    });
    await thermal.print({ kind: 'z-report', number: 4 });
    await thermal.print({ kind: 'z-report', number: 4, copy: true });
    await until(() => printer.cutSlips().length === 2);
    const [original, copy] = printer.cutSlips().map((slip) => slip.map((l) => l.trim()));
    expect(original).not.toContain('KOPIA');
    expect(copy![0]).toBe('KOPIA');
    expect(copy!.filter((l) => l === 'KOPIA')).toHaveLength(2);
    expect(printer.decoded().largeLines).toEqual([
      { text: 'KOPIA', width: 2, height: 2 },
      { text: 'KOPIA', width: 2, height: 2 },
    ]);
  });

  it('keeps a chosen PNG as the logo, made to fit the paper, and prints it with a QR code of the receipt number when Settings say so', async () => {
    const service = await open();
    const setLogo = service.handlers()['printer:setLogo'];
    const png = new PNG({ width: 1200, height: 300 });
    png.data.fill(0); // black, opaque where alpha is set below
    for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
    const state = await setLogo({ pngBase64: PNG.sync.write(png).toString('base64') });
    expect(state.logo).toEqual({ width: 576, height: 144 });
    // Off by default: the slip has neither.
    await service.printReceipt('sale-1', false);
    await until(() => printer.cutSlips().length === 1);
    expect(printer.decoded().images).toEqual([]);
    settings = { ...settings, escposPrinter: { ...settings.escposPrinter, logo: true, qrCode: true } };
    await service.printReceipt('sale-1', true);
    await until(() => printer.cutSlips().length === 2);
    const decoded = printer.decoded();
    expect(decoded.images.length).toBeGreaterThan(0);
    // 42 columns on 80 mm: 504 dots across at most; the logo is all black.
    expect(decoded.images.every((i) => i.slip === 1 && i.width === 504 && i.black === i.width * i.height)).toBe(true);
    expect(decoded.qrCodes.map((q) => q.data)).toEqual(['R3']);
    expect(printer.cutSlips()[1]!.map((l) => l.trim())).toContain('Kvittering 3');
    // A reopened printer still has it; removed, it is gone.
    expect((await service.handlers()['printer:status']()).logo).toEqual({ width: 576, height: 144 });
    expect((await setLogo({ pngBase64: null })).logo).toBeNull();
  });

  it('refuses a logo that is not a PNG, with a sentence for the clerk', async () => {
    const service = await open();
    await expect(
      service.handlers()['printer:setLogo']({ pngBase64: Buffer.from('GIF89a not a png').toString('base64') }),
    ).rejects.toMatchObject({
      kind: 'rejected',
      l10n: { key: 'printerLogoUnreadable' },
    });
    expect(service.state().logo).toBeNull();
  });

  it('tells the clerk when the paper runs out and when it is back', async () => {
    printer.setPaperOut(true);
    const service = await open();
    await service.printReceipt('sale-1', false);
    await until(() => changes.some((c) => c.condition === 'paper-out'));
    expect(service.state()).toEqual({ kind: 'escpos-network', condition: 'paper-out', paperNearEnd: false, queued: 1, logo: null });
    printer.setPaperOut(false);
    await until(() => changes.some((c) => c.condition === 'ready' && c.queued === 0));
  });

  it('refuses to queue when no network printer is set, with a sentence for the clerk', async () => {
    settings = { ...settings, receiptPrinterKind: 'system' };
    const service = await open();
    expect(service.enabled()).toBe(false);
    await expect(service.printReceipt('sale-1', false)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'printerNotSet' } });
    await expect(service.printReceipt('sale-1', false)).rejects.toBeInstanceOf(DomainError);
  });

  it('tells the clerk of a queued receipt whose sale cannot be read, and goes on', async () => {
    const service = await open();
    await service.printReceipt('gone', false);
    await service.printReceipt('sale-1', false);
    await until(() => printer.cutSlips().length === 1);
    expect(alarms.map((a) => a.key)).toEqual(['printerJobDropped']);
  });

  it('prints the test page for the printer in the form, and says why not when it cannot', async () => {
    const service = await open();
    const testPage = service.handlers()['printer:testPage'];
    const input = { host: '127.0.0.1', port: printer.port, paperWidthMm: 58 as const, columns80: 48 as const };
    expect(await testPage(input)).toEqual({ printed: true, condition: 'ready' });
    expect(printer.cutSlips()[0]![0]!.trim()).toBe('LinkPOS testside');
    printer.setCoverOpen(true);
    expect(await testPage(input)).toEqual({ printed: false, condition: 'cover-open' });
    await printer.close();
    expect(await testPage(input)).toEqual({ printed: false, condition: 'unreachable' });
    printer = await FakeEscPosPrinter.start();
  });
});
