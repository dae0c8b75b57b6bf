import {
  controlUnitRequest,
  fiscalKey,
  fiscalKindOf,
  formatOrganisationNumber,
  originalFiscalKey,
  type ControlUnitKind,
  type ControlUnitRequest,
  type ReceiptFiscal,
} from '../../../shared/domain/fiscal';
import type { Printable } from '../../../shared/ipc/channels/history';
import type { Receipt } from '../../../shared/domain/receipt';
import type { ReportEntry } from '../../../shared/domain/report';
import type { Settings } from '../../../shared/domain/settings';
import { msg } from '../../../shared/messages';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import type { ControlUnitQueue, SubmitOutcome } from './queue';

export interface FiscalReceiptsOptions {
  queue: ControlUnitQueue;
  settings: () => Settings;
  /** A paid sale's receipt as the back office builds it (its `fiscal` from `describe` below). */
  receipt: (saleId: string, copy: boolean, refund?: number) => Promise<Receipt>;
  /** The report ledger's entries and end (receipt numbers, the journal position each was paid at). */
  ledger: () => Promise<{ entries: readonly ReportEntry[]; lastSeq: number }>;
  /** The unit a receipt goes to: demo sales always to the simulated unit, as demo payments go to the sandbox. */
  unitFor: (receipt: Receipt) => ControlUnitKind;
  log: Logger;
}

/**
 * A Swedish till's receipts and the control unit (SKVFS 2014:9): every receipt of a sale paid
 * after the Swedish till was switched on goes to the unit, and carries the unit's serial and the
 * control code, or says it is waiting. A copy is signed as a copy, and there is at most one.
 * Receipts made before the switch, and every receipt of a till that is not Swedish, are unchanged.
 */
export class FiscalReceipts {
  constructor(private readonly options: FiscalReceiptsOptions) {}

  /**
   * The Swedish part of a receipt, or null when it has none. `paidSeq` is the journal position the
   * sale was paid at (receipts from before the Swedish till was on have none).
   */
  describe(receipt: Receipt, paidSeq: number | null): ReceiptFiscal | null {
    const { queue } = this.options;
    const original = queue.requestOf(originalFiscalKey(receipt));
    const sweden = this.options.settings().sweden;
    const from = queue.fromSeq();
    const subject = original !== null || (sweden.enabled && from !== null && paidSeq !== null && paidSeq > from);
    if (!subject) return null;
    const signature = queue.signature(fiscalKey(receipt, fiscalKindOf(receipt)));
    return {
      // What the receipt was signed over, once it was sent: a later change of Settings never rewrites it.
      organisationNumber: formatOrganisationNumber(original?.organisationNumber ?? this.options.settings().shop.organisationNumber),
      tillDesignation: original?.tillDesignation ?? sweden.tillDesignation,
      controlUnit: signature ? { state: 'signed', ...signature } : { state: 'waiting' },
      electronic: false,
    };
  }

  /**
   * Marks where signing starts, the first time the Swedish till is on. False while it is off: new
   * receipts are then not sent (those already sent keep their answers, and waiting ones are still signed).
   */
  async ensureStarted(): Promise<boolean> {
    if (!this.options.settings().sweden.enabled) return false;
    if (this.options.queue.fromSeq() === null) await this.options.queue.startFrom((await this.options.ledger()).lastSeq);
    return true;
  }

  /**
   * Every receipt since the Swedish till was switched on that has not gone to the unit yet — a sale
   * just paid, a refund just made, or one whose request a crash cut off — in journal order. Calls
   * made while one runs are folded into one more run.
   */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.catchUp();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private running: Promise<void> | null = null;
  private again = false;

  private async catchUp(): Promise<void> {
    if (!(await this.ensureStarted())) return;
    const from = this.options.queue.fromSeq() ?? Number.POSITIVE_INFINITY;
    const { entries } = await this.options.ledger();
    for (const entry of entries) {
      if (entry.seq <= from || entry.receiptNumber === null) continue;
      if (entry.outcome !== 'paid' && entry.outcome !== 'refunded') continue;
      const refund = entry.outcome === 'refunded' ? entry.refundNumber : undefined;
      const series = `${refund !== undefined ? 'refund-' : ''}${entry.demo ? 'training' : 'real'}`;
      if (this.options.queue.requested(`${series}:${entry.receiptNumber}:original`)) continue;
      try {
        await this.submit(entry.saleId, await this.options.receipt(entry.saleId, false, refund));
      } catch (error) {
        this.options.log.error('control unit: a receipt could not be handed to the unit', { saleId: entry.saleId, error });
      }
    }
  }

