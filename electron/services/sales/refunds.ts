import { planRefund, refundedSoFar, type RefundLineRequest, type RefundMethod } from '../../../shared/domain/refund';
import { englishText, msg, type Message } from '../../../shared/messages';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { ProviderError, type OrderReport, type PaymentLinkProvider, type RefundReading, type RefundRequest } from '../providers/provider';
import { isOpenRefund, type SaleRefund } from './refund-machine';
import type { Sale } from './sale-machine';
import type { Attribution, SaleRecordData, SaleRecordType } from './sale-records';

export interface RefundDeps {
  /** Journals one record (fsynced) and applies it; the record is checked by the machines first. */
  commit<T extends SaleRecordType>(saleId: string, type: T, data: SaleRecordData[T]): Promise<Sale>;
  /** The checkout's mutex: one command at a time, across windows. */
  run<T>(work: () => Promise<T>): Promise<T>;
  require(id: string): Sale;
  provider(sale: Sale): PaymentLinkProvider;
  /** The order behind a paid sale as the provider shows it now (null: the provider has no order). */
  readOrder(sale: Sale, signal: AbortSignal): Promise<OrderReport | null>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  log: Logger;
  signal: AbortSignal;
}

export interface RefundCommand {
  /** The number the clerk's screen expects this refund to get: with the sale, the idempotency key. */
  refundNumber: number;
  lines: readonly RefundLineRequest[];
  reason: string;
}

/** Swish refunds are processed asynchronously (Krokedil waits 3 minutes): polled at these intervals, then left for a later check. */
const SWISH_POLL_MS = [1_000, 2_000, 3_000, 5_000, 5_000, 10_000, 10_000, 15_000, 30_000, 30_000, 30_000, 60_000];

const because = (reasonMessage: Message, reason = englishText(reasonMessage)) => ({ reason, reasonMessage });

/** The merchant reference of a sale's refund: unique per sale and refund number, so a refund already made is recognised. */
export function refundReference(orderReference: string, refundNumber: number): string {
  return `${orderReference}-R${refundNumber}`;
}

/**
 * Runs refunds from the clerk's confirmation to refunded, failed or needs-attention: journaled
 * before anything is sent, sent once, an unknown outcome read at the provider and never sent again,
 * resumed after a restart. The refund machine (refund-machine.ts) checks every record.
 */
export class RefundDesk {
  private readonly polling = new Set<string>();

  constructor(private readonly deps: RefundDeps) {}

  /**
   * The clerk confirmed a refund. A second press (another window, a double click) with the same
   * refund number answers the refund already made: two presses make one refund.
   */
  refund(saleId: string, command: RefundCommand, by: Attribution = {}): Promise<Sale> {
    return this.deps.run(async () => {
      const sale = this.deps.require(saleId);
      if (sale.refunds.some((r) => r.number === command.refundNumber)) return sale;
      if (sale.state !== 'paid' || !sale.paid) throw new DomainError('conflict', msg('refundNotPaid'));
      // Cash and a card terminal's money never went through a provider: nothing to send it back to (yet).
      if (sale.tender) throw new DomainError('rejected', msg('refundTenderUnsupported'));
      if (command.refundNumber !== sale.refunds.length + 1) throw new DomainError('conflict', msg('refundStale'));
      // One at a time: a refund still under way holds its amount, and Swish's status is "the latest".
      if (sale.refunds.some(isOpenRefund)) throw new DomainError('conflict', msg('refundStillOpen'));
      const plan = planRefund(sale.totals, refundedSoFar(sale.refunds), command.lines);
      if (!plan.ok) throw new DomainError('rejected', msg(plan.problem));
      const how = await this.howLocked(sale, plan.amountMinor);
      const requested = await this.deps.commit(saleId, 'refund-requested', {
        refundNumber: command.refundNumber,
        method: how.method,
        orderId: how.orderId,
        debitTransaction: how.debitTransaction,
        transactionReference: refundReference(sale.orderReference, command.refundNumber),
        amountMinor: plan.amountMinor,
        lines: plan.lines,
        reason: command.reason.trim(),
        ...by,
      });
      if (how.method === 'portal') return requested;
      return this.sendLocked(saleId, command.refundNumber);
    });
  }

  /** A person says a refund that waits for them (recorded for the portal, or needing attention) was made, or was not. */
  mark(saleId: string, refundNumber: number, done: boolean, by: Attribution = {}): Promise<Sale> {
    return this.deps.run(async () => {
      const refund = this.deps.require(saleId).refunds.find((r) => r.number === refundNumber);
      if (!refund) throw new DomainError('not-found', msg('refundNotFound'));
      const waiting = (refund.state === 'requested' && refund.method === 'portal') || refund.state === 'needs-attention';
      if (!waiting) throw new DomainError('conflict', msg('refundNotWaiting'));
      if (done) return this.deps.commit(saleId, 'refunded', { refundNumber, transactionId: null, via: 'clerk', ...by });
      // A refund that was sent may have reached the provider after all: "not done" would free an amount
      // the customer already has. What the provider shows now decides; only a portal refund rests on a
      // person's word alone.
      if (refund.state === 'needs-attention') {
        const shown = await this.shownLocked(this.deps.require(saleId), refund);
        if (shown.kind === 'refunded') {
          this.deps.log.warn('refunds: marked not done, but the provider shows the refund; recorded as refunded', { saleId, refundNumber });
          return this.deps.commit(saleId, 'refunded', { refundNumber, transactionId: shown.transactionId, via: 'read' });
        }
      }
      return this.deps.commit(saleId, 'refund-failed', { refundNumber, ...because(msg('reasonRefundNotDone')), ...by });
    });
  }

