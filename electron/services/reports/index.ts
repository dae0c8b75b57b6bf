import type { Settings } from '../../../shared/domain/settings';
import type { Handlers } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import { noReceiptOutput, type ReceiptOutput } from '../receipts/output';
import { autoPrintReceipts, createHistoryHandlers, type HistoryChannel } from './handlers';
import { HistoryService, type HistoryDeps } from './service';
import { createZStore } from './z-store';

export interface HistoryServicesOptions {
  dataDir: string;
  journal: HistoryDeps['journal'];
  settings: { get(): Settings };
  activeProvider: HistoryDeps['provider'];
  events: Pick<EventBus, 'subscribe' | 'emit'>;
  output?: ReceiptOutput | undefined;
  log: Logger;
  now?: () => Date;
  /** The records parsed when the journal was opened (see HistoryDeps.startRecords). */
  startRecords?: HistoryDeps['startRecords'];
  startLedger?: HistoryDeps['startLedger'];
  afterZ?: HistoryDeps['afterZ'];
}

/** Receipts, reports, journal export and provider search, wired for createAppServices. */
export function createHistoryServices(options: HistoryServicesOptions): {
  handlers: Pick<Handlers, HistoryChannel>;
  service: HistoryService;
  stop: () => void;
} {
  const service = new HistoryService({
    journal: options.journal,
    settings: () => options.settings.get(),
    provider: options.activeProvider,
    zStore: createZStore(options.dataDir),
    output: options.output ?? noReceiptOutput,
    now: options.now ?? (() => new Date()),
    log: options.log,
    ...(options.startRecords ? { startRecords: options.startRecords } : {}),
    ...(options.startLedger ? { startLedger: options.startLedger } : {}),
    ...(options.afterZ ? { afterZ: options.afterZ } : {}),
  });
  const stopAutoPrint = autoPrintReceipts(options.events, service, () => options.settings.get().autoPrintReceipt, options.log);
  const stop = () => {
    stopAutoPrint();
    service.close();
  };
  return { handlers: createHistoryHandlers(service), service, stop };
}
