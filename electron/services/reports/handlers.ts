import { OutputError } from '../receipts/output';
import { DomainError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import type { BackOffice } from './back-office';
import { englishText, msg } from '../../../shared/messages';
import type { Printable } from '../../../shared/ipc/channels/history';

export type BackOfficeChannel =
  | 'receipt:get'
  | 'printout:print'
  | 'printout:pdf'
  | 'report:x'
  | 'report:z'
  | 'report:get'
  | 'report:list'
  | 'journal:export'
  | 'journal:exportMemory'
  | 'history:searchProvider';

export function createBackOfficeHandlers(service: BackOffice): Pick<Handlers, BackOfficeChannel> {
  return {
    'receipt:get': ({ id, copy, refund, electronic }) => service.receipt(id, copy, refund, { electronic: electronic === true }),
    'printout:print': ({ document }) => service.print(fromWindow(document)),
    'printout:pdf': ({ document }) => service.pdf(fromWindow(document)),
    'report:x': ({ upToSeq }) => service.xReport(upToSeq),
    'report:z': (input) => service.zReport({ confirmOpenSales: input?.confirmOpenSales ?? false }),
    'report:get': ({ number }) => service.zReportByNumber(number),
    'report:list': async () =>
      (await service.zReports())
        .map((r) => ({
          number: r.number ?? 0,
          fromAt: r.period.fromAt,
          toAt: r.period.toAt,
          salesCount: r.real.currencies.reduce((n, c) => n + c.sales.count, 0),
        }))
        .reverse(),
    'journal:export': ({ from, to, format }) => service.exportJournal({ from, to }, format),
    'journal:exportMemory': ({ from, to }) => service.exportJournalMemory({ from, to }),
    'history:searchProvider': async ({ offset, limit, ...filters }) => {
      // Only filters the clerk filled in go to the provider; an empty string is "no filter".
      const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
      return { results: await service.searchProvider({ ...query, offset, limit }), offset, limit };
    },
  };
}

/**
 * Prints the receipt once when a sale becomes paid, if the setting asks for it. A failure is
 * shown to the clerk as an alarm with the real reason: a receipt that silently did not print is
 * worse than one that visibly failed.
 */
export function autoPrintReceipts(
  events: Pick<EventBus, 'subscribe' | 'emit'>,
  service: Pick<BackOffice, 'print'>,
  autoPrint: () => boolean,
  log: Logger,
): () => void {
  const printed = new Set<string>();
  return events.subscribe((name, payload) => {
    if (name !== 'sale:changed') return;
    const sale = payload as { id: string; state: string };
    if (sale.state !== 'paid' || printed.has(sale.id) || !autoPrint()) return;
    printed.add(sale.id);
    service.print({ kind: 'receipt', id: sale.id, copy: false }).catch((error: unknown) => {
      // A Swedish receipt the control unit has not signed yet prints when it is signed (the clerk was told).
      if (error instanceof DomainError && error.l10n.key === 'receiptWaitingForControlUnit') return;
      log.warn('receipts: automatic print failed', { saleId: sale.id, error });
      // Only a printing error's own sentence (the printer's reason) reaches the clerk; anything else
      // could carry text that must not cross the boundary.
      const forClerk = error instanceof OutputError || error instanceof DomainError;
      const l10n = forClerk ? error.l10n : msg('printAutoFailed');
      const message = forClerk ? `The receipt was not printed: ${error.message.slice(0, 400)}` : englishText(l10n);
      try {
        events.emit('app:alarm', { message, ...l10n });
      } catch (emitError) {
        log.error('receipts: could not tell the clerk about a failed print', { saleId: sale.id, error: emitError });
      }
    });
  });
}

/**
 * A document a window asks to print or save. "As e-mailed" (`electronic`) is main's own: its mailer
 * makes that PDF and journals each sending; from a window it would hand a Swedish original over again.
 */
function fromWindow(document: Printable): Printable {
  if (document.kind !== 'receipt' || document.electronic === undefined) return document;
  const { electronic: _electronic, ...rest } = document;
  return rest;
}
