import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { formatMoney, formatQuantity, formatVatRate } from '../../../shared/domain/format';
import type { PaperWidthMm, Receipt } from '../../../shared/domain/receipt';
import type { CountSum, Report, ReportSection } from '../../../shared/domain/report';
import { providerInfo } from '../../../shared/providers/registry';
import type { UiLanguage } from '../../../shared/domain/settings';
import { intlLocales } from '../../../shared/intl-locale';
import type { LogoImage } from './logo';
import {
  fillWords as fill,
  meansWord,
  receiptSlipWords,
  refundSlipWords,
  reportSlipWords,
  swedishMarks,
  tenderRows,
  testPageWords,
} from '../../../shared/receipt-words';

/**
 * A receipt as ESC/POS bytes for a thermal printer: the same data and the same words as the
 * receipt view (shared/receipt-words.ts), laid out in the printer's columns. The library writes
 * the commands and the code page; this file only decides what goes on which line.
 */

/** Characters per line: 58 mm rolls print 32 (font A); 80 mm rolls 48, or 42 on printers set to it. */
export type SlipColumns = 32 | 42 | 48;

export function slipColumns(paperWidthMm: PaperWidthMm, columns80: 42 | 48): SlipColumns {
  return paperWidthMm === 58 ? 32 : columns80;
}

export interface SlipOptions {
  columns: SlipColumns;
  language: UiLanguage;
  /** Pulse the cash drawer's kick-out connector (pin 2) after the cut. */
  openDrawer?: boolean;
  /** The time zone dates are written in (the till's own by default). */
  timeZone?: string;
  /** The shop's logo, printed at the top of a receipt (Settings: off by default). */
  logo?: LogoImage | null;
  /** A QR code of the receipt number at the foot of a receipt (Settings: off by default). */
  qrCode?: boolean;
}

/** Dots across the paper: 12 a character in font A (58 mm: 384; 80 mm: 576, or 504 set to 42). */
export function printableDots(columns: SlipColumns): number {
  return columns * 12;
}

/**
 * What the QR code at the foot of a receipt holds: the receipt number as it is filed, its series
 * in front — `R` a receipt, `C` a credit note (refund receipt), `T` before either for training —
 * so a scanner at the counter finds the receipt and never mistakes one series for another.
 */
export function receiptCode(receipt: Pick<Receipt, 'receipt' | 'refund' | 'training'>): string {
  return `${receipt.training ? 'T' : ''}${receipt.refund ? 'C' : 'R'}${receipt.receipt.number}`;
}

function logoImage(encoder: ReceiptPrinterEncoder, logo: LogoImage, columns: SlipColumns): void {
  // The encoder wants whole bytes of dots across: a multiple of 8, never wider than the paper.
  const width = Math.max(8, Math.floor(Math.min(logo.width, printableDots(columns)) / 8) * 8);
  const height = Math.max(8, Math.round((logo.height * width) / logo.width / 8) * 8);
  encoder.align('center').image({ data: logo.data, width: logo.width, height: logo.height }, width, height, 'threshold', 128);
  encoder.align('left');
}

/**
 * Windows-1252 holds every Nordic letter (å ä ö æ ø þ ð ý and capitals), € and the dashes and
 * quotes the slip words use. Epson's mapping (the library's default, followed by Star, Bixolon and
 * most clones) selects it with ESC t 16. It is chosen once, never per character, so a printer that
 * ignores automatic code page switching still prints every letter as itself.
 */
export const SLIP_CODEPAGE = 'windows1252';

/**
 * Intl writes some numbers with characters no receipt code page has (a narrow no-break space
 * between thousands in sv/fi/nb, a true minus sign): the slip uses their plain twins.
 */
export function slipText(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u2009\u202f]/g, ' ')
    .replace(/\u2212/g, '-')
    .replace(/[\r\n\t]+/g, ' ');
}

/** Breaks text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = slipText(text).trim();
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > 0 ? space : width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || lines.length === 0) lines.push(rest);
  return lines;
}

/** Left text and right text on one line; when both do not fit, the left wraps above the right. */
export function row(left: string, right: string, width: number): string[] {
  const r = slipText(right);
  const l = slipText(left);
  if (l.length + 1 + r.length <= width) return [l + ' '.repeat(width - l.length - r.length) + r];
  const lefts = wrap(l, width);
  const last = lefts[lefts.length - 1] ?? '';
  if (last.length + 1 + r.length <= width) return [...lefts.slice(0, -1), last + ' '.repeat(width - last.length - r.length) + r];
  return [...lefts, r.padStart(width)];
}

