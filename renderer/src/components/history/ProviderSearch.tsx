import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { providerIds, providerInfo } from '../../../../shared/providers/registry';
import type { LinkSummaryView, ProviderSearchInput } from '../../../../shared/ipc/channels/history';
import { formatMoney } from '../../../../shared/domain/format';
import { currencySchema } from '../../../../shared/domain/money';
import { errorText, formatCalendarDate, formatDateTime, intlLocale } from '../../i18n';
import { DateInput } from '../DateInput';
import { usePos, usePosApi } from '../context';

const PAGE = 20;
type Draft = {
  orderReference: string;
  cellular: string;
  email: string;
  createdFrom: string;
  status: string;
  expiringBefore: string;
  activeFrom: string;
};
const emptyDraft: Draft = { orderReference: '', cellular: '', email: '', createdFrom: '', status: '', expiringBefore: '', activeFrom: '' };

/**
 * Searches the active provider for links, so a link made on another till (or before a reinstall)
 * can be found and its payment seen. Filters are offered only when the provider supports them
 * (Ecster); Straumur lists with paging only.
 */
export function ProviderSearch() {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const appInfo = usePos((s) => s.appInfo);
  const filtersSupported = appInfo?.capabilities.searchFilters ?? false;
  // Until the app's info arrives, the first provider's name (as before).
  const providerName = providerInfo(appInfo?.provider ?? providerIds[0]).displayName;
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [results, setResults] = useState<LinkSummaryView[] | null>(null);
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState(false);
  const locale = intlLocale(i18n.language);

  const search = async (at: number) => {
    const query: ProviderSearchInput = { offset: at, limit: PAGE };
    if (filtersSupported) {
      for (const [key, value] of Object.entries(draft) as [keyof Draft, string][]) {
        if (value.trim() === '') continue;
        // A date input's value is already the calendar date (YYYY-MM-DD) the provider filters by.
        query[key] = value.trim();
      }
    }
    setBusy(true);
    try {
      const result = await api.history.searchProvider(query);
      if (!result.ok) return notify('error', errorText(result.error));
      setResults(result.value.results);
      setOffset(at);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(0);
  };
  const set = (name: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const input = (name: keyof Draft, label: string, type = 'text') => (
    <div className="field" key={name}>
      <label htmlFor={`ps-${name}`}>{label}</label>
      {type === 'date' ? (
        <DateInput id={`ps-${name}`} value={draft[name]} onChange={set(name)} />
      ) : (
        <input className="input" id={`ps-${name}`} type={type} value={draft[name]} onChange={(e) => set(name)(e.target.value)} />
      )}
    </div>
  );
  // Providers give a time (ISO 8601) or only a day with its offset (Ecster: "2026-12-06+00:00").
  const when = (value: string | null) => {
    if (!value) return '';
    if (!Number.isNaN(Date.parse(value))) return formatDateTime(value, i18n.language);
    return formatCalendarDate(value.slice(0, 10), i18n.language) || value;
  };
  const amount = (r: LinkSummaryView) => {
    const currency = currencySchema.safeParse(r.currency);
    return r.amountMinor !== null && currency.success ? formatMoney(r.amountMinor, currency.data, locale) : '';
  };

  return (
    <section className="history__provider card" aria-label={t('history.searchHeading', { provider: providerName })}>
      <h2>{t('history.searchHeading', { provider: providerName })}</h2>
      <form className="history__filters" onSubmit={submit}>
        {filtersSupported && (
          <>
            {input('orderReference', t('history.orderReference'))}
            {input('cellular', t('history.cellular'), 'tel')}
            {input('email', t('history.email'), 'email')}
            {input('createdFrom', t('history.createdFrom'), 'date')}
            {input('status', t('history.providerStatus'))}
            {input('expiringBefore', t('history.expiringBefore'), 'date')}
            {input('activeFrom', t('history.activeFrom'), 'date')}
          </>
        )}
        <div className="history__filter-buttons">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('history.search')}
          </button>
        </div>
      </form>
      {results !== null && (
        <>
          {results.length === 0 ? (
            <p>{t('history.noResults')}</p>
          ) : (
            <table className="history__results" aria-label={t('history.results')}>
              <thead>
                <tr>
                  <th scope="col">{t('history.reference')}</th>
                  <th scope="col">{t('history.orderReference')}</th>
                  <th scope="col">{t('history.created')}</th>
                  <th scope="col">{t('history.status')}</th>
                  <th scope="col">{t('history.amount')}</th>
                  <th scope="col">{t('history.thisTill')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.reference}>
                    <td>{r.reference}</td>
                    <td>{r.orderReference ?? ''}</td>
                    <td>{when(r.createdAt)}</td>
                    <td title={r.providerStatus || undefined}>{t(`history.linkStatus.${r.status}`)}</td>
                    <td className="history__num">{amount(r)}</td>
                    <td>{r.localSaleId ? t('history.thisTill') : t('history.otherTill')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="history__paging">
            <button
              type="button"
              className="button"
              disabled={busy || offset === 0}
              onClick={() => void search(Math.max(0, offset - PAGE))}
            >
              {t('history.previousPage')}
            </button>
            <span>{t('history.page', { page: Math.floor(offset / PAGE) + 1 })}</span>
            <button type="button" className="button" disabled={busy || results.length < PAGE} onClick={() => void search(offset + PAGE)}>
              {t('history.nextPage')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