  /**
   * Whether the provider shows a refund that was sent and now needs a person. A credit or an annulment
   * is found by its reference. A Swish refund's status is only the order's latest, so the order's
   * credited amount decides: more than the sale's settled refunds account for means money went back
   * that the till has not recorded. Anything it cannot tell refuses, so the person looks in the portal.
   */
  private async shownLocked(
    sale: Sale,
    refund: SaleRefund,
  ): Promise<{ kind: 'refunded'; transactionId: string | null } | { kind: 'none' }> {
    const unreadable = (error?: unknown) => {
      this.deps.log.warn('refunds: could not read a refund being marked not done', { saleId: sale.id, refundNumber: refund.number, error });
      return new DomainError('provider-unavailable', msg('refundNotDoneUnreadable'));
    };
    const provider = this.deps.provider(sale);
    if (refund.method !== 'swish') {
      if (!provider.readRefund) throw unreadable();
      let reading: RefundReading;
      try {
        reading = await provider.readRefund(this.requestOf(refund), this.deps.signal);
      } catch (error) {
        throw unreadable(error);
      }
      if (reading.kind === 'ongoing') throw new DomainError('conflict', msg('refundNotDoneUnclear'));
      return reading.kind === 'refunded' ? reading : { kind: 'none' };
    }
    let order: OrderReport | null;
    try {
      order = await this.deps.readOrder(sale, this.deps.signal);
    } catch (error) {
      throw unreadable(error);
    }
    if (!order) throw unreadable();
    // Every refund that gave money back, a portal one too: it is in the order's credited amount.
    const settled = sale.refunds.filter((r) => r.state === 'refunded').reduce((sum, r) => sum + r.amountMinor, 0);
    const unaccounted = order.creditedMinor - settled;
    if (unaccounted >= refund.amountMinor) return { kind: 'refunded', transactionId: null };
    if (unaccounted > 0) throw new DomainError('conflict', msg('refundNotDoneUnclear'));
    return { kind: 'none' };
  }

  /** After a restart, or when asked: a refund journaled but not sent is sent; one sent is read. Never sent twice. */
  async settleOpen(saleId: string): Promise<void> {
    const sale = this.deps.require(saleId);
    for (const refund of sale.refunds.filter(isOpenRefund)) {
      await this.deps.run(async () => {
        const current = this.deps.require(saleId).refunds.find((r) => r.number === refund.number);
        if (current?.state === 'requested') await this.sendLocked(saleId, refund.number);
        else if (current?.state === 'sent') await this.readLocked(saleId, current);
      });
    }
  }

  /** How the money goes back: decided from the order as the provider shows it now. */
  private async howLocked(
    sale: Sale,
    amountMinor: number,
  ): Promise<{ method: RefundMethod; orderId: string | null; debitTransaction: string | null }> {
    const provider = this.deps.provider(sale);
    if (!provider.capabilities.refund || !provider.refund || !sale.order)
      return { method: 'portal', orderId: null, debitTransaction: null };
    let order: OrderReport | null;
    try {
      order = await this.deps.readOrder(sale, this.deps.signal);
    } catch (error) {
      this.deps.log.warn('refunds: could not read the order before a refund; nothing sent', { saleId: sale.id, error });
      throw new DomainError('provider-unavailable', msg('refundOrderUnreadable'));
    }
    if (!order) throw new DomainError('provider-unavailable', msg('refundOrderUnreadable'));
    const debits = order.transactions.filter((t) => t.type === 'DEBIT');
    const ours = debits.find((t) => t.reference === sale.capture?.transactionReference) ?? debits[0];
    if (order.method === 'SWISH') {
      if (!ours) throw new DomainError('provider-unavailable', msg('refundOrderUnreadable'));
      return { method: 'swish', orderId: order.id, debitTransaction: ours.id };
    }
    if (order.debitedMinor > 0 && ours) {
      if (amountMinor > order.debitedMinor - order.creditedMinor) throw new DomainError('rejected', msg('refundTooMuch'));
      return { method: 'credit', orderId: order.id, debitTransaction: ours.id };
    }
    // Never debited (the merchant debits in the portal): the order can only be annulled, whole.
    if (amountMinor !== sale.amountMinor) throw new DomainError('rejected', msg('refundPartialUndebited'));
    return { method: 'annul', orderId: order.id, debitTransaction: null };
  }

