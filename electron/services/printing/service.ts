import path from 'node:path';
import type { Receipt } from '../../../shared/domain/receipt';
import type { Report } from '../../../shared/domain/report';
import type { Printable } from '../../../shared/ipc/channels/history';
import type { Settings } from '../../../shared/domain/settings';
import type { Paper, PrinterState } from '../../../shared/ipc/channels/printer';
import { localizedText, msg, type LocalizedText } from '../../../shared/messages';
import { DomainError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import type { PrintOutcome } from '../receipts/output';
import type { PrinterAddress } from './connection';
import { encodeDrawerKick, encodeReceipt, encodeReport, encodeTestPage, slipColumns } from './escpos';
import { PrintQueue, type CopyOptions, type CupsQueue, type PrintDocument, type PrintQueueDeps, type PrintQueueState } from './print-queue';
import { listCupsPrinters, printRaw, type RunCommand } from './cups';
import { printOnce } from './test-page';
import { receiptLanguage } from '../../../shared/receipt-words';
import { LogoStore, LogoUnreadable, type LogoImage } from './logo';

/**
 * The network ESC/POS receipt printer as the rest of the app sees it: receipts go into the
 * durable queue (print-queue.ts) and print in the background; the clerk is told the printer's
 * condition through `printer:changed`; the settings' test page goes straight to the printer.
 */
export interface ThermalPrinterDeps {
  dataDir: string;
  settings: () => Settings;
  /** The receipt of a paid sale, or with `refund` that refund's receipt (the back office's, from the journal). */
  receipt: (saleId: string, copy: boolean, refund?: number) => Promise<Receipt>;
  /** An X report up to a journal record, or a saved Z report (the back office's). */
  report: (document: Extract<PrintDocument, { kind: 'x-report' | 'z-report' }>) => Promise<Report>;
  events: Pick<EventBus, 'emit'>;
  log: Logger;
  now: () => Date;
  /** A queued receipt that could not be made (its sale is gone): the clerk is told. */
  alarm: (text: LocalizedText) => void;
  /**
   * Makes a copy of a receipt before the queue prints one on its own (an original whose delivery
   * was not acknowledged): on a Swedish till the control unit signs it as the receipt's one copy
   * (the back office's `makeCopy`). Throws a DomainError when no copy may be made yet or at all.
   * `resume`: the job's intent was on disk when the till stopped (print-queue.ts `CopyOptions`).
   */
  makeCopy?: (saleId: string, refund: number | undefined, options: CopyOptions) => Promise<void>;
  /**
   * A Z report the queue prints again on its own (its delivery was not acknowledged): on a Swedish
   * till a copy, journaled as one (the back office's `zReprint`); answers whether it is a copy.
   */
  zReprint?: (number: number) => Promise<boolean>;
  /** Test seams: the queue's timings and how a CUPS job is handed over. */
  queue?: Pick<PrintQueueDeps, 'retryMs' | 'ackPollMs' | 'ackTimeoutMs' | 'timeouts' | 'printRaw'>;
  /** Test seam: how `lpstat` (and, for the test page, `lp`) is run. */
  runCommand?: RunCommand;
  /**
   * Demo mode's virtual printer (sandbox/virtual-printer/): where it listens, and what it printed.
   * Receipts reach it through the queue and the connection code a network printer's go through.
   */
  virtualPrinter?: { address: () => PrinterAddress; papers: () => Promise<Paper[]> };
}

export type PrinterChannel = 'printer:status' | 'printer:testPage' | 'printer:setLogo' | 'printer:osPrinters' | 'printer:paperRoll';

/** The queue's name for a printable document (a receipt by its sale's id). */
export function toPrintDocument(document: Printable): PrintDocument {
  if (document.kind !== 'receipt') return document;
  return {
    kind: 'receipt',
    saleId: document.id,
    copy: document.copy,
    ...(document.refund !== undefined ? { refund: document.refund } : {}),
  };
}

/** An IPv6 address may be typed in brackets, as in a URL; the socket wants it bare. */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

export function printerAddressText(address: PrinterAddress | CupsQueue): string {
  if ('cups' in address) return address.cups;
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

export class ThermalPrinter {
  private constructor(
    private readonly deps: ThermalPrinterDeps,
    private readonly queue: PrintQueue,
    private readonly logos: LogoStore,
    private logo: LogoImage | null,
  ) {}

  static async open(deps: ThermalPrinterDeps): Promise<ThermalPrinter> {
    let printer: ThermalPrinter | null = null;
    const { makeCopy, zReprint } = deps;
    const logos = new LogoStore(deps.dataDir);
    const queue = await PrintQueue.open({
      file: path.join(deps.dataDir, 'print-queue.json'),
      printer: () => printer?.address() ?? null,
      render: async (document) => {
        const settings = deps.settings();
        const options = {
          columns: slipColumns(settings.paperWidthMm, settings.escposPrinter.columns80),
          language: settings.uiLanguage,
        };
        // The logo and the QR code are a receipt's (a refund receipt's too), not a report's.
        const extras = {
          logo: settings.escposPrinter.logo ? (printer?.logo ?? null) : null,
          qrCode: settings.escposPrinter.qrCode,
        };
        switch (document.kind) {
          case 'test-page':
            return encodeTestPage({ address: printerAddressText(printer!.address()!), paperWidthMm: settings.paperWidthMm }, options);
          case 'drawer-kick':
            return encodeDrawerKick();
          case 'receipt': {
            const receipt = await deps.receipt(document.saleId, document.copy, document.refund);
            return encodeReceipt(receipt, { ...options, ...extras, language: receiptLanguage(receipt, options.language) });
          }
          default:
            return encodeReport(await deps.report(document), {
              ...options,
              shopName: settings.shop.name,
              copy: document.kind === 'z-report' && document.copy === true,
            });
        }
      },
      log: deps.log,
      now: deps.now,
      onChange: (state) => printer?.announce(state),
      makeCopy: async (document, options) => {
        if (document.kind === 'receipt') return makeCopy?.(document.saleId, document.refund, options);
        return (await zReprint?.(document.number)) ?? false;
      },
      onDropped: (job, error) => {
        const l10n = error instanceof DomainError ? error.l10n : null;
        // A copy waiting for the control unit prints when the unit signs it; the unit's alarm is up.
        if (l10n?.key === 'receiptWaitingForControlUnit') return;
        if (l10n?.key === 'receiptCopyAlreadyMade' && job.document.kind === 'receipt') {
          deps.alarm(localizedText(msg('printerReprintNoCopy')));
          return;
        }
        deps.alarm(localizedText(msg('printerJobDropped')));
      },
      ...deps.queue,
    });
    printer = new ThermalPrinter(deps, queue, logos, await logos.read());
    // Receipts left from the last run print as soon as the printer answers.
    queue.wake();
    return printer;
  }

  /** True when receipts go to an ESC/POS printer LinkPOS speaks to itself (network, CUPS in raw mode, or the demo's virtual one). */
  enabled(): boolean {
    return this.deps.settings().receiptPrinterKind !== 'system';
  }

  /** The network printer, CUPS queue or virtual printer set in Settings, or null. */
  address(): PrinterAddress | CupsQueue | null {
    const settings = this.deps.settings();
    if (settings.receiptPrinterKind === 'escpos-virtual') return this.deps.virtualPrinter?.address() ?? null;
    if (settings.receiptPrinterKind === 'escpos-cups')
      return settings.escposPrinter.cupsPrinter === '' ? null : { cups: settings.escposPrinter.cupsPrinter };
    if (settings.receiptPrinterKind !== 'escpos-network' || settings.escposPrinter.host === '') return null;
    return { host: bareHost(settings.escposPrinter.host), port: settings.escposPrinter.port };
  }

  /** Queues a receipt; resolves once it is on disk, before it prints. */
  printReceipt(saleId: string, copy: boolean): Promise<PrintOutcome> {
    return this.print({ kind: 'receipt', id: saleId, copy });
  }

  /**
   * Queues a receipt, a refund receipt or an X or Z report; resolves once it is on disk, before
   * it prints. The clerk goes on while it prints.
   */
  async print(document: Printable): Promise<PrintOutcome> {
    const address = this.address();
    if (!address) throw new DomainError('conflict', msg('printerNotSet'));
    await this.queue.enqueue(toPrintDocument(document));
    return { printed: false, queued: true, printer: printerAddressText(address), dialog: false };
  }

  /**
   * Queues a copy of a receipt the clerk asked for, and makes the copy (`makeCopy`) once the job is
   * on disk: a stop between the two finishes it at the next start. Throws when no copy may be made.
   */
  async printCopy(document: Extract<Printable, { kind: 'receipt' }>): Promise<PrintOutcome> {
    const address = this.address();
    if (!address) throw new DomainError('conflict', msg('printerNotSet'));
    const queued = toPrintDocument(document);
    if (queued.kind !== 'receipt') throw new Error('unreachable: a receipt is queued as a receipt');
    await this.queue.enqueueCopy(queued);
    return { printed: false, queued: true, printer: printerAddressText(address), dialog: false };
  }

  /**
   * Queues a cash drawer kick (the drawer hangs on the printer's kick-out connector), named by its
   * journal record; resolves once it is on disk. The receipts themselves never open the drawer.
   */
  async kickDrawer(seq: number): Promise<void> {
    if (!this.address()) throw new DomainError('conflict', msg('drawerNoPrinter'));
    await this.queue.enqueue({ kind: 'drawer-kick', seq });
  }

  state(): PrinterState {
    const { status, queued } = this.queue.state();
    const logo = this.logo ? { width: this.logo.width, height: this.logo.height } : null;
    return { kind: this.deps.settings().receiptPrinterKind, condition: status.condition, paperNearEnd: status.paperNearEnd, queued, logo };
  }

  handlers(): Pick<Handlers, PrinterChannel> {
    return {
      'printer:status': () => Promise.resolve(this.state()),
      'printer:osPrinters': () => listCupsPrinters(this.deps.runCommand),
      'printer:setLogo': async ({ pngBase64 }) => {
        if (pngBase64 === null) {
          await this.logos.remove();
          this.logo = null;
        } else {
          try {
            this.logo = await this.logos.save(Buffer.from(pngBase64, 'base64'));
          } catch (error) {
            if (error instanceof LogoUnreadable) throw new DomainError('rejected', msg('printerLogoUnreadable'), error.message);
            throw error;
          }
        }
        return this.state();
      },
      'printer:paperRoll': async () => ({ papers: (await this.deps.virtualPrinter?.papers()) ?? [] }),
      'printer:testPage': async (input) => {
        const target: PrinterAddress | CupsQueue | null =
          'cupsPrinter' in input
            ? { cups: input.cupsPrinter }
            : 'virtual' in input
              ? (this.deps.virtualPrinter?.address() ?? null)
              : { host: bareHost(input.host), port: input.port };
        if (!target) return { printed: false, condition: 'unreachable' as const };
        const bytes = encodeTestPage(
          { address: printerAddressText(target), paperWidthMm: input.paperWidthMm },
          { columns: slipColumns(input.paperWidthMm, input.columns80), language: this.deps.settings().uiLanguage },
        );
        if ('cups' in target) return this.testPageThroughCups(target.cups, bytes);
        return printOnce(target, bytes, this.deps.queue?.timeouts ? { timeouts: this.deps.queue.timeouts } : {});
      },
    };
  }

  /**
   * A CUPS queue's test page: handed to `lp` as a raw job, once. CUPS taking it is all that can be
   * known (it reads no paper or cover), so a job `lp` refuses is "unreachable".
   */
  private async testPageThroughCups(printer: string, bytes: Uint8Array): Promise<{ printed: boolean; condition: 'ready' | 'unreachable' }> {
    try {
      await (this.deps.queue?.printRaw ?? ((name: string, raw: Uint8Array) => printRaw(name, raw, this.deps.runCommand)))(printer, bytes);
      return { printed: true, condition: 'ready' };
    } catch (error) {
      this.deps.log.warn('printing: CUPS did not take the test page', { error });
      return { printed: false, condition: 'unreachable' };
    }
  }

  /** Tries the queue now (the clerk changed the printer settings). */
  wake(): void {
    this.queue.wake();
  }

  async close(): Promise<void> {
    this.queue.close();
    await this.queue.idle();
  }

  private announce(_state: PrintQueueState): void {
    try {
      this.deps.events.emit('printer:changed', this.state());
    } catch (error) {
      this.deps.log.error('printing: could not tell the clerk about the printer', { error });
    }
  }
}
