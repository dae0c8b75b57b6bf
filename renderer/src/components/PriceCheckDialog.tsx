import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatQuantity, formatVatRate } from '../../../shared/domain/format';
import { intlLocale } from '../i18n';
import { lookUpCode } from '../store/catalog-slice';
import type { PriceCheckResult } from '../store/price-check-slice';
import { usePos } from './context';
import { Dialog } from './Dialog';
import { Money } from './Money';

/**
 * Price check (F9): the customer asks what something costs. Every scan while this is open, and a
 * code or name typed here, shows the item's name, price and VAT in large type; nothing goes into
 * the cart (the store routes scans here while it is open). Each answer is journaled as a price
 * enquiry. Esc or Done leaves.
 */
export function PriceCheckDialog() {
  const { t } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  const result = usePos((s) => s.priceCheck);
  const index = usePos((s) => s.catalogIndex);
  const checkPrice = usePos((s) => s.checkPrice);
  const checkProductPrice = usePos((s) => s.checkProductPrice);
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const results = useMemo(() => (trimmed && !/^\d+$/.test(trimmed) ? index.search(trimmed, 6) : []), [index, trimmed]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed) return;
    // A code the catalog knows is that item; otherwise a name's best match; otherwise the code, said unknown.
    const found = lookUpCode(index, trimmed);
    if (found.kind !== 'product' && found.kind !== 'in-store' && results[0]) checkProductPrice(results[0]);
    else checkPrice(trimmed);
    setQuery('');
  };

  return (
    <Dialog title={t('priceCheck.title')} onClose={close}>
      <p className="hint">{t('priceCheck.hint')}</p>
      <form className="form price-check__form" onSubmit={submit} noValidate>
        <label>
          {t('priceCheck.field')}
          <input
            className="input"
            type="text"
            autoComplete="off"
            maxLength={64}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoFocus
          />
        </label>
      </form>
      {results.length > 0 && (
        <ul className="price-check__results" aria-label={t('priceCheck.matches')}>
          {results.map((product) => (
            <li key={product.barcode}>
              <button
                type="button"
                className="button price-check__match"
                onClick={() => {
                  checkProductPrice(product);
                  setQuery('');
                }}
              >
                {product.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <PriceCheckAnswer result={result} />
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={close}>
          {t('priceCheck.done')}
        </button>
      </div>
    </Dialog>
  );
}

/** The answer, in large type: the item and its price, or why there is none. Announced as it changes. */
function PriceCheckAnswer({ result }: { result: PriceCheckResult | null }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  if (result === null) {
    return (
      <div className="price-check__answer price-check__answer--waiting" role="status">
        {t('priceCheck.waiting')}
      </div>
    );
  }
  if (result.kind !== 'article') {
    const text =
      result.kind === 'unknown'
        ? t('priceCheck.unknown', { code: result.code })
        : result.kind === 'invalid'
          ? t('scan.invalid', { reason: t(`scan.reasons.${result.reason}`) })
          : t('priceCheck.loading');
    return (
      <div className="price-check__answer price-check__answer--problem" role="alert">
        <span aria-hidden="true">⚠</span> {text}
      </div>
    );
  }
  const { article, currency, labelWeightMilli } = result;
  return (
    <div className="price-check__answer" role="status">
      <p className="price-check__name">{article.name}</p>
      <p className="price-check__price">
        <Money minor={article.unitPriceMinor} currency={currency} />
        {article.weighed ? '/kg' : ''}
      </p>
      <p className="price-check__meta">
        {t('priceCheck.vat', { rate: formatVatRate(article.vatRate, locale) })}
        {article.barcode ? ` · ${t('priceCheck.code', { code: article.barcode })}` : ''}
        {labelWeightMilli !== undefined
          ? ` · ${t('priceCheck.labelWeight', { weight: formatQuantity(labelWeightMilli, true, locale) })}`
          : ''}
      </p>
      <p className="price-check__meta">
        <span aria-hidden="true">✓</span> {t('priceCheck.notAdded')}
      </p>
    </div>
  );
}
