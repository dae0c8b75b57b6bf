/**
 * Printing — how measured: a web host (real services, built renderer) set to a network ESC/POS
 * printer, the fake printer from the tests (a TCP server on loopback) standing in for a TM-m30.
 * Each sample is a demo sale paid through the sandbox (`sale:demoCustomer`); once it is Paid,
 * `printout:print` is called as the Paid screen's button does, and the figure is the time from that
 * call to the receipt's first byte at the printer (the status query before it included). In the
 * same run, the same receipt is made as a PDF (`printout:pdf`: headless Chromium loading the print
 * page), today's way out of the web host: the baseline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCustomItem, emptyCart } from '../shared/domain/cart';
import type { SaleView } from '../shared/domain/sale';
import type { Settings } from '../shared/domain/settings';
import { FakeEscPosPrinter } from '../test/support/fake-printer';
import { round1, type BenchResult } from './lib/figure';
import { percentile, summarize } from './lib/stats';
import { startHost } from './lib/web-host';

/** DLE EOT 1, 2 and 4: what LinkPOS asks before sending a receipt. */
const STATUS_QUERY_BYTES = 9;

export async function benchPrint(samples: number): Promise<BenchResult> {
  const printer = await FakeEscPosPrinter.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'linkpos-bench-print-'));
  const host = await startHost(dataDir);
  const firstByte: number[] = [];
  const pdf: number[] = [];
  try {
    const settings = await host.call<Settings>('settings:get');
    await host.call('settings:save', {
      settings: {
        ...settings,
        receiptPrinterKind: 'escpos-network',
        escposPrinter: { ...settings.escposPrinter, host: '127.0.0.1', port: printer.port },
      },
    });
    for (let index = 0; index < samples; index++) {
      const cart = addCustomItem(emptyCart('SEK'), { name: 'Bench item', priceMinor: 10_000 + index, vatRate: 2500 });
      const sale = await host.call<SaleView>('sale:charge', { cart });
      await host.call('sale:demoCustomer', { id: sale.id, action: 'pay' });
      while ((await host.call<SaleView>('sale:checkNow', { id: sale.id })).state !== 'paid')
        await new Promise((resolve) => setTimeout(resolve, 50));
      const document = { kind: 'receipt', id: sale.id, copy: false };

      const arrived = printer.whenReceived(printer.received.length + STATUS_QUERY_BYTES + 1);
      const started = performance.now();
      await host.call('printout:print', { document });
      firstByte.push((await arrived) - started);
      while (printer.cutSlips().length < index + 1) await new Promise((resolve) => setTimeout(resolve, 10));

      const pdfStarted = performance.now();
      await host.call('printout:pdf', { document });
      pdf.push(performance.now() - pdfStarted);
    }
  } finally {
    await host.stop();
    await printer.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const pdfP95 = round1(percentile(pdf, 95));
  return {
    figures: [
      {
        id: 'print.escpos.firstByte.p95',
        name: 'Paid → first receipt byte at a network ESC/POS printer (p95)',
        value: round1(percentile(firstByte, 95)),
        unit: 'ms',
        baseline: pdfP95,
        note: 'baseline: Paid → receipt PDF (headless Chromium)',
      },
      { id: 'print.pdf.p95', name: 'Paid → receipt PDF, headless Chromium (p95)', value: pdfP95, unit: 'ms' },
    ],
    details: { samples, firstByte: summarize(firstByte), pdf: summarize(pdf) },
  };
}
