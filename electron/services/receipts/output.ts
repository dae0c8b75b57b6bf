import type { PaperWidthMm } from '../../../shared/domain/receipt';
import type { Printable } from '../../../shared/ipc/channels/history';
import { LocalizedError, msg } from '../../../shared/messages';

/**
 * The port through which receipts and reports leave the app. Each shell implements it by loading
 * the one print page (the renderer's receipt or report view) in a browser it controls: a hidden
 * Electron window in the desktop app, headless Chromium in the web host.
 */
export interface PrintRequest {
  /** The printer chosen in settings; empty means "ask with the print dialog". */
  deviceName: string;
  paperWidthMm: PaperWidthMm;
}

export interface PrintOutcome {
  /** False when the clerk closed the print dialog without printing. */
  printed: boolean;
  /** The printer used (empty when the dialog chose it). */
  printer: string;
  /** The print dialog was shown (no printer set, or the chosen one is missing). */
  dialog: boolean;
  /** Handed to the network printer's queue: it prints in the background (printed is false). */
  queued?: boolean;
}

export interface ReceiptOutput {
  print(document: Printable, request: PrintRequest): Promise<PrintOutcome>;
  pdf(document: Printable, request: Pick<PrintRequest, 'paperWidthMm'>): Promise<Uint8Array>;
}

/** Thrown by an output with a sentence for the clerk: the real reason printing failed. */
export class OutputError extends LocalizedError {
  override readonly name = 'OutputError';
}

export const PRINTING_NEEDS_DESKTOP = msg('printNeedsDesktop');

/** The query string of the print page for a document (the same in both shells). */
export function printPageQuery(document: Printable): URLSearchParams {
  switch (document.kind) {
    case 'receipt':
      return new URLSearchParams({
        view: 'receipt',
        id: document.id,
        ...(document.copy ? { copy: '1' } : {}),
        ...(document.refund !== undefined ? { refund: String(document.refund) } : {}),
        ...(document.electronic ? { electronic: '1' } : {}),
      });
    case 'x-report':
      return new URLSearchParams({ view: 'report', kind: 'x', upToSeq: String(document.upToSeq) });
    case 'z-report':
      return new URLSearchParams({ view: 'report', kind: 'z', number: String(document.number), ...(document.copy ? { copy: '1' } : {}) });
  }
}

/** Used when a shell provides no output at all: says so instead of pretending to print. */
export const noReceiptOutput: ReceiptOutput = {
  print: () => Promise.reject(new OutputError(PRINTING_NEEDS_DESKTOP)),
  pdf: () => Promise.reject(new OutputError(msg('pdfUnavailable'))),
};
