import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../../../shared/domain/format';
import type { Currency } from '../../../../shared/domain/money';
import { saleStates, type SaleState } from '../../../../shared/domain/sale';
import { errorText, intlLocale } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Money } from '../Money';
import { StatusIcon } from '../StatusIcon';
import { SaleDetail } from './SaleDetail';
import { Field } from '../Field';
import { DateInput } from '../DateInput';
import { useShopTills } from '../shop/useShopTills';
import type { ShopSale } from '../../../../shared/ipc/channels/shop';

/** `clerk`: a member of staff's id, or '' for all clerks. */
type Filters = { from: string; to: string; state: SaleState | ''; clerk: string; min: string; max: string };
const emptyFilters: Filters = { from: '', to: '', state: '', clerk: '', min: '', max: '' };

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
    ...(filters.clerk ? { clerkId: filters.clerk } : {}),
    ...(typeof min === 'number' ? { minAmountMinor: min } : {}),
    ...(typeof max === 'number' ? { maxAmountMinor: max } : {}),
    limit: 500,
  };
}

/** How often History looks for other tills' sales in the shop database while it shows them. */
const SHOP_REFRESH_MS = 3_000;

/**
 * The sales list from the journal: filters, needs-attention on top (main sorts), and the open sale.
 * With a shop database, a till filter adds the other tills' sales ("All tills" or one till by name).
 */
export function SalesPanel() {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const currency = usePos((s) => s.settings?.currency ?? 'SEK');
  const staff = usePos((s) => (s.staff?.enabled ? s.staff.members : null));
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [sales, setSales] = useState<ShopSale[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const tills = useShopTills();
  const ownTill = tills.find((till) => till.own);
  /** The till filter: 'all', a till's id, or '' for this till (also when there is no shop database). */
  const [till, setTill] = useState('');
  const [incomplete, setIncomplete] = useState(false);
  const dateTime = new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'short', timeStyle: 'short' });

  // Bumped to list again: after a resolve here, or a sale changing anywhere.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    const query = listQuery(filters, currency);
    const load = async (): Promise<
      { ok: true; sales: ShopSale[]; complete: boolean } | { ok: false; error: Parameters<typeof errorText>[0] }
    > => {
      if (!ownTill || till === '') {
        const result = await api.sale.list(query);
        if (!result.ok) return result;
        const tillId = ownTill?.id ?? '';
        return { ok: true, complete: true, sales: result.value.map((sale) => ({ tillId, tillName: '', own: true, sale })) };
      }
      const { clerkId, ...shopQuery } = query;
      const result = await api.shop.sales({ till, ...shopQuery });
      if (!result.ok) return result;
      // Member ids are this till's own (random), so another till's sales never match one of them.
      const sales = clerkId ? result.value.sales.filter((row) => row.sale.clerk?.id === clerkId) : result.value.sales;
      return { ok: true, complete: result.value.complete, sales };
    };
    void load().then((result) => {
      if (!live) return;
      if (result.ok) {
        setSales(result.sales);
        setIncomplete(!result.complete);
      } else notify('error', errorText(result.error));
    });
    return () => {
      live = false;
    };
  }, [api, currency, filters, notify, version, till, ownTill]);

  // Other tills' sales arrive through the shop database, not as events: look again every few seconds.
  useEffect(() => {
    if (!ownTill || till === '' || till === ownTill.id) return;
    const timer = setInterval(() => setVersion((v) => v + 1), SHOP_REFRESH_MS);
    return () => clearInterval(timer);
  }, [ownTill, till]);

  // A sale paid or resolved elsewhere moves in the list without a manual refresh.
  useEffect(() => api.events.onSaleChanged(() => setVersion((v) => v + 1)), [api]);

  const openRow = sales.find((row) => `${row.tillId}:${row.sale.id}` === openId) ?? null;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (amountOf(draft.min, currency) === null || amountOf(draft.max, currency) === null)
      return notify('error', t('history.invalidAmount'));
    setFilters(draft);
  };
  const set = (name: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const field = (name: keyof Filters, label: string, type: string) => (
    <Field id={`h-${name}`} label={label}>
      {type === 'date' ? (
        <DateInput id={`h-${name}`} value={draft[name]} onChange={set(name)} />
      ) : (
        <input
          className="input"
          id={`h-${name}`}
          type={type}
          value={draft[name]}
          inputMode={type === 'text' ? 'decimal' : undefined}
          onChange={(e) => set(name)(e.target.value)}
        />
      )}
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
        {staff && (
          <Field id="h-clerk" label={t('history.clerkFilter')}>
            <select className="input" id="h-clerk" value={draft.clerk} onChange={(e) => setDraft((d) => ({ ...d, clerk: e.target.value }))}>
              <option value="">{t('history.allClerks')}</option>
              {staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {tills.length > 0 && (
          <Field id="h-till" label={t('history.tillFilter')}>
            <select className="input" id="h-till" value={till} onChange={(e) => setTill(e.target.value)}>
              <option value="">{t('history.thisTillOption', { name: ownTill?.name ?? '' })}</option>
              <option value="all">{t('history.allTills')}</option>
              {tills
                .filter((other) => !other.own)
                .map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.name}
                  </option>
                ))}
            </select>
          </Field>
        )}
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
          {incomplete && <p role="status">{t('history.shopIncomplete')}</p>}
          {sales.length === 0 ? (
            <p>{t('history.noSales')}</p>
          ) : (
            <ul className="history__rows">
              {sales.map((row) => {
                const { sale } = row;
                const key = `${row.tillId}:${sale.id}`;
                const label = row.own
                  ? t('history.open', { number: sale.number })
                  : t('history.openOther', { number: sale.number, till: row.tillName });
                return (
                  <li key={key} className={`history__row history__row--${sale.state}${key === openId ? ' history__row--open' : ''}`}>
                    <button
                      type="button"
                      className="history__open"
                      aria-label={label}
                      aria-pressed={key === openId}
                      onClick={() => setOpenId(key)}
                    >
                      <span className="history__number">
                        {t('history.saleRow', { number: sale.number })}
                        {sale.demo && <span className="history__training">{t('history.training')}</span>}
                        {till !== '' && <span className="history__till">{row.tillName}</span>}
                      </span>
                      <span className={`status status--${sale.state} history__state`}>
                        <StatusIcon state={sale.state} />
                        <span>{t(`sale.status.${sale.state}`)}</span>
                      </span>
                      <span className="history__time">{dateTime.format(new Date(sale.createdAt))}</span>
                      <Money className="history__amount" minor={sale.amountMinor} currency={sale.currency} />
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {openRow && (
          <SaleDetail
            key={openId}
            saleId={openRow.sale.id}
            otherTill={openRow.own ? null : { name: openRow.tillName, sale: openRow.sale }}
            onChanged={() => setVersion((v) => v + 1)}
          />
        )}
      </div>
    </div>
  );
}