/**
 * The VAT table: rate, net, VAT and gross on one line per rate where the amounts fit the width,
 * else each rate on its own with the amounts beneath, one per line (a 32-column roll in euros).
 */
export function vatTable(
  header: readonly [string, string, string, string],
  rows: readonly (readonly [string, string, string, string])[],
  width: number,
): string[] {
  const cells = [header, ...rows].map((r) => r.map(slipText));
  const first = Math.max(...cells.map((r) => r[0]!.length));
  const size = Math.floor((width - first) / 3);
  if (cells.every((r) => r.slice(1).every((cell) => cell.length < size)))
    return cells.map(
      (r) =>
        r[0]!.padEnd(width - size * 3) +
        r
          .slice(1)
          .map((cell) => cell.padStart(size))
          .join(''),
    );
  return rows.flatMap(([rate, net, vat, gross]) => [
    slipText(rate),
    ...row(`  ${header[1]}`, net, width),
    ...row(`  ${header[2]}`, vat, width),
    ...row(`  ${header[3]}`, gross, width),
  ]);
}

function newEncoder(columns: SlipColumns): ReceiptPrinterEncoder {
  // "\n" only: a carriage return after each line feed is what the library sends by default, and
  // some clones print it as an empty line.
  // Images as GS v 0 raster (one command per band), which every ESC/POS printer we name prints.
  return new ReceiptPrinterEncoder({
    columns,
    language: 'esc-pos',
    codepageMapping: 'epson',
    newline: '\n',
    feedBeforeCut: 4,
    imageMode: 'raster',
  })
    .initialize()
    .codepage(SLIP_CODEPAGE);
}

function lines(encoder: ReceiptPrinterEncoder, texts: string[]): void {
  for (const text of texts) encoder.line(text);
}

function banner(encoder: ReceiptPrinterEncoder, text: string, columns: number): void {
  encoder.align('center').bold(true);
  lines(encoder, wrap(text, columns));
  encoder.bold(false).align('left');
}

/**
 * A Swedish receipt's KOPIA / ÖVNING / EJ KVITTO: double width and height, twice the amounts'
 * size (the amounts print at normal size, the total in bold), as SKVFS 2014:9 7 kap. 1 § asks.
 */
function mark(encoder: ReceiptPrinterEncoder, text: string, columns: number): void {
  encoder.align('center').bold(true).size(2, 2);
  lines(encoder, wrap(text, Math.floor(columns / 2)));
  encoder.size(1, 1).bold(false).align('left');
}

function finish(encoder: ReceiptPrinterEncoder, options: SlipOptions): Uint8Array {
  encoder.cut('partial');
  if (options.openDrawer) encoder.pulse(0, 100, 500);
  return encoder.encode();
}

/** Only the drawer pulse (pin 2, 100 ms on, 500 ms off): no paper is fed or cut. */
export function encodeDrawerKick(): Uint8Array {
  return new ReceiptPrinterEncoder({ language: 'esc-pos' }).initialize().pulse(0, 100, 500).encode();
}

/**
 * A receipt, or a refund receipt (credit note) when `receipt.refund` is set: then its title, its
 * number in the refunds' series, the receipt it refunds, the negative lines and VAT, how the money
 * went back and the clerk's reason, as the receipt view draws it.
 */