  private requestOf(refund: SaleRefund): RefundRequest {
    if (refund.method === 'portal' || refund.orderId === null) throw new Error(`Refund ${refund.number} is not sent to a provider`);
    return {
      orderId: refund.orderId,
      method: refund.method,
      amountMinor: refund.amountMinor,
      transactionReference: refund.transactionReference,
      debitTransaction: refund.debitTransaction,
    };
  }

  /** Journals `refund-sent`, then the one POST, then its outcome. */
  private async sendLocked(saleId: string, refundNumber: number): Promise<Sale> {
    const sale = this.deps.require(saleId);
    const refund = sale.refunds.find((r) => r.number === refundNumber);
    const provider = this.deps.provider(sale);
    if (!refund || !provider.refund) return sale;
    const request = this.requestOf(refund);
    await this.deps.commit(saleId, 'refund-sent', { refundNumber });
    let result;
    try {
      result = await provider.refund(request, this.deps.signal);
    } catch (error) {
      if (error instanceof ProviderError && (error.kind === 'rejected' || error.kind === 'auth' || error.kind === 'not-found')) {
        this.deps.log.warn('refunds: the provider refused the refund', { saleId, refundNumber, error });
        return this.deps.commit(saleId, 'refund-failed', {
          refundNumber,
          ...because(msg('reasonRefundRefused'), `${englishText(msg('reasonRefundRefused'))} ${error.message}`),
        });
      }
      this.deps.log.warn('refunds: refund outcome unknown; reading the order, never sending it again', { saleId, refundNumber, error });
      await this.deps.commit(saleId, 'refund-unknown', { refundNumber, ...because(msg('reasonRefundUnknown')) });
      return this.readLocked(saleId, this.refundOf(saleId, refundNumber));
    }
    if (result.kind === 'refunded')
      return this.deps.commit(saleId, 'refunded', { refundNumber, transactionId: result.transactionId, via: 'answer' });
    if (result.kind === 'ongoing') {
      this.pollLater(saleId, refundNumber);
      return this.deps.require(saleId);
    }
    // 4424: not in a state to take it — perhaps it was done already. The order says.
    return this.readLocked(saleId, this.refundOf(saleId, refundNumber));
  }

  private refundOf(saleId: string, refundNumber: number): SaleRefund {
    const refund = this.deps.require(saleId).refunds.find((r) => r.number === refundNumber);
    if (!refund) throw new DomainError('not-found', msg('refundNotFound'));
    return refund;
  }

  /** A refund that was sent: what the provider shows decides; a failed read leaves it sent, to be read again. */
  private async readLocked(saleId: string, refund: SaleRefund, schedule = true): Promise<Sale> {
    const sale = this.deps.require(saleId);
    const provider = this.deps.provider(sale);
    if (!provider.readRefund) return sale;
    let reading: RefundReading;
    try {
      reading = await provider.readRefund(this.requestOf(refund), this.deps.signal);
    } catch (error) {
      this.deps.log.warn('refunds: could not read a refund at the provider; will look again', {
        saleId,
        refundNumber: refund.number,
        error,
      });
      if (schedule) this.pollLater(saleId, refund.number);
      return sale;
    }
    const refundNumber = refund.number;
    // Swish's status is the order's latest refund: after a lost answer it may be an earlier refund's.
    const ambiguous =
      refund.method === 'swish' && refund.unknown && sale.refunds.some((r) => r.number < refundNumber && r.method === 'swish');
    if (ambiguous && reading.kind !== 'ongoing') {
      return this.deps.commit(saleId, 'refund-attention', { refundNumber, ...because(msg('reasonRefundNotFound')) });
    }
    switch (reading.kind) {
      case 'refunded':
        return this.deps.commit(saleId, 'refunded', { refundNumber, transactionId: reading.transactionId, via: 'read' });
      case 'ongoing':
        if (schedule) this.pollLater(saleId, refundNumber);
        return sale;
      case 'failed':
        return this.deps.commit(saleId, 'refund-failed', {
          refundNumber,
          ...because(msg('reasonRefundSwishFailed', { status: reading.status })),
        });
      case 'none':
        return this.deps.commit(saleId, 'refund-attention', { refundNumber, ...because(msg('reasonRefundNotFound')) });
    }
  }

  /** Reads a sent refund again after a while (a Swish refund being processed, or a read that failed). */
  private pollLater(saleId: string, refundNumber: number): void {
    const key = `${saleId}#${refundNumber}`;
    if (this.polling.has(key)) return;
    this.polling.add(key);
    void (async () => {
      try {
        for (const wait of SWISH_POLL_MS) {
          await this.deps.sleep(wait, this.deps.signal);
          if (this.deps.signal.aborted) return;
          const settled = await this.deps.run(async () => {
            const refund = this.deps.require(saleId).refunds.find((r) => r.number === refundNumber);
            if (refund?.state !== 'sent') return true;
            await this.readLocked(saleId, refund, false);
            return this.deps.require(saleId).refunds.find((r) => r.number === refundNumber)?.state !== 'sent';
          });
          if (settled) return;
        }
      } catch (error) {
        this.deps.log.warn('refunds: a later refund check failed', { saleId, refundNumber, error });
      } finally {
        this.polling.delete(key);
      }
    })();
  }
}
