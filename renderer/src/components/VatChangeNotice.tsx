import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CatalogIndex } from '../../../shared/domain/catalog-search';
import { formatVatRate } from '../../../shared/domain/format';
import { countryForCurrency, upcomingVatChanges, type VatChange } from '../../../shared/domain/vat';
import { intlLocale } from '../i18n';
import { usePos } from './context';
import { useNow } from './useNow';

/** The rates the catalog sells at (the catalog keeps a rate per product, not a category). */
function ratesInUse(index: CatalogIndex): Set<number> {
  const rates = new Set<number>();
  for (const product of index.byBarcode.values()) rates.add(product.vatRate);
  return rates;
}

/** "From 1 January 2028 food VAT is 12 %." in the clerk's language, one sentence per change. */
export function vatChangeSentence(change: VatChange, language: string, t: TFunction): string {
  const locale = intlLocale(language);
  const [year, month, day] = change.from.split('-').map(Number) as [number, number, number];
  // The day is a calendar day in the country; formatting it in UTC keeps it that day everywhere.
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
  return t('vatNotice.change', {
    date,
    categories: t(`vatNotice.category.${change.category}`),
    rate: formatVatRate(change.rate, locale),
  });
}

/**
 * Tells the merchant of a VAT rate change from seven days before it, for the shop's country (its
 * currency) and the rates its catalog sells at. Shown in the notice area of the selling screen and
 * in Settings; it stays until the change is in force (a sale is priced with the day's rate anyway).
 */
export function VatChangeNotice() {
  const { t, i18n } = useTranslation();
  const currency = usePos((s) => s.settings?.currency);
  const catalogIndex = usePos((s) => s.catalogIndex);
  const catalogLoaded = usePos((s) => s.catalogLoaded);
  const now = useNow(60_000);
  const rates = useMemo(() => ratesInUse(catalogIndex), [catalogIndex]);
  if (!currency || !catalogLoaded) return null;
  const changes = upcomingVatChanges(countryForCurrency(currency), new Date(now), { ratesInUse: rates });
  if (changes.length === 0) return null;
  return (
    <section className="notice notice--info vat-notice" aria-label={t('vatNotice.title')}>
      <span className="notice__icon" aria-hidden="true">
        ℹ
      </span>
      <ul className="notice__text vat-notice__list">
        {changes.map((change) => (
          <li key={`${change.category}-${change.from}`}>{vatChangeSentence(change, i18n.language, t)}</li>
        ))}
      </ul>
    </section>
  );
}
