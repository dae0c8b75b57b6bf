import type { Currency } from '../../../../shared/domain/money';
import type { LinkStatus } from '../../../../shared/domain/sale';
import type { ExpectedPayment, LinkStatusReport, LinkSummary, OrderOutcome, OrderReport } from '../provider';
import type { EcsterOrder, EcsterSearchEntry } from './schemas';

/**
 * Ecster's link statuses in our vocabulary. INVALID covers both "expired" and "deleted"; the
 * provider cannot tell them apart, so the caller (which knows whether it deleted the link) decides.
 * Anything unknown is `unknown`, never `paid`. ORDER_CREATED only says the customer finished
 * checkout: in a list of links it reads as paid, but a sale is paid by its order (`orderOutcome`).
 */
export function mapEcsterStatus(status: string | null): LinkStatus {
  switch (status) {
    case 'OPEN':
      return 'open';
    case 'ORDER_CREATED':
      return 'paid';
    case 'INVALID':
      return 'expired';
    default:
      return 'unknown';
  }
}

/**
 * What an order's status means (providers.md §1.9, as Krokedil and Magento read them). READY is
 * approved but, for card and invoice, not yet the merchant's money; PARTIALLY_DELIVERED means
 * someone debited part of an order LinkPOS debits whole, so a person looks.
 */
export function orderOutcome(status: string): OrderOutcome {
  switch (status) {
    case 'READY':
      return 'ready';
    case 'FULLY_DELIVERED':
      return 'delivered';
    case 'PENDING_PAYMENT':
    case 'PENDING_DECISION':
    case 'PENDING_SIGNATURE':
    case 'PENDING_PROCESSING':
    case 'AWAITING_CONTRACT':
      return 'pending';
    case 'DENIED':
    case 'FAILED':
    case 'ABORTED':
    case 'ANNULLED':
    case 'EXPIRED':
    case 'STOPPED':
    case 'BLOCKED':
      return 'ended';
    default:
      // MANUAL_PROCESSING, PARTIALLY_DELIVERED, and anything new.
      return 'attention';
  }
}

/** Swish is charged at purchase (§1.9): a READY Swish order needs no debit. */
const chargedAtPurchase = new Set(['SWISH']);

export function orderReport(order: EcsterOrder): OrderReport {
  const outcome = orderOutcome(order.status);
  const method = order.properties.method;
  return {
    id: order.id,
    providerStatus: order.status,
    outcome,
    method,
    amountMinor: order.amount,
    currency: order.currency,
    feeMinor: order.properties.invoiceFee ?? 0,
    debitedMinor: order.debitedAmount,
    creditedMinor: order.creditedAmount,
    needsCapture: outcome === 'ready' && !(method !== null && chargedAtPurchase.has(method)),
    transactions: order.transactions.map((t) => ({ id: t.id, type: t.type, amountMinor: t.amount, reference: t.transactionReference })),
  };
}

/**
 * The report for a link whose order exists: the order decides. Its amount less the invoice fee
 * Ecster adds must be the sale's, in the sale's currency; otherwise a person looks (money was
 * taken or reserved, so `charged`).
 */
export function orderStatusReport(order: EcsterOrder, expected: ExpectedPayment): LinkStatusReport {
  const report = orderReport(order);
  const problems: string[] = [];
  const forSale = report.amountMinor - report.feeMinor;
  if (forSale !== expected.amountMinor) {
    problems.push(
      `the order's amount is ${report.amountMinor}${report.feeMinor ? ` (with a fee of ${report.feeMinor})` : ''} instead of ${expected.amountMinor} (minor units)`,
    );
  }
  if (report.currency !== expected.currency) problems.push(`the order's currency is ${report.currency} instead of ${expected.currency}`);
  if (order.orderReference !== null && order.orderReference !== expected.orderReference) {
    problems.push(`the order reference is ${order.orderReference} instead of ${expected.orderReference}`);
  }
  const mismatch = problems.length > 0 ? `The order does not match the sale: ${problems.join('; ')}.` : null;
  const counts = report.outcome === 'ready' || report.outcome === 'delivered';
  return {
    status: mismatch === null && counts ? 'paid' : report.outcome === 'ended' ? 'failed' : 'unknown',
    providerStatus: `ORDER_CREATED/${order.status}`,
    amountMinor: forSale,
    currency: report.currency,
    mismatch,
    charged: report.outcome !== 'ended',
    order: report,
  };
}

/** A link the customer completed whose order Ecster has not listed yet: keep looking. */
export function orderNotYetListed(entry: EcsterSearchEntry): LinkStatusReport {
  return {
    status: 'unknown',
    providerStatus: entry.status ?? '',
    amountMinor: entry.amount,
    currency: entry.currency,
    mismatch: null,
    charged: false,
    order: null,
  };
}

export function statusReport(
  entry: EcsterSearchEntry,
  expected: { amountMinor: number; currency: Currency; orderReference: string },
): LinkStatusReport {
  const problems: string[] = [];
  if (entry.amount === null) problems.push('the payment service did not report the amount');
  else if (entry.amount !== expected.amountMinor)
    problems.push(`the amount is ${entry.amount} instead of ${expected.amountMinor} (minor units)`);
  if (entry.currency === null) problems.push('the payment service did not report the currency');
  else if (entry.currency !== expected.currency) problems.push(`the currency is ${entry.currency} instead of ${expected.currency}`);
  if (entry.orderReference !== null && entry.orderReference !== expected.orderReference) {
    problems.push(`the order reference is ${entry.orderReference} instead of ${expected.orderReference}`);
  }
  const mapped = mapEcsterStatus(entry.status);
  const mismatch = problems.length > 0 ? `The payment link does not match the sale: ${problems.join('; ')}.` : null;
  return {
    // A link that does not match the sale is never counted as paid.
    status: mismatch !== null && mapped === 'paid' ? 'unknown' : mapped,
    providerStatus: entry.status ?? '',
    amountMinor: entry.amount,
    currency: entry.currency,
    mismatch,
    charged: mapped === 'paid',
  };
}

export function summary(entry: EcsterSearchEntry): LinkSummary {
  return {
    reference: entry.key,
    orderReference: entry.orderReference,
    description: null,
    createdAt: entry.created,
    validTo: entry.validTo,
    providerStatus: entry.status,
    status: mapEcsterStatus(entry.status),
    amountMinor: entry.amount,
    currency: entry.currency,
  };
}
