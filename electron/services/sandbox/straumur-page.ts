import type { SandboxLink } from './straumur-store';

/**
 * The customer's payment page for a sandbox Straumur link. Server-rendered, self-contained (no
 * scripts, no external resources) and usable on a phone: the QR code the clerk shows opens it.
 * The buttons are plain form posts, so it works with scripting off and under a strict CSP.
 */

export type PageOutcome = 'view' | 'paid' | 'declined' | 'closed';

const texts = {
  is: {
    pay: 'Greiða',
    decline: 'Hafna',
    total: 'Samtals',
    paid: 'Greiðsla móttekin. Takk fyrir!',
    declined: 'Greiðslu hafnað. Þú getur reynt aftur.',
    closed: 'Þessi greiðsluhlekkur er ekki lengur virkur.',
    sandbox: 'Prófunarumhverfi: engir peningar eru færðir.',
  },
  en: {
    pay: 'Pay',
    decline: 'Decline',
    total: 'Total',
    paid: 'Payment received. Thank you!',
    declined: 'Payment declined. You can try again.',
    closed: 'This payment link can no longer be used.',
    sandbox: 'Sandbox: no money moves.',
  },
} as const;

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Integer formatting only: ISK shows whole krónur, the others two decimals. */
export function formatAmount(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  if (currency === 'ISK') return `${sign}${major} kr.`;
  return `${sign}${major}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

const style = `
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;background:#f4f5f7;color:#111}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.25rem}
h1{font-size:1.4rem;margin:0 0 1rem}
table{width:100%;border-collapse:collapse;margin-bottom:1rem}
td{padding:.4rem 0;border-bottom:1px solid #ddd;vertical-align:top}
td.n{text-align:right;white-space:nowrap;padding-left:.5rem}
.total{font-size:1.6rem;font-weight:700;margin:1rem 0}
button{display:block;width:100%;min-height:3.5rem;font-size:1.3rem;border:0;border-radius:10px;margin:.6rem 0;cursor:pointer}
.pay{background:#0a7d38;color:#fff}.decline{background:#e4e6ea;color:#111}
.note{font-size:.85rem;color:#555}.msg{font-size:1.3rem;font-weight:600}`;

export function renderPayPage(link: SandboxLink, outcome: PageOutcome): string {
  const t = link.culture === 'is' ? texts.is : texts.en;
  const lang = link.culture === 'is' ? 'is' : 'en';
  const ref = encodeURIComponent(link.paymentLinkReference);
  const rows = link.items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.name)}</td><td class="n">${item.quantity} ×</td><td class="n">${escapeHtml(formatAmount(item.amount, link.currency))}</td></tr>`,
    )
    .join('');
  const open = link.status === 'Active';
  let body: string;
  if (outcome === 'paid') body = `<p class="msg" role="status">${t.paid}</p>`;
  else if (outcome === 'declined') body = `<p class="msg" role="status">${t.declined}</p>`;
  else if (outcome === 'closed' || !open) body = `<p class="msg" role="status">${t.closed}</p>`;
  else body = '';
  const buttons =
    open && outcome !== 'paid'
      ? `<form method="post" action="/pay/straumur/${ref}/pay"><button class="pay" type="submit">${t.pay}</button></form>` +
        `<form method="post" action="/pay/straumur/${ref}/decline"><button class="decline" type="submit">${t.decline}</button></form>`
      : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(link.description ?? 'Straumur')}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>${escapeHtml(link.description ?? 'Straumur')}</h1>
<table>${rows}</table>
<p class="total">${t.total}: ${escapeHtml(formatAmount(link.amount, link.currency))}</p>
${body}${buttons}
<p class="note">${t.sandbox}</p>
</main>
</body>
</html>`;
}
