import { useTranslation } from 'react-i18next';
import { priceCart } from '../../../shared/domain/cart';
import { withParkedLines } from '../../../shared/domain/cart-events';
import { intlLocale } from '../i18n';
import { usePos } from './context';
import { Dialog } from './Dialog';
import { Money } from './Money';

/**
 * The parked carts, oldest first: each with when it was parked, its items and total, and Resume;
 * while a cart is being built, also "Add to this sale" (its lines join that cart).
 */
export function ParkedSalesDialog() {
  const { t, i18n } = useTranslation();
  const parked = usePos((s) => s.parked);
  const resume = usePos((s) => s.resumeParked);
  const addToSale = usePos((s) => s.addParkedToSale);
  const cart = usePos((s) => s.cart);
  const close = usePos((s) => s.closeDialog);
  const time = new Intl.DateTimeFormat(intlLocale(i18n.language), { timeStyle: 'short' });
  return (
    <Dialog title={t('parked.list')} onClose={close}>
      {parked.length === 0 ? (
        <p>{t('parked.none')}</p>
      ) : (
        <ul className="parked">
          {parked.map((p, index) => {
            const totals = priceCart(p.cart);
            const at = time.format(new Date(p.parkedAt));
            const items = p.cart.lines.reduce((n, l) => n + (l.weighed ? 1 : l.quantityMilli / 1000), 0);
            return (
              <li key={p.cartId} className="parked__item">
                <span className="parked__when">{t('parked.parkedAt', { time: at })}</span>
                <span className="parked__what">
                  {t('cart.items', { count: items })} · {p.cart.lines.map((l) => l.name).join(', ')}
                </span>
                <Money className="parked__total" minor={totals.totalMinor} currency={totals.currency} />
                <span className="parked__actions">
                  {cart.lines.length > 0 && (
                    <button
                      type="button"
                      className="button"
                      aria-label={t('parked.addLabel', { time: at })}
                      aria-describedby={p.cart.discount ? `parked-note-${p.cartId}` : undefined}
                      disabled={withParkedLines(cart, p.cart) === null}
                      onClick={() => addToSale(p.cartId)}
                    >
                      {t('parked.add')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--primary"
                    aria-label={t('parked.resumeLabel', { time: at })}
                    autoFocus={index === 0}
                    onClick={() => resume(p.cartId)}
                  >
                    {t('parked.resume')}
                  </button>
                </span>
                {cart.lines.length > 0 && p.cart.discount && (
                  <span className="parked__note" id={`parked-note-${p.cartId}`}>
                    {t('parked.addNotWithDiscount')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={close}>
          {t('parked.close')}
        </button>
      </div>
    </Dialog>
  );
}
