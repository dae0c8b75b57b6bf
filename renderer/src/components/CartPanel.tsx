import { useEffect, useMemo, useRef, useState } from 'react';
import { parsePieces } from '../store/cart-slice';
import { useTranslation } from 'react-i18next';
import { priceCart } from '../../../shared/domain/cart';
import type { PricedLine } from '../../../shared/domain/schemas';
import { formatMinorPlain, formatMoney, formatQuantity, parseMoneyInput, type MoneyInputProblem } from '../../../shared/domain/format';
import type { Currency } from '../../../shared/domain/money';
import { englishText } from '../../../shared/messages';
import { intlLocale, messageText } from '../i18n';
import { usePos } from './context';
import { Money } from './Money';

/** The cart: lines on top, totals and the Charge button pinned at the bottom in large type. */
export function CartPanel() {
  const { t } = useTranslation();
  const totals = useShownTotals();
  const selectedLineId = usePos((s) => s.selectedLineId);
  const frozen = usePos((s) => s.sale !== null && !s.editingLive);
  const itemCount = totals.lines.reduce((n, l) => n + (l.weighed ? 1 : l.quantityMilli / 1000), 0);

  return (
    <section className="cart" aria-labelledby="cart-heading">
      <header className="cart__header">
        <h2 id="cart-heading">{t('cart.heading')}</h2>
        <span className="cart__count">{t('cart.items', { count: itemCount })}</span>
      </header>
      {totals.lines.length === 0 ? (
        <p className="cart__empty">{t('cart.empty')}</p>
      ) : (
        <ol className="cart__lines" aria-label={t('cart.heading')}>
          {totals.lines.map((line) => (
            <CartLineRow key={line.id} line={line} selected={line.id === selectedLineId} frozen={frozen} />
          ))}
        </ol>
      )}
      <CartTotals />
    </section>
  );
}