  /**
   * A copy of a Swedish receipt (or, with `refund`, of that refund's receipt) is to be made — the
   * clerk asked, or the thermal printer reprints an original it may have printed: it is signed as a
   * copy first. At most one copy of a receipt (SKVFS 2014:9): once its copy is signed another is
   * refused. Not Swedish: nothing to do. `resume`: a print job's intent to make it was on disk
   * when the till stopped, so a copy asked for before this start is that job's own (one asked for
   * since — a PDF copy saved while the job waited for the printer — is not: refused as a second).
   */
  async copy(saleId: string, refund?: number, options: { resume?: boolean } = {}): Promise<void> {
    const copy = await this.options.receipt(saleId, true, refund);
    if (!copy.fiscal) return;
    const key = fiscalKey(copy, 'copy');
    if (options.resume && this.options.queue.requestedBeforeStart(key)) {
      // The copy a print job asked for before the till stopped: that job prints it once it is
      // signed — unless it waited for the unit, when `onSigned` prints it (or will).
      if (this.options.queue.signature(key) && !this.options.queue.waitedFor(key)) return;
      throw new DomainError('conflict', msg('receiptWaitingForControlUnit'));
    }
    if (this.options.queue.signature(key)) throw new DomainError('conflict', msg('receiptCopyAlreadyMade'));
    if (copy.fiscal.controlUnit.state === 'waiting' && !this.options.queue.requested(originalFiscalKey(copy)))
      throw new DomainError('conflict', msg('receiptWaitingForControlUnit'));
    // Only a copy never asked for before: a second call (a double click, a reprint while the first
    // copy waits for the unit) is refused in the queue's order, so only one copy is ever handed out.
    const outcome = await this.submit(saleId, copy, { fresh: true });
    if (outcome === 'exists' && this.options.queue.signature(key)) throw new DomainError('conflict', msg('receiptCopyAlreadyMade'));
    if (outcome !== 'signed') throw new DomainError('conflict', msg('receiptWaitingForControlUnit'));
  }

  /**
   * The original of a Swedish receipt is about to be handed over (printed, queued for the printer,
   * saved as PDF): once only (SKVFS 2014:9 allows one copy, made with Reprint, and no second
   * original). Answers what takes the mark back if handing it over fails; null when the receipt is
   * not Swedish. Throws when the original was handed over already.
   */
  async handOver(saleId: string, refund?: number): Promise<(() => Promise<void>) | null> {
    const receipt = await this.options.receipt(saleId, false, refund);
    if (!receipt.fiscal) return null;
    const key = originalFiscalKey(receipt);
    if (!(await this.options.queue.markIssued(saleId, key, true))) throw new DomainError('conflict', msg('receiptOriginalHandedOver'));
    return async () => {
      await this.options.queue.markIssued(saleId, key, false);
    };
  }

  /**
   * The document a signed request is the receipt of, to print it: the sale's receipt, or the refund
   * whose receipt has the request's number (a refund's copy is keyed in the refunds' series).
   */
  async printableOf(saleId: string, request: ControlUnitRequest): Promise<Printable> {
    const copy = request.kind === 'copy';
    if (!request.key.startsWith('refund-')) return { kind: 'receipt', id: saleId, copy };
    const { entries } = await this.options.ledger();
    const entry = entries.find((e) => e.saleId === saleId && e.outcome === 'refunded' && e.receiptNumber === request.receiptNumber);
    const refund = entry?.refundNumber;
    if (refund === undefined || refund === null) throw new DomainError('not-found', msg('receiptOnlyRefunded'));
    return { kind: 'receipt', id: saleId, copy, refund };
  }

  private async submit(saleId: string, receipt: Receipt, options: { fresh?: boolean } = {}): Promise<SubmitOutcome | 'none'> {
    if (!receipt.fiscal) return 'none';
    const original = this.options.queue.requestOf(originalFiscalKey(receipt));
    const sweden = this.options.settings().sweden;
    const request = controlUnitRequest(receipt, {
      organisationNumber: original?.organisationNumber ?? this.options.settings().shop.organisationNumber,
      tillDesignation: original?.tillDesignation ?? sweden.tillDesignation,
    });
    return this.options.queue.submit(saleId, this.options.unitFor(receipt), request, options);
  }
}
