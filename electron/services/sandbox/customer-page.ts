/**
 * The sandbox's customer payment page, one builder for every provider: plain server-rendered HTML
 * with no scripts and no external resources, so it works under a strict CSP and on any phone that
 * scans the QR code. The buttons are ordinary form POSTs. Each provider's routes map their link to
 * a `PaymentPageModel` and may bring their own wording (Straumur's page speaks Icelandic).
 */

/**
 * Where the styles go: `linked` serves them from PAGE_CSS_PATH (CSP `style-src 'self'`, no inline
 * style at all, as Ecster's page is checked), `inline` puts them in the page (a page that loads
 * nothing else at all, as Straumur's page is checked).
 */
export type PageStyles = 'linked' | 'inline';

export function pageCspFor(styles: PageStyles): string {
  const styleSrc = styles === 'linked' ? "'self'" : "'unsafe-inline'";
  return `default-src 'none'; style-src ${styleSrc}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}

export const pageCsp = pageCspFor('linked');

export const PAGE_CSS_PATH = '/pay/assets/sandbox.css';

export const pageCss = `
body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #f4f5f7; color: #111; }
main { max-width: 32rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 1.25rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.note { color: #555; margin: 0 0 1rem; }
table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
td { padding: .4rem 0; border-bottom: 1px solid #eee; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; padding-left: .5rem; }
.total { font-size: 1.6rem; font-weight: 700; text-align: right; margin: 1rem 0; }
.status { font-size: 1.2rem; font-weight: 600; padding: .75rem; border-radius: 8px; margin: 1rem 0; }
.status.ok { background: #e3f6e8; color: #0b5d1e; }
.status.bad { background: #fde8e8; color: #8a1010; }
form { margin: .5rem 0; }
button { width: 100%; min-height: 3.5rem; font-size: 1.25rem; border-radius: 10px; border: 0; cursor: pointer; }
button.pay { background: #0b5d1e; color: #fff; }
button.decline { background: #e6e6e6; color: #111; }
fieldset { border: 0; padding: 0; margin: 0 0 .75rem; }
fieldset label { display: block; padding: .4rem 0; font-size: 1.1rem; }
`.trim();

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Minor units → "1 234.50 SEK" without floating point; ISK is whole krónur, "1 500 kr.". */
export function formatAmount(minor: number, currency: string): string {
  const abs = Math.abs(minor);
  const major = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const text = currency === 'ISK' ? `${major} kr.` : `${major}.${String(abs % 100).padStart(2, '0')} ${currency}`;
  return `${minor < 0 ? '−' : ''}${text}`;
}

export interface PageTexts {
  readonly lang: string;
  readonly pay: string;
  readonly decline: string;
  readonly total: string;
  readonly paid: string;
  readonly declined: string;
  readonly invalid: string;
}

export const englishPageTexts: PageTexts = {
  lang: 'en',
  pay: 'Pay',
  decline: 'Decline',
  total: 'Total',
  paid: 'Payment complete — thank you!',
  declined: 'Payment declined',
  invalid: 'This payment link is no longer valid.',
};

export interface PageRow {
  readonly name: string;
  readonly detail: string;
  readonly amountMinor: number;
}

/** `declined` keeps the buttons: a declined link can still be paid. */
export type PageState = 'open' | 'declined' | 'paid' | 'invalid';

export interface PaymentPageModel {
  readonly title: string;
  /** Under the title: that this is a sandbox, and whatever identifies the order. */
  readonly note: string;
  readonly message?: string;
  readonly rows: readonly PageRow[];
  readonly amountMinor: number;
  readonly currency: string;
  readonly state: PageState;
  /** Where the Pay and Decline forms post, e.g. /pay/ecster/KEY */
  readonly actionBase: string;
  readonly texts?: PageTexts;
  readonly styles?: PageStyles;
  /** A choice the customer makes before Pay (Ecster's payment method), posted with the Pay form; the first is chosen. */
  readonly methods?: { readonly name: string; readonly options: readonly { readonly value: string; readonly label: string }[] };
}

function methodChoice(methods: PaymentPageModel['methods']): string {
  if (!methods || methods.options.length === 0) return '';
  const options = methods.options
    .map(
      (o, i) =>
        `<label><input type="radio" name="${escapeHtml(methods.name)}" value="${escapeHtml(o.value)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(o.label)}</label>`,
    )
    .join('\n');
  return `<fieldset><legend>Payment method</legend>\n${options}\n</fieldset>\n`;
}

const stateClass: Record<Exclude<PageState, 'open'>, 'ok' | 'bad'> = { declined: 'bad', paid: 'ok', invalid: 'bad' };

function head(title: string, lang: string, styles: PageStyles): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${styles === 'linked' ? `<link rel="stylesheet" href="${PAGE_CSS_PATH}">` : `<style>${pageCss}</style>`}
</head>`;
}

export function renderPaymentPage(model: PaymentPageModel): string {
  const t = model.texts ?? englishPageTexts;
  const rows = model.rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}${r.detail ? `<br><small>${escapeHtml(r.detail)}</small>` : ''}</td><td class="num">${escapeHtml(formatAmount(r.amountMinor, model.currency))}</td></tr>`,
    )
    .join('');
  const status =
    model.state === 'open' ? '' : `<p class="status ${stateClass[model.state]}" role="status">${escapeHtml(t[model.state])}</p>`;
  const canPay = model.state === 'open' || model.state === 'declined';
  const actions = canPay
    ? `<form method="post" action="${escapeHtml(model.actionBase)}/pay">${methodChoice(model.methods)}<button class="pay" type="submit">${escapeHtml(t.pay)}</button></form>
<form method="post" action="${escapeHtml(model.actionBase)}/decline"><button class="decline" type="submit">${escapeHtml(t.decline)}</button></form>`
    : '';
  return `${head(model.title, t.lang, model.styles ?? 'linked')}
<body>
<main>
<h1>${escapeHtml(model.title)}</h1>
<p class="note">${escapeHtml(model.note)}</p>
${model.message ? `<p>${escapeHtml(model.message)}</p>` : ''}
<table>${rows}</table>
<p class="total">${escapeHtml(t.total)}: ${escapeHtml(formatAmount(model.amountMinor, model.currency))}</p>
${status}
${actions}
</main>
</body>
</html>`;
}

export function renderNotFoundPage(): string {
  return `${head('Payment link not found', 'en', 'linked')}
<body><main><h1>Payment link not found</h1><p class="status bad" role="status">This payment link is no longer valid.</p></main></body></html>`;
}