function CartLineRow({ line, selected, frozen }: { line: PricedLine; selected: boolean; frozen: boolean }) {
  const { t, i18n } = useTranslation();
  const currency = usePos((s) => s.cart.currency);
  const selectLine = usePos((s) => s.selectLine);
  const changeSelectedQuantity = usePos((s) => s.changeSelectedQuantity);
  const removeLine = usePos((s) => s.removeLine);

  const change = (delta: 1 | -1) => {
    selectLine(line.id);
    changeSelectedQuantity(delta);
  };

  return (
    <li
      className={`line${selected ? ' line--selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => selectLine(line.id)}
    >
      <div className="line__main">
        <span className="line__name">{line.name}</span>
        <span className="line__detail">
          {/* "1,250 kg × 49,95 kr/kg": the weight carries its unit, the price says what it is per. */}
          {formatQuantity(line.quantityMilli, line.weighed, intlLocale(i18n.language))} ×{' '}
          {line.priceBeforeChangeMinor !== undefined && (
            <>
              {/* Re-priced at the till: the price it had, struck through, and the words (not colour alone). */}
              <s
                className="line__was"
                aria-label={t('priceChange.was', { amount: formatMinorPlain(line.priceBeforeChangeMinor, currency) })}
              >
                <Money minor={line.priceBeforeChangeMinor} currency={currency} />
              </s>{' '}
            </>
          )}
          <Money minor={line.unitPriceMinor} currency={currency} />
          {line.weighed ? '/kg' : ''}
          {line.priceBeforeChangeMinor !== undefined && <span className="line__repriced"> · {t('priceChange.changed')}</span>}
          {line.discountMinor > 0 && (
            <span className="line__discount">
              {' '}
              − <Money minor={line.discountMinor} currency={currency} />
            </span>
          )}
        </span>
      </div>
      {!frozen && !line.weighed && (
        <div className="line__qty">
          <button
            type="button"
            className="icon-button"
            aria-label={t('cart.decrease', { name: line.name })}
            onClick={() => change(-1)}
            disabled={line.quantityMilli <= 1000}
          >
            −
          </button>
          {selected && <QuantityField key={line.quantityMilli} line={line} />}
          <button type="button" className="icon-button" aria-label={t('cart.increase', { name: line.name })} onClick={() => change(1)}>
            +
          </button>
        </div>
      )}
      <Money className="line__total" minor={line.totalMinor} currency={currency} />
      {!frozen && (
        <button
          type="button"
          className="icon-button icon-button--danger"
          aria-label={t('cart.remove', { name: line.name })}
          onClick={() => removeLine(line.id)}
        >
          ×
        </button>
      )}
      {!frozen && selected && <UnitPriceField key={line.unitPriceMinor} line={line} currency={currency} />}
    </li>
  );
}

/**
 * The selected line's quantity, typed: Enter or leaving the field sets it; Esc puts it back.
 * Whole pieces from 1 to 9999; anything else leaves the line as it was. Keyed by the quantity, so
 * a change made elsewhere (+, −) starts it afresh.
 */
function QuantityField({ line }: { line: PricedLine }) {
  const { t } = useTranslation();
  const setLineQuantity = usePos((s) => s.setLineQuantity);
  const pieces = String(line.quantityMilli / 1000);
  const [text, setText] = useState(pieces);
  const commit = () => {
    const typed = parsePieces(text);
    if (typed !== null) {
      if (typed * 1000 !== line.quantityMilli) setLineQuantity(line.id, typed * 1000);
    } else {
      setText(pieces);
    }
  };
  return (
    <input
      className="line__qty-field"
      type="text"
      inputMode="numeric"
      aria-label={t('cart.quantity')}
      value={text}
      onClick={(e) => e.stopPropagation()}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
          e.currentTarget.blur();
        } else if (e.key === 'Escape') {
          setText(pieces);
        }
      }}
    />
  );
}

const priceInputProblem: Record<MoneyInputProblem, string> = {
  empty: 'priceChange.empty',
  negative: 'priceChange.negative',
  'not-digits': 'priceChange.notDigits',
  grouping: 'priceChange.notDigits',
  decimals: 'priceChange.decimals',
  'too-large': 'priceChange.tooLarge',
};

/**
 * The selected line's unit price (a price change): Enter sets it, Esc puts the field back. A price
 * refused (not a number, negative, too large, öre in ISK, past a limit) is said under the field and
 * the line stays as it was, with what was typed still there to correct. Keyed by the price, so a
 * change made elsewhere starts it afresh. Whether a manager must approve is decided at Charge, as
 * for a discount (main counts a lowered price with the discounts).
 */
function UnitPriceField({ line, currency }: { line: PricedLine; currency: Currency }) {
  const { t, i18n } = useTranslation();
  const setLinePrice = usePos((s) => s.setLinePrice);
  // "25,00" in Swedish, "25.00" in English: the price as the clerk would type it (both are read).
  const decimalMark = new Intl.NumberFormat(intlLocale(i18n.language)).format(1.5).charAt(1);
  const shown = formatMinorPlain(line.unitPriceMinor, currency).replace('.', decimalMark);
  const [text, setText] = useState(shown);
  const [error, setError] = useState('');
  const errorId = `unit-price-error-${line.id}`;
  // The field makes the selected line taller: the whole line stays in view (the last one scanned, at the bottom).
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const commit = (): boolean => {
    if (text.trim() === shown) return true;
    const parsed = parseMoneyInput(text, currency);
    if (!parsed.ok) {
      setError(parsed.problem === 'decimals' && currency === 'ISK' ? t('priceChange.wholeKronur') : t(priceInputProblem[parsed.problem]));
      return false;
    }
    const refused = setLinePrice(line.id, parsed.minor);
    if (refused === null) return true;
    if (refused === 'busy') setError(t('priceChange.busy'));
    else if ('key' in refused) setError(messageText(refused, englishText(refused)));
    else if (refused.kind === 'lines')
      setError(t('priceChange.tooLarge')); // never: a price change adds no line
    else {
      const amount = formatMoney(refused.maxMinor, currency, intlLocale(i18n.language));
      setError(t(refused.kind === 'sale' ? 'priceChange.saleLimit' : 'priceChange.lineLimit', { amount }));
    }
    return false;
  };
  return (
    <div className="line__edit" ref={ref} onClick={(e) => e.stopPropagation()}>
      <label className="line__edit-label">
        {t('priceChange.field')}
        <input
          className="input line__price-field"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          maxLength={20}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError('');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (commit()) e.currentTarget.blur();
            } else if (e.key === 'Escape') {
              setText(shown);
              setError('');
            }
          }}
        />
      </label>
      {error && (
        <p className="form__error line__edit-error" id={errorId} role="alert">
          <span aria-hidden="true">⚠</span> {error}
        </p>
      )}
    </div>
  );
}

/**
 * What the cart panel shows: while a sale is on screen, exactly what is being charged (the sale's
 * frozen totals, whichever window charged it); otherwise the cart being built or edited.
 */
function useShownTotals() {
  const cart = usePos((s) => s.cart);
  const saleTotals = usePos((s) => (s.sale && !s.editingLive ? s.sale.totals : null));
  return useMemo(() => saleTotals ?? priceCart(cart), [saleTotals, cart]);
}

function CartTotals() {
  const { t } = useTranslation();
  const cart = usePos((s) => s.cart);
  const totals = useShownTotals();
  const charging = usePos((s) => s.charging);
  const onScreen = usePos((s) => s.sale !== null);
  const charge = usePos((s) => s.charge);
  const editingLive = usePos((s) => s.editingLive);
  const busy = usePos((s) => s.busy);
  const submitEditLive = usePos((s) => s.submitEditLive);
  const cancelEditLive = usePos((s) => s.cancelEditLive);

  return (
    <footer className="cart__footer">
      {totals.discountMinor > 0 && (
        <div className="cart__row">
          <span>{t('cart.discount')}</span>
          <span>
            − <Money minor={totals.discountMinor} currency={totals.currency} />
          </span>
        </div>
      )}
      <div className="cart__row cart__row--vat">
        <span>{t('cart.vatTotal')}</span>
        <Money minor={totals.vatTotalMinor} currency={totals.currency} />
      </div>
      <div className="cart__total" aria-live="polite">
        <span>{t('cart.total')}</span>
        <Money className="cart__total-amount" minor={totals.totalMinor} currency={totals.currency} />
      </div>
      {editingLive && (
        <div className="cart__edit-actions">
          <button type="button" className="button" onClick={cancelEditLive} disabled={busy}>
            {t('sale.discardChanges')}
          </button>
          <button
            type="button"
            className="button button--primary button--charge"
            onClick={() => void submitEditLive()}
            disabled={busy || cart.lines.length === 0}
            aria-keyshortcuts="F2"
          >
            {t('sale.updatePayment')}
            <kbd aria-hidden="true">F2</kbd>
          </button>
        </div>
      )}
      {!onScreen && <ParkButtons />}
      {!onScreen && (
        <button
          type="button"
          className="button button--primary button--charge"
          onClick={() => void charge()}
          disabled={charging || cart.lines.length === 0}
          aria-keyshortcuts="F2"
        >
          {charging ? t('charge.charging') : t('charge.button')}
          <kbd aria-hidden="true">F2</kbd>
        </button>
      )}
    </footer>
  );
}

/** "Park sale" (F6) holds this cart and starts an empty one; "Parked sales" (F7) lists them to resume. Not while a sale is on screen. */
function ParkButtons() {
  const { t } = useTranslation();
  const empty = usePos((s) => s.cart.lines.length === 0);
  const parkedCount = usePos((s) => s.parked.length);
  const charging = usePos((s) => s.charging);
  const park = usePos((s) => s.parkSale);
  const notify = usePos((s) => s.notify);
  const openDialog = usePos((s) => s.openDialog);
  return (
    <div className="cart__park">
      <button
        type="button"
        className="button"
        disabled={empty || charging}
        aria-keyshortcuts="F6"
        onClick={() => {
          if (park()) notify('success', t('parked.parkedNotice'));
        }}
      >
        {t('parked.park')}
        <kbd aria-hidden="true">F6</kbd>
      </button>
      <button
        type="button"
        className="button"
        disabled={parkedCount === 0}
        aria-keyshortcuts="F7"
        onClick={() => openDialog({ kind: 'parked' })}
      >
        {t('parked.list')}
        {parkedCount > 0 && (
          <span className="badge" aria-hidden="true">
            {parkedCount}
          </span>
        )}
        <kbd aria-hidden="true">F7</kbd>
      </button>
    </div>
  );
}
