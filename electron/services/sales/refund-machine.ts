/**
 * The refund state machine: the capture machine's sibling, a pure function from journal records
 * to a sale's refunds. A refund lives inside its (paid) sale, numbered 1, 2, … there, and goes
 * requested → sent → refunded, failed or needs-attention. Which record may move a refund from where
 * to where is the data in `refundTransitions`; anything else is illegal and throws, so a replay
 * rebuilds exactly what the live service did, and a refund above what was paid (in total or for a
 * line) can never be journaled, let alone sent.
 */
import { planRefund, refundedSoFar, vatOfLines, type RefundMethod, type RefundState } from '../../../shared/domain/refund';
import type { VatBreakdown } from '../../../shared/domain/schemas';
import type { SaleRecord } from './sale-records';

export interface SaleRefund {
  readonly number: number;
  readonly state: RefundState;
  readonly method: RefundMethod;
  readonly orderId: string | null;
  readonly debitTransaction: string | null;
  readonly transactionReference: string;
  readonly amountMinor: number;
  readonly lines: SaleRecord<'refund-requested'>['data']['lines'];
  readonly vat: readonly VatBreakdown[];
  readonly reason: string;
  /** The answer to the POST was lost: the refund is read at the provider, never sent again. */
  readonly unknown: boolean;
  /** Why it failed or needs a person (English; the sale's history carries the Message). */
  readonly problem: string;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

export type RefundRecordType = 'refund-requested' | 'refund-sent' | 'refund-unknown' | 'refunded' | 'refund-failed' | 'refund-attention';
/** `none`: the refund does not exist yet. */
export type RefundPosition = RefundState | 'none';

/** The refund transition table; ARCHITECTURE.md draws it. `refunded` by a person has its own rule, named in `applyRefundRecord`. */
export const refundTransitions: Readonly<Record<RefundRecordType, { readonly from: readonly RefundPosition[]; readonly to: RefundState }>> =
  {
    'refund-requested': { from: ['none'], to: 'requested' },
    'refund-sent': { from: ['requested'], to: 'sent' },
    'refund-unknown': { from: ['sent'], to: 'sent' },
    refunded: { from: ['requested', 'sent', 'needs-attention'], to: 'refunded' },
    'refund-failed': { from: ['requested', 'sent', 'needs-attention'], to: 'failed' },
    'refund-attention': { from: ['sent'], to: 'needs-attention' },
  };

export const isRefundRecordType = (type: string): type is RefundRecordType => type in refundTransitions;

/** A refund still under way: the till resumes it after a restart. */
export const isOpenRefund = (refund: Pick<SaleRefund, 'state' | 'method'>) =>
  refund.state === 'sent' || (refund.state === 'requested' && refund.method !== 'portal');

export class IllegalRefund extends Error {
  override readonly name = 'IllegalRefund';
}

interface Refundable {
  readonly id: string;
  readonly state: string;
  readonly paid: boolean;
  readonly totals: Parameters<typeof planRefund>[0];
  readonly refunds: readonly SaleRefund[];
}

/** The sale's refunds after one refund record. Pure; throws IllegalRefund for anything the table forbids. */
export function applyRefundRecord(sale: Refundable, record: SaleRecord<RefundRecordType>): SaleRefund[] {
  const number = record.data.refundNumber;
  const current = sale.refunds.find((r) => r.number === number);
  const rule = refundTransitions[record.type];
  const illegal: (why: string) => never = (why) => {
    throw new IllegalRefund(`A ${record.type} record cannot apply to refund ${number} of sale ${sale.id} (${why}).`);
  };
  if (!rule.from.includes(current?.state ?? 'none')) illegal(current ? `it is ${current.state}` : 'no such refund');
  const replace = (changes: Partial<SaleRefund>) =>
    sale.refunds.map((r) => (r.number === number ? { ...r, ...changes, state: rule.to, updatedAt: record.at } : r));

  switch (record.type) {
    case 'refund-requested': {
      const d = record.data;
      // Only a sale that is paid, one refund number after another, and never more than is left.
      if (sale.state !== 'paid' || !sale.paid) illegal('the sale is not paid');
      if (number !== sale.refunds.length + 1) illegal(`the next refund is ${sale.refunds.length + 1}`);
      const plan = planRefund(sale.totals, refundedSoFar(sale.refunds), d.lines);
      if (!plan.ok) illegal(plan.problem);
      if (plan.amountMinor !== d.amountMinor || plan.lines.some((l, i) => l.amountMinor !== d.lines[i]?.amountMinor)) {
        illegal('its amounts are not the sale’s');
      }
      if ((d.method === 'credit' || d.method === 'swish') && d.debitTransaction === null) illegal('a credit names its debit');
      const refund: SaleRefund = {
        number,
        state: 'requested',
        method: d.method,
        orderId: d.orderId,
        debitTransaction: d.debitTransaction,
        transactionReference: d.transactionReference,
        amountMinor: d.amountMinor,
        lines: d.lines,
        vat: vatOfLines(d.lines),
        reason: d.reason,
        unknown: false,
        problem: '',
        requestedAt: record.at,
        updatedAt: record.at,
      };
      return [...sale.refunds, refund];
    }
    case 'refund-sent':
      if (current?.method === 'portal') illegal('a refund done in the portal is never sent');
      return replace({});
    case 'refund-unknown':
      return replace({ unknown: true, problem: record.data.reason });
    case 'refunded':
      // A person says it is done (in the provider's portal): for a recorded refund, or one that
      // needs a person. An answer or a read only settles a refund that was sent — or one that needs
      // a person, when a later read finds it at the provider after all.
      if (
        record.data.via === 'clerk'
          ? current?.state === 'sent' || (current?.state === 'requested' && current.method !== 'portal')
          : current?.state !== 'sent' && !(record.data.via === 'read' && current?.state === 'needs-attention')
      ) {
        illegal(`${record.data.via} cannot settle a ${current?.state ?? ''} refund`);
      }
      return replace({ problem: '' });
    case 'refund-failed':
      return replace({ problem: record.data.reason });
    case 'refund-attention':
      return replace({ problem: record.data.reason });
  }
}
