import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../../../shared/domain/format';
import type { Currency } from '../../../../shared/domain/money';
import { saleStates, type SaleState, type SaleView } from '../../../../shared/domain/sale';
import { errorText, intlLocale } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Money } from '../Money';
import { StatusIcon } from '../StatusIcon';
import { SaleDetail } from './SaleDetail';
import { Field } from '../Field';

type Filters = { from: string; to: string; state: SaleState | ''; min: string; max: string };
const emptyFilters: Filters = { from: '', to: '', state: '', min: '', max: '' };

/** Local calendar day → the instant it starts (or ends), as main compares instants. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d)).toISOString();
}

/** Typed amount → minor units; undefined when empty, null when not an amount. */
function amountOf(text: string, currency: Currency): number | null | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseMoneyInput(text, currency);
  return parsed.ok ? parsed.minor : null;
}

function listQuery(filters: Filters, currency: Currency) {
  const from = dayBound(filters.from, false);
  const to = dayBound(filters.to, true);
  const min = amountOf(filters.min, currency);
  const max = amountOf(filters.max, currency);
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(filters.state ? { states: [filters.state] } : {}),
    ...(typeof min === 'number' ? { minAmountMinor: min } : {}),
    ...(typeof max === 'number' ? { maxAmountMinor: max } : {}),
    limit: 500,
  };
}

/** The sales list from the journal: filters, needs-attention on top (main sorts), and the open sale. */
export function SalesPanel() {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const currency = usePos((s) => s.settings?.currency ?? 'SEK');
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [sales, setSales] = useState<SaleView[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const dateTime = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'short', timeStyle: 'short' });

  // Bumped to list again: after a resolve here, or a sale changing anywhere.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void api.sale.list(listQuery(filters, currency)).then((result) => {
      if (!live) return;
      if (result.ok) setSales(result.value);
      else notify('error', errorText(result.error));
    });
    return () => {
      live = false;
    };
  }, [api, currency, filters, notify, version]);

  // A sale paid or resolved elsewhere moves in the list without a manual refresh.
  useEffect(() => api.events.onSaleChanged(() => setVersion((v) => v + 1)), [api]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (amountOf(draft.min, currency) === null || amountOf(draft.max, currency) === null)
      return notify('error', t('history.invalidAmount'));
    setFilters(draft);
  };
  const field = (name: keyof Filters, label: string, type: string) => (
    <Field id={`h-${name}`} label={label}>
      <input
        className="input"
        id={`h-${name}`}
        type={type}
        value={draft[name]}
        inputMode={type === 'text' ? 'decimal' : undefined}
        onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
      />
    </Field>
  );

  return (
    <div className="history__sales">
      <form className="history__filters card" aria-label={t('history.filters')} onSubmit={apply}>
        {field('from', t('history.from'), 'date')}
        {field('to', t('history.to'), 'date')}
        <Field id="h-state" label={t('history.status')}>
          <select
            className="input"
            id="h-state"
            value={draft.state}
            onChange={(e) => setDraft((d) => ({ ...d, state: e.target.value as SaleState | '' }))}
          >
            <option value="">{t('history.anyStatus')}</option>
            {saleStates.map((state) => (
              <option key={state} value={state}>
                {t(`sale.status.${state}`)}
              </option>
            ))}
          </select>
        </Field>
        {field('min', t('history.minAmount'), 'text')}
        {field('max', t('history.maxAmount'), 'text')}
        <div className="history__filter-buttons">
          <button type="submit" className="button button--primary">
            {t('history.apply')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(emptyFilters);
              setFilters(emptyFilters);
            }}
          >
            {t('history.reset')}
          </button>
        </div>
      </form>
      <div className="history__body">
        <section className="history__list card" aria-label={t('history.salesList')}>
          {sales.length === 0 ? (
            <p>{t('history.noSales')}</p>
          ) : (
            <ul className="history__rows">
              {sales.map((sale) => (
                <li key={sale.id} className={`history__row history__row--${sale.state}${sale.id === openId ? ' history__row--open' : ''}`}>
                  <button
                    type="button"
                    className="history__open"
                    aria-label={t('history.open', { number: sale.number })}
                    aria-pressed={sale.id === openId}
                    onClick={() => setOpenId(sale.id)}
                  >
                    <span className="history__number">
                      {t('history.saleRow', { number: sale.number })}
                      {sale.demo && <span className="history__training">{t('history.training')}</span>}
                    </span>
                    <span className={`status status--${sale.state} history__state`}>
                      <StatusIcon state={sale.state} />
                      <span>{t(`sale.status.${sale.state}`)}</span>
                    </span>
                    <span className="history__time">{dateTime.format(new Date(sale.createdAt))}</span>
                    <Money className="history__amount" minor={sale.amountMinor} currency={sale.currency} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {openId && <SaleDetail key={openId} saleId={openId} onChanged={() => setVersion((v) => v + 1)} />}
      </div>
    </div>
  );
}
