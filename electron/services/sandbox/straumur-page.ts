import { pageCspFor, renderPaymentPage, type PageState, type PageTexts } from './customer-page';
import type { SandboxLink } from './straumur-store';

/**
 * A sandbox Straumur link as the customer's payment page (the one page builder in
 * customer-page.ts), in the link's culture. The page loads nothing, not even a stylesheet.
 */

export type PageOutcome = 'view' | 'paid' | 'declined' | 'closed';

const texts: Record<'is' | 'en', PageTexts & { sandbox: string }> = {
  is: {
    lang: 'is',
    pay: 'Greiða',
    decline: 'Hafna',
    total: 'Samtals',
    paid: 'Greiðsla móttekin. Takk fyrir!',
    declined: 'Greiðslu hafnað. Þú getur reynt aftur.',
    invalid: 'Þessi greiðsluhlekkur er ekki lengur virkur.',
    sandbox: 'Prófunarumhverfi: engir peningar eru færðir.',
  },
  en: {
    lang: 'en',
    pay: 'Pay',
    decline: 'Decline',
    total: 'Total',
    paid: 'Payment received. Thank you!',
    declined: 'Payment declined. You can try again.',
    invalid: 'This payment link can no longer be used.',
    sandbox: 'Sandbox: no money moves.',
  },
};

export const PAGE_CSP = pageCspFor('inline');

function pageState(link: SandboxLink, outcome: PageOutcome): PageState {
  const open = link.status === 'Active';
  if (outcome === 'paid') return 'paid';
  if (outcome === 'declined' && open) return 'declined';
  return outcome === 'closed' || !open ? 'invalid' : 'open';
}

export function renderPayPage(link: SandboxLink, outcome: PageOutcome): string {
  const t = link.culture === 'is' ? texts.is : texts.en;
  const title = link.description ?? 'Straumur';
  return renderPaymentPage({
    title,
    note: t.sandbox,
    rows: link.items.map((item) => ({ name: item.name, detail: `${item.quantity} ×`, amountMinor: item.amount })),
    amountMinor: link.amount,
    currency: link.currency,
    state: pageState(link, outcome),
    actionBase: `/pay/straumur/${encodeURIComponent(link.paymentLinkReference)}`,
    texts: t,
    styles: 'inline',
  });
}
