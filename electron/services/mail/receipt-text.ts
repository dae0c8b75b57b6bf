import { formatMoney, formatQuantity, formatVatRate } from '../../../shared/domain/format';
import type { Receipt } from '../../../shared/domain/receipt';
import type { UiLanguage } from '../../../shared/domain/settings';
import { intlLocales } from '../../../shared/intl-locale';
import { fillWords as fill, receiptMailWords, receiptSlipWords, swedishMarks, tenderRows } from '../../../shared/receipt-words';

export interface ReceiptMailText {
  subject: string;
  text: string;
}

/**
 * The subject and plain-text body of an e-mailed receipt, in the receipt's language, with the same
 * words as the slip (shared/receipt-words.ts). The PDF attached is the receipt itself; this text is
 * for mail readers that show no attachment.
 */
export function receiptMailText(receipt: Receipt, language: UiLanguage, timeZone?: string): ReceiptMailText {
  const words = receiptSlipWords[language];
  const mail = receiptMailWords[language];
  const locale = intlLocales[language];
  const money = (minor: number) => formatMoney(minor, receipt.currency, locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
  const number = receipt.receipt.number;
  const out: string[] = [mail.attached, ''];
  const { fiscal } = receipt;
  const unit = fiscal?.controlUnit;
  // A Swedish receipt: marked in Swedish, and an e-mailed one says "elektroniskt kassakvitto".
  const marks = fiscal
    ? [
        ...(receipt.copy ? [swedishMarks.copy] : []),
        ...(receipt.training || (unit?.state === 'signed' && unit.training) ? [swedishMarks.training] : []),
      ]
    : [];
  if (fiscal?.electronic) out.push(words.electronic, '');
  if (marks.length) out.push(marks.join(' '), '');
  if (!fiscal && receipt.training) out.push(words.training, '');
  out.push(receipt.shop.name);
  for (const part of receipt.shop.address.split(/\r?\n/)) if (part.trim()) out.push(part.trim());
  const organisationNumber = fiscal?.organisationNumber || receipt.shop.organisationNumber;
  if (organisationNumber) out.push(fill(words.organisationNumber, { value: organisationNumber }));
  if (receipt.shop.vatNumber) out.push(fill(words.vatNumber, { value: receipt.shop.vatNumber }));
  out.push('', fill(receipt.training ? words.trainingNumber : words.number, { number }), dateTime.format(new Date(receipt.receipt.paidAt)));
  if (receipt.till) out.push(fill(words.till, { name: receipt.till }));
  if (fiscal) out.push(fill(words.tillDesignation, { value: fiscal.tillDesignation }));
  out.push('');
  for (const line of receipt.lines) {
    const quantity = formatQuantity(line.quantityMilli, line.weighed, locale);
    out.push(`${line.name}: ${fill(words.quantityAtPrice, { quantity, price: money(line.unitPriceMinor) })} = ${money(line.totalMinor)}`);
  }
  out.push('');
  if (receipt.discountMinor !== 0) out.push(`${words.discount}: ${money(-receipt.discountMinor)}`);
  out.push(`${words.total}: ${money(receipt.totalMinor)}`);
  for (const v of receipt.vat)
    out.push(`${words.vat} ${formatVatRate(v.vatRate, locale)}: ${money(v.vatMinor)} (${words.net} ${money(v.netMinor)})`);
  const { tender } = receipt.payment;
  out.push(
    '',
    ...(tender
      ? tenderRows(tender, words).map((row) => (row.amountMinor === null ? row.label : `${row.label}: ${money(row.amountMinor)}`))
      : [fill(words.paidWith, { provider: receipt.payment.providerName })]),
    fill(words.orderReference, { reference: receipt.payment.orderReference }),
  );
  if (receipt.payment.method) out.push(fill(words.method, { method: receipt.payment.method }));
  if (unit?.state === 'signed')
    out.push('', fill(words.controlUnit, { serial: unit.serial }), fill(words.controlCode, { code: unit.code }));
  if (receipt.thankYouText) out.push('', receipt.thankYouText);
  const subject = fill(receipt.training ? mail.trainingSubject : mail.subject, { number, shop: receipt.shop.name });
  return { subject, text: `${out.join('\n')}\n` };
}