export function encodeReceipt(receipt: Receipt, options: SlipOptions): Uint8Array {
  const words = receiptSlipWords[options.language];
  const refundWords = refundSlipWords[options.language];
  const { refund } = receipt;
  const locale = intlLocales[options.language];
  const width = options.columns;
  const money = (minor: number) => formatMoney(minor, receipt.currency, locale);
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'medium',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const rule = () => encoder.line('-'.repeat(width));
  const pair = (left: string, right: string) => lines(encoder, row(left, right, width));
  const text = (value: string) => lines(encoder, wrap(value, width));

  const encoder = newEncoder(width);
  const { fiscal } = receipt;
  const unit = fiscal?.controlUnit;
  const marks = fiscal
    ? [
        ...(unit?.state === 'waiting' ? [swedishMarks.notAReceipt] : []),
        ...(receipt.copy ? [swedishMarks.copy] : []),
        ...(receipt.training || (unit?.state === 'signed' && unit.training) ? [swedishMarks.training] : []),
      ]
    : [];
  for (const m of marks) mark(encoder, m, width);
  if (!fiscal && receipt.training) banner(encoder, words.training, width);
  if (!fiscal && receipt.copy) banner(encoder, words.copy, width);
  if (options.logo) logoImage(encoder, options.logo, width);

  const { shop } = receipt;
  encoder.align('center').bold(true);
  lines(encoder, wrap(shop.name, width));
  encoder.bold(false);
  for (const part of shop.address.split(/\r?\n/)) if (part.trim()) text(part);
  if (shop.phone) text(fill(words.phone, { value: shop.phone }));
  const organisationNumber = fiscal?.organisationNumber || shop.organisationNumber;
  if (organisationNumber) text(fill(words.organisationNumber, { value: organisationNumber }));
  if (shop.vatNumber) text(fill(words.vatNumber, { value: shop.vatNumber }));
  encoder.align('left');
  rule();

  if (refund) {
    encoder.bold(true);
    text(refundWords.receipt);
    encoder.bold(false);
    text(fill(receipt.training ? refundWords.trainingNumber : refundWords.number, { number: receipt.receipt.number }));
    text(fill(refundWords.original, { number: refund.originalReceipt.number }));
  } else text(fill(receipt.training ? words.trainingNumber : words.number, { number: receipt.receipt.number }));
  text(dateTime.format(new Date(receipt.receipt.paidAt)));
  text(fill(words.saleNumber, { number: receipt.saleNumber }));
  if (receipt.till) text(fill(words.till, { name: receipt.till }));
  if (fiscal) text(fill(words.tillDesignation, { value: fiscal.tillDesignation }));
  if (receipt.clerk) text(fill(words.clerk, { name: receipt.clerk }));
  rule();

  for (const line of receipt.lines) {
    text(line.name);
    const quantity = formatQuantity(line.quantityMilli, line.weighed, locale);
    pair(`  ${fill(words.quantityAtPrice, { quantity, price: money(line.unitPriceMinor) })}`, money(line.totalMinor + line.discountMinor));
    if (line.discountMinor !== 0) pair(`  ${words.discount}`, money(-line.discountMinor));
  }
  rule();

  if (receipt.discountMinor !== 0) {
    pair(words.subtotal, money(receipt.subtotalMinor));
    pair(words.discount, money(-receipt.discountMinor));
  }
  encoder.bold(true);
  pair(words.total.toUpperCase(), money(receipt.totalMinor));
  encoder.bold(false);
  encoder.newline();

  const vatRows = receipt.vat.map(
    (v) => [formatVatRate(v.vatRate, locale), money(v.netMinor), money(v.vatMinor), money(v.grossMinor)] as const,
  );
  lines(encoder, vatTable([words.vatRate, words.net, words.vat, words.gross], vatRows, width));
  rule();

  const { payment } = receipt;
  if (payment.tender && !refund) {
    for (const row of tenderRows(payment.tender, words)) {
      if (row.amountMinor === null) text(row.label);
      else pair(row.label, money(row.amountMinor));
    }
  } else text(fill(refund ? refundWords.refundedWith : words.paidWith, { provider: payment.providerName }));
  if (refund) text(refundWords.method[refund.method]);
  if (refund?.reason) text(fill(refundWords.reasonLine, { reason: refund.reason }));
  if (payment.linkReference) text(fill(words.linkReference, { reference: payment.linkReference }));
  text(fill(words.orderReference, { reference: payment.orderReference }));
  if (payment.method) text(fill(words.method, { method: payment.method }));
  if (payment.feeMinor > 0) text(fill(words.providerFee, { amount: money(payment.feeMinor), provider: payment.providerName }));
  if (payment.settlement && !refund) text(words.settlement[payment.settlement]);

  if (fiscal) {
    rule();
    if (unit?.state === 'signed') {
      text(fill(words.controlUnit, { serial: unit.serial }));
      text(fill(words.controlCode, { code: unit.code }));
    } else text(words.controlUnitWaiting);
    if (fiscal.electronic) text(words.electronic);
  }

  if (receipt.thankYouText) {
    encoder.newline().align('center');
    text(receipt.thankYouText);
    encoder.align('left');
  }
  if (options.qrCode) {
    encoder.newline().align('center');
    encoder.qrcode(receiptCode(receipt), { model: 2, size: width === 32 ? 5 : 6, errorlevel: 'm' });
    encoder.align('left');
  }
  if (!fiscal && receipt.training) {
    encoder.newline();
    banner(encoder, words.training, width);
  }
  if (marks.length > 0) encoder.newline();
  for (const m of marks) mark(encoder, m, width);
  return finish(encoder, options);
}

