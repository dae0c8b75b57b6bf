import type { JournalRecord } from '../journal/record';
import type { Logger } from '../log';
import { msg } from '../../../shared/messages';
import { DomainError } from '../errors';
import { tenderSchema } from '../../../shared/domain/tender';
import { DRAWER_OPENED_RECORD_TYPE, NO_SALE_ID, type DrawerOpenedData } from './drawer-record';

export interface CashDrawerDeps {
  journal: {
    append: (input: { type: string; saleId: string; at: string; data: unknown }) => Promise<JournalRecord>;
    onAppend: (listener: (record: JournalRecord) => void) => () => void;
  };
  /** The setting "Open the cash drawer for cash payments". */
  forCashPayments: () => boolean;
  /** The ESC/POS printer the drawer hangs on: whether one is set, and how a kick is queued. */
  printer: { ready: () => boolean; kick: (seq: number) => Promise<void> };
  log: Logger;
  now: () => Date;
}

/**
 * The cash drawer (#18, #20): kicked through the receipt printer's queue when a cash sale is paid
 * (where the merchant enabled it), or by a manager's "Open drawer" without a sale. Every opening is
 * journaled (`drawer-opened`) before its kick is queued: a sale's drawer opens at most once, also
 * when the app stops in between, and the reports count what the journal holds.
 */
export class CashDrawer {
  private readonly cashSales = new Set<string>();
  private readonly opened = new Set<string>();
  private pending: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: CashDrawerDeps,
    startRecords: Iterable<JournalRecord>,
  ) {
    for (const record of startRecords) this.note(record, false);
    this.unsubscribe = deps.journal.onAppend((record) => this.note(record, true));
  }

  /** Opens the drawer without a sale (a manager's "Open drawer"); refused when no ESC/POS printer is set. */
  async openWithoutSale(by: { id: string; name: string } | null): Promise<{ seq: number }> {
    if (!this.deps.printer.ready()) throw new DomainError('conflict', msg('drawerNoPrinter'));
    return this.open(NO_SALE_ID, { reason: 'no-sale', ...(by ? { by } : {}) });
  }

  /** Resolves once the openings noticed so far are journaled and queued (tests, shutdown). */
  async idle(): Promise<void> {
    for (let last = null as unknown; last !== this.pending;) {
      last = this.pending;
      await last;
    }
  }

  close(): void {
    this.unsubscribe();
  }

  private note(record: JournalRecord, live: boolean): void {
    if (record.type === 'sale-created') {
      const tender = tenderSchema.safeParse((record.data as { tender?: unknown }).tender);
      if (tender.success && tender.data.kind === 'cash') this.cashSales.add(record.saleId);
    } else if (record.type === DRAWER_OPENED_RECORD_TYPE) {
      this.opened.add(record.saleId);
    } else if (live && record.type === 'tender-recorded' && this.cashSales.has(record.saleId) && !this.opened.has(record.saleId)) {
      this.cashSales.delete(record.saleId);
      if (!this.deps.forCashPayments() || !this.deps.printer.ready()) return;
      // Marked at once: a second tender-recorded (there is none) could not open it twice.
      this.opened.add(record.saleId);
      const saleId = record.saleId;
      this.pending = this.pending
        .then(() => this.open(saleId, { reason: 'cash-sale' }))
        .catch((error: unknown) => this.deps.log.warn('drawer: the cash sale’s drawer did not open', { saleId, error }));
    }
  }

  private async open(saleId: string, data: DrawerOpenedData): Promise<{ seq: number }> {
    const record = await this.deps.journal.append({ type: DRAWER_OPENED_RECORD_TYPE, saleId, at: this.deps.now().toISOString(), data });
    await this.deps.printer.kick(record.seq);
    return { seq: record.seq };
  }
}
