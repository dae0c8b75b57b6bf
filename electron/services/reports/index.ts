import type { Settings } from '../../../shared/domain/settings';
import type { Handlers } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import { noReceiptOutput, type ReceiptOutput } from '../receipts/output';
import { autoPrintReceipts, createBackOfficeHandlers, type BackOfficeChannel } from './handlers';
import { BackOffice, type BackOfficeDeps } from './back-office';
import { createZStore } from './z-store';
import { readCartJournal } from '../cart/cart-journal-reader';

export interface BackOfficeOptions {
  dataDir: string;
  journal: BackOfficeDeps['journal'];
  settings: { get(): Settings };
  activeProvider: BackOfficeDeps['provider'];
  events: Pick<EventBus, 'subscribe' | 'emit'>;
  output?: ReceiptOutput | undefined;
  log: Logger;
  now?: () => Date;
  /** The records parsed when the journal was opened (see BackOfficeDeps.startRecords). */
  startRecords?: BackOfficeDeps['startRecords'];
  startLedger?: BackOfficeDeps['startLedger'];
  afterZ?: BackOfficeDeps['afterZ'];
  seals?: BackOfficeDeps['seals'];
  thermal?: BackOfficeDeps['thermal'];
  fiscal?: BackOfficeDeps['fiscal'];
  clerkOf?: BackOfficeDeps['clerkOf'];
  actor?: BackOfficeDeps['actor'];
  cashRegister?: BackOfficeDeps['cashRegister'];
  /** Reads the cart-event journal for the journal-memory export (default: `cart.journal` in dataDir, read-only). */
  cartEntries?: BackOfficeDeps['cartEntries'];
}

/** Receipts, reports, journal export and provider search, wired for createAppServices. */
export function createBackOffice(options: BackOfficeOptions): {
  handlers: Pick<Handlers, BackOfficeChannel>;
  backOffice: BackOffice;
  stop: () => void;
} {
  const backOffice = new BackOffice({
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
    ...(options.seals ? { seals: options.seals } : {}),
    ...(options.thermal ? { thermal: options.thermal } : {}),
    ...(options.fiscal ? { fiscal: options.fiscal } : {}),
    ...(options.clerkOf ? { clerkOf: options.clerkOf } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.cashRegister ? { cashRegister: options.cashRegister } : {}),
    cartEntries: options.cartEntries ?? (() => readCartJournal(options.dataDir)),
  });
  // A Swedish till prints a receipt when the control unit has signed it (the composition root's onSigned), not at Paid.
  const autoPrint = () => options.settings.get().autoPrintReceipt && !(options.fiscal && options.settings.get().sweden.enabled);
  const stopAutoPrint = autoPrintReceipts(options.events, backOffice, autoPrint, options.log);
  const stop = () => {
    stopAutoPrint();
    backOffice.close();
  };
  return { handlers: createBackOfficeHandlers(backOffice), backOffice, stop };
}
