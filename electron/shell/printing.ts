import type { BrowserWindow, BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import type { Printable } from '../../shared/ipc/channels/history';
import { OutputError, printPageQuery, type PrintOutcome, type PrintRequest, type ReceiptOutput } from '../services/receipts/output';
import { buildWebPreferences } from '../security/web-preferences';
import { msg } from '../../shared/messages';

/**
 * The desktop app's ReceiptOutput: the renderer's own print page (receipt or report view) loaded
 * in a hidden window, then `webContents.print` to the receipt printer or `printToPDF`. Electron's
 * BrowserWindow is handed in by main.ts (only types are imported here), so this file adds no
 * module to the small set that loads electron.
 */
export interface ElectronPrintingOptions {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** The app page URL (app://linkpos/index.html or the dev server) the print query is added to. */
  pageUrl: string;
  preloadPath: string;
  isDev: boolean;
  /** How long the page may take to draw its data. */
  readyTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const MICRONS_PER_CSS_PX = 25_400 / 96;

export function printPageUrl(pageUrl: string, document: Printable): string {
  const url = new URL(pageUrl);
  for (const [key, value] of printPageQuery(document)) url.searchParams.set(key, value);
  return url.toString();
}

export function createElectronReceiptOutput(options: ElectronPrintingOptions): ReceiptOutput {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.readyTimeoutMs ?? 10_000;

  /** Opens the print page hidden and waits until it says it has drawn (or why it could not). */
  async function openPage(document: Printable, paperWidthMm: number): Promise<BrowserWindow> {
    const window = new options.BrowserWindow({
      show: false,
      width: Math.round((paperWidthMm / 25.4) * 96),
      height: 800,
      webPreferences: buildWebPreferences({ preloadPath: options.preloadPath, isDev: options.isDev }),
    });
    try {
      await window.loadURL(printPageUrl(options.pageUrl, document));
      for (let waited = 0; ; waited += 50) {
        const state = (await window.webContents.executeJavaScript(
          'JSON.stringify({ ready: document.documentElement.dataset.printReady ?? null, error: document.documentElement.dataset.printError ?? null })',
        )) as string;
        const { ready, error } = JSON.parse(state) as { ready: string | null; error: string | null };
        if (error) throw new OutputError(msg('printPrepareFailed'), error);
        if (ready) return window;
        if (waited >= timeoutMs) throw new OutputError(msg('printPrepareTimeout'));
        await sleep(50);
      }
    } catch (error) {
      window.destroy();
      if (error instanceof OutputError) throw error;
      throw new OutputError(
        msg('printPrepareFailed'),
        `The receipt could not be prepared for printing: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async function pageHeightMicrons(window: BrowserWindow): Promise<number> {
    const px = Number(await window.webContents.executeJavaScript('document.documentElement.scrollHeight'));
    return Math.max(50_000, Math.ceil((Number.isFinite(px) ? px : 800) * MICRONS_PER_CSS_PX));
  }

  return {
    async print(document: Printable, request: PrintRequest): Promise<PrintOutcome> {
      const window = await openPage(document, request.paperWidthMm);
      try {
        const printers = await window.webContents.getPrintersAsync();
        // No printer chosen, or the chosen one is gone: the dialog lets the clerk pick one rather
        // than the job vanishing into a queue that does not exist.
        const found = request.deviceName !== '' && printers.some((p) => p.name === request.deviceName);
        const printOptions: WebContentsPrintOptions = {
          silent: found,
          printBackground: true,
          margins: { marginType: 'none' },
          pageSize: { width: request.paperWidthMm * 1000, height: await pageHeightMicrons(window) },
          ...(found ? { deviceName: request.deviceName } : {}),
        };
        const result = await new Promise<{ success: boolean; failureReason: string }>((resolve) => {
          window.webContents.print(printOptions, (success, failureReason) => resolve({ success, failureReason }));
        });
        if (!result.success) {
          if (result.failureReason === 'cancelled') return { printed: false, printer: found ? request.deviceName : '', dialog: !found };
          const where = found ? `The printer “${request.deviceName}”` : 'The printer';
          // The printer's own reason is system text: the English message keeps it for the log and support.
          const l10n = found ? msg('printPrinterFailed', { printer: request.deviceName }) : msg('printFailed');
          throw new OutputError(l10n, `${where} did not print the receipt: ${result.failureReason || 'no reason given'}.`);
        }
        return { printed: true, printer: found ? request.deviceName : '', dialog: !found };
      } finally {
        window.destroy();
      }
    },

    async pdf(document: Printable, request): Promise<Uint8Array> {
      const window = await openPage(document, request.paperWidthMm);
      try {
        // The page sizes itself with @page (roll width × its own height), so the PDF is one strip.
        const data = await window.webContents.printToPDF({
          printBackground: true,
          preferCSSPageSize: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        });
        return new Uint8Array(data);
      } catch (error) {
        throw new OutputError(msg('pdfNotMade'), `The PDF could not be made: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        window.destroy();
      }
    },
  };
}
