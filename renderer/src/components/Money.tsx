import { useTranslation } from 'react-i18next';
import type { Currency } from '../../../shared/domain/money';
import { formatMoney } from '../../../shared/domain/format';
import { intlLocale } from '../i18n';

export function Money({ minor, currency, className }: { minor: number; currency: Currency; className?: string }) {
  const { i18n } = useTranslation();
  return <span className={className}>{formatMoney(minor, currency, intlLocale(i18n.language))}</span>;
}

export function useFormatMoney(): (minor: number, currency: Currency) => string {
  const { i18n } = useTranslation();
  return (minor, currency) => formatMoney(minor, currency, intlLocale(i18n.language));
}
