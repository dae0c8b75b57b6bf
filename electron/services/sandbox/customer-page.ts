/**
 * The sandbox's customer payment page: plain server-rendered HTML with no scripts, no inline
 * styles and no external resources, so it works under a strict CSP and on any phone that scans
 * the QR code. The buttons are ordinary form POSTs.
 */

export const pageCsp = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const PAGE_CSS_PATH = '/pay/assets/sandbox.css';

export const pageCss = `
body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #f4f5f7; color: #111; }
main { max-width: 32rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 1.25rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.note { color: #555; margin: 0 0 1rem; }
table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
td { padding: .4rem 0; border-bottom: 1px solid #eee; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.total { font-size: 1.6rem; font-weight: 700; text-align: right; margin: 1rem 0; }
.status { font-size: 1.2rem; font-weight: 600; padding: .75rem; border-radius: 8px; margin: 1rem 0; }
.status.ok { background: #e3f6e8; color: #0b5d1e; }
.status.bad { background: #fde8e8; color: #8a1010; }
form { margin: .5rem 0; }
button { width: 100%; min-height: 3.5rem; font-size: 1.25rem; border-radius: 10px; border: 0; cursor: pointer; }
button.pay { background: #0b5d1e; color: #fff; }
button.decline { background: #e6e6e6; color: #111; }
`.trim();

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Minor units → "1 234.50 SEK" without floating point. ISK is shown without decimals. */
export function formatAmount(minor: number, currency: string): string {
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const grouped = String(major).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const text = currency === 'ISK' ? grouped : `${grouped}.${cents}`;
  return `${negative ? '−' : ''}${text} ${currency}`;
}

export interface PageRow {
  readonly name: string;
  readonly detail: string;
  readonly amountMinor: number;
}

export type PageState = 'open' | 'declined' | 'paid' | 'invalid';

export interface PaymentPageModel {
  readonly provider: string;
  readonly title: string;
  readonly orderReference: string;
  readonly message: string;
  readonly rows: readonly PageRow[];
  readonly amountMinor: number;
  readonly currency: string;
  readonly state: PageState;
  /** Where the Pay and Decline forms post, e.g. /pay/ecster/KEY */
  readonly actionBase: string;
}

const stateText: Record<PageState, { text: string; cls: string } | null> = {
  open: null,
  declined: { text: 'Payment declined', cls: 'bad' },
  paid: { text: 'Payment complete — thank you!', cls: 'ok' },
  invalid: { text: 'This payment link is no longer valid.', cls: 'bad' },
};

export function renderPaymentPage(model: PaymentPageModel): string {
  const rows = model.rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}${r.detail ? `<br><small>${escapeHtml(r.detail)}</small>` : ''}</td><td class="num">${escapeHtml(formatAmount(r.amountMinor, model.currency))}</td></tr>`,
    )
    .join('');
  const status = stateText[model.state];
  const canPay = model.state === 'open' || model.state === 'declined';
  const actions = canPay
    ? `<form method="post" action="${escapeHtml(model.actionBase)}/pay"><button class="pay" type="submit">Pay</button></form>
<form method="post" action="${escapeHtml(model.actionBase)}/decline"><button class="decline" type="submit">Decline</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<link rel="stylesheet" href="${PAGE_CSS_PATH}">
</head>
<body>
<main>
<h1>${escapeHtml(model.title)}</h1>
<p class="note">${escapeHtml(model.provider)} sandbox — no real money moves. Order ${escapeHtml(model.orderReference)}</p>
${model.message ? `<p>${escapeHtml(model.message)}</p>` : ''}
<table>${rows}</table>
<p class="total">${escapeHtml(formatAmount(model.amountMinor, model.currency))}</p>
${status ? `<p class="status ${status.cls}" role="status">${escapeHtml(status.text)}</p>` : ''}
${actions}
</main>
</body>
</html>`;
}

export function renderNotFoundPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment link not found</title><link rel="stylesheet" href="${PAGE_CSS_PATH}"></head>
<body><main><h1>Payment link not found</h1><p class="status bad" role="status">This payment link is no longer valid.</p></main></body></html>`;
}