export interface ReportSlipOptions extends SlipOptions {
  /** The shop's name from Settings, on top as on the report view. */
  shopName: string;
  /** A Swedish Z report's reprint: marked KOPIA at twice the amounts' size, top and foot (7 kap. 3 §). */
  copy?: boolean;
}

/**
 * An X or Z report on the receipt printer: the report view's layout (shared words, the same rows
 * and VAT tables) in the printer's columns. Amounts are the report's, never recomputed.
 */
export function encodeReport(report: Report, options: ReportSlipOptions): Uint8Array {
  const words = reportSlipWords[options.language];
  const locale = intlLocales[options.language];
  const slip = receiptSlipWords[options.language];
  const width = options.columns;
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'medium',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const encoder = newEncoder(width);
  const rule = () => encoder.line('-'.repeat(width));
  const text = (value: string) => lines(encoder, wrap(value, width));
  const heading = (value: string) => {
    encoder.bold(true);
    text(value);
    encoder.bold(false);
  };

  // Only a Swedish Z report is ever a copy; an X report never is, nor another till's Z.
  const copy = options.copy === true && report.kind === 'z' && report.sweden !== undefined;
  if (copy) mark(encoder, swedishMarks.copy, width);
  encoder.align('center').bold(true);
  if (options.shopName) lines(encoder, wrap(options.shopName, width));
  lines(encoder, wrap(report.kind === 'z' ? fill(words.zReport, { number: report.number ?? 0 }) : words.xReport, width));
  encoder.bold(false);
  if (report.kind === 'x') text(words.interim);
  if (report.tillName) text(fill(words.till, { name: report.tillName }));
  if (report.closedBy) text(fill(words.closedBy, { name: report.closedBy.name }));
  encoder.align('left');
  rule();
  text(report.period.fromAt ? fill(words.periodFrom, { time: dateTime.format(new Date(report.period.fromAt)) }) : words.periodStart);
  text(fill(words.periodTo, { time: dateTime.format(new Date(report.period.toAt)) }));
  rule();

  const section = (part: ReportSection) => {
    if (part.currencies.length === 0) return text(words.noEntries);
    text(
      part.firstReceipt === null
        ? words.noReceipts
        : fill(words.receipts, { first: part.firstReceipt, last: part.lastReceipt ?? part.firstReceipt }),
    );
    for (const c of part.currencies) {
      const money = (minor: number) => formatMoney(minor, c.currency, locale);
      const pair = (left: string, right: string) => lines(encoder, row(left, right, width));
      const countSum = (value: CountSum) => fill(words.countAndSum, { count: value.count, amount: money(value.amountMinor) });
      const vat = (rows: Report['real']['currencies'][number]['vat']) =>
        lines(
          encoder,
          vatTable(
            [slip.vatRate, slip.net, slip.vat, slip.gross],
            rows.map((v) => [formatVatRate(v.vatRate, locale), money(v.netMinor), money(v.vatMinor), money(v.grossMinor)] as const),
            width,
          ),
        );
      encoder.newline();
      pair(words.salesCount, String(c.sales.count));
      encoder.bold(true);
      pair(words.gross, money(c.sales.amountMinor));
      encoder.bold(false);
      pair(words.net, money(c.netTotalMinor));
      pair(words.vatTotal, money(c.vatTotalMinor));
      encoder.newline();
      heading(words.vatPerRate);
      vat(c.vat);
      encoder.newline();
      if (c.means.length > 0) {
        heading(words.perMeans);
        for (const m of c.means) pair(words[meansWord[m.means]], countSum(m));
        encoder.newline();
      }
      heading(words.perProvider);
      for (const p of c.providers) pair(providerInfo(p.provider).displayName, countSum(p));
      pair(words.cancelled, countSum(c.cancelled));
      pair(words.expired, countSum(c.expired));
      pair(words.failed, countSum(c.failed));
      pair(words.needsAttention, countSum(c.needsAttention));
      pair(words.refunds, countSum(c.refunds));
      if (c.refunds.count > 0) {
        encoder.newline();
        heading(words.refundVat);
        vat(c.refundVat);
      }
      encoder.newline();
      encoder.bold(true);
      pair(words.netSales, money(c.netSalesMinor));
      encoder.bold(false);
      if (c.refunds.count > 0) {
        heading(words.netVat);
        vat(c.netVat);
      }
    }
  };

  if (report.drawerOpenings !== undefined) {
    lines(encoder, row(words.drawerOpenings, String(report.drawerOpenings), width));
    rule();
  }
  if (report.sweden) {
    // A Swedish till's additions (7 kap. 2–3 § SKVFS 2014:9), before the sales as on screen.
    const sweden = report.sweden;
    const currency = report.real.currencies[0]?.currency ?? 'SEK';
    const pair = (left: string, right: string) => lines(encoder, row(left, right, width));
    text(fill(words.swedenOrganisationNumber, { value: sweden.organisationNumber }));
    text(fill(words.swedenTillDesignation, { value: sweden.tillDesignation }));
    text(fill(words.swedenModel, { value: sweden.modelDesignation }));
    pair(words.swedenFloat, formatMoney(sweden.floatMinor, currency, locale));
    pair(
      words.swedenCopies,
      fill(words.countAndSum, { count: sweden.copies.count, amount: formatMoney(sweden.copies.amountMinor, currency, locale) }),
    );
    if (sweden.goods !== undefined) pair(words.swedenGoods, String(sweden.goods));
    if (sweden.services !== undefined) pair(words.swedenServices, String(sweden.services));
    if (sweden.discounts) {
      const rows = sweden.discounts.length > 0 ? sweden.discounts : [{ currency, count: 0, amountMinor: 0 }];
      for (const d of rows) {
        pair(words.swedenDiscounts, fill(words.countAndSum, { count: d.count, amount: formatMoney(d.amountMinor, d.currency, locale) }));
      }
    }
    if (sweden.zCopies !== undefined) pair(words.swedenZCopies, String(sweden.zCopies));
    if (sweden.groups && sweden.groups.length > 0) {
      heading(words.swedenGroups);
      for (const g of sweden.groups) {
        pair(
          g.group || words.swedenNoGroup,
          fill(words.countAndSum, { count: g.count, amount: formatMoney(g.amountMinor, g.currency, locale) }),
        );
      }
    }
    heading(words.swedenGrandTotals);
    for (const g of sweden.grandTotals) {
      pair(words.swedenGrandSales, formatMoney(g.salesMinor, g.currency, locale));
      pair(words.swedenGrandReturns, formatMoney(g.returnsMinor, g.currency, locale));
      pair(words.swedenGrandNet, formatMoney(g.netMinor, g.currency, locale));
    }
    rule();
  }
  heading(words.realSales);
  section(report.real);
  if (report.training.currencies.length > 0 || report.training.firstReceipt !== null) {
    rule();
    heading(words.trainingSales);
    section(report.training);
  }
  rule();
  if (copy) mark(encoder, swedishMarks.copy, width);
  return finish(encoder, options);
}

/**
 * The settings' "Print test page": where it was sent, the columns ruled out, and every Nordic
 * letter and currency sign, so the owner sees at once whether the width and the code page are right.
 */
export function encodeTestPage(printer: { address: string; paperWidthMm: PaperWidthMm }, options: SlipOptions): Uint8Array {
  const words = testPageWords[options.language];
  const width = options.columns;
  const encoder = newEncoder(width);
  banner(encoder, words.title, width);
  encoder.line('-'.repeat(width));
  lines(encoder, wrap(fill(words.printer, { address: printer.address }), width));
  lines(encoder, wrap(fill(words.paper, { width: printer.paperWidthMm, columns: width }), width));
  encoder.line('1234567890'.repeat(5).slice(0, width));
  encoder.line('æøå ÆØÅ äöü ÄÖÜ');
  encoder.line('þðý ÞÐÝ áéíóú € kr');
  encoder.line('-'.repeat(width));
  lines(encoder, wrap(words.letters, width));
  return finish(encoder, options);
}
