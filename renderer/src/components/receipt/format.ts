import { formatMoney, formatQuantity, formatVatRate } from '../../../../shared/domain/format';
import type { Currency } from '../../../../shared/domain/money';

/** Formatting shared by the receipt and report views, in the clerk's UI locale. */
export function printFormat(locale: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    money: (minor: number, currency: Currency) => formatMoney(minor, currency, locale),
    quantity: (milli: number, weighed: boolean) => formatQuantity(milli, weighed, locale),
    rate: (basisPoints: number) => formatVatRate(basisPoints, locale),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
  };
}
