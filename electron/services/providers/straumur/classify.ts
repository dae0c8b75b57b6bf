import type { LinkStatus } from '../../../../shared/domain/sale';
import type { LinkStatusReport } from '../provider';
import type { StraumurPaymentLink } from './schemas';

export interface ExpectedSale {
  amountMinor: number;
  currency: string;
}

/** Status strings that say, on their own, the link can no longer be paid. */
const closedWithoutSale: Readonly<Record<string, LinkStatus>> = {
  Expired: 'expired',
  Disabled: 'cancelled',
};

/**
 * Reduces a Straumur link to our neutral status, checked against the sale.
 *
 * Paid is read from the sales, never from `status`: the docs' own example shows an `Active`
 * PayByLink with `salesCount: 1` and a completed submission. A link is paid when `salesCount >= 1`
 * or a submission completed for the sale's amount and currency, and only when nothing disagrees with
 * the sale. A completed submission for another amount, a link for another amount or currency, more
 * than one sale, or a link that is not a PayByLink (a TokenizeByLink saves a card and never takes the
 * sale's money) is a mismatch: the sale needs a person, it is not paid.
 */
export function classifyLink(link: StraumurPaymentLink, expected: ExpectedSale): LinkStatusReport {
  const completed = link.submissions.filter((s) => s.completed);
  const chargedByLink = completed.find((s) => s.amount === expected.amountMinor && s.currency === expected.currency);
  const foreignCharge = completed.find((s) => s.amount !== expected.amountMinor || s.currency !== expected.currency);
  const sold = link.salesCount >= 1 || chargedByLink !== undefined;

  const reported = chargedByLink ?? foreignCharge;
  const report = (status: LinkStatus, mismatch: string | null): LinkStatusReport => ({
    status,
    providerStatus: link.status,
    amountMinor: reported?.amount ?? link.amount,
    currency: reported?.currency ?? link.currency,
    mismatch,
    charged: sold || foreignCharge !== undefined,
  });

  const mismatch = findMismatch(link, expected, foreignCharge !== undefined, Math.max(link.salesCount, completed.length));
  if (mismatch) return report(sold ? 'unknown' : neutralStatus(link), mismatch);
  if (sold) return report('paid', null);
  return report(neutralStatus(link), null);
}

function findMismatch(link: StraumurPaymentLink, expected: ExpectedSale, foreignCharge: boolean, sales: number): string | null {
  if (link.type !== 'PayByLink') return `The link is a ${link.type} link, not a payment link for this sale.`;
  if (link.currency !== expected.currency) return `The link is in ${link.currency}, the sale in ${expected.currency}.`;
  if (link.amount !== expected.amountMinor) return 'The link is for a different amount than the sale.';
  if (foreignCharge) return 'The customer paid a different amount or currency than the sale.';
  if (sales > 1) return `The link was paid ${sales} times for one sale.`;
  return null;
}

/** The status of a link with no sale on it. */
function neutralStatus(link: StraumurPaymentLink): LinkStatus {
  const closed = closedWithoutSale[link.status];
  if (closed) return closed;
  // `Used` (sale limit reached) or `Completed` without a sale contradicts itself; a person should look.
  if (link.status !== 'Active') return 'unknown';
  return link.visitCount > 0 ? 'opened' : 'open';
}
