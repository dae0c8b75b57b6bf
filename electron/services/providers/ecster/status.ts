import type { Currency } from '../../../../shared/domain/money';
import type { LinkStatus } from '../../../../shared/domain/sale';
import type { LinkStatusReport, LinkSummary } from '../provider';
import type { EcsterSearchEntry } from './schemas';

/**
 * Ecster's link statuses in our vocabulary. INVALID covers both "expired" and "deleted"; the
 * provider cannot tell them apart, so the caller (which knows whether it deleted the link) decides.
 * Anything unknown is `unknown`, never `paid`.
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
