import { useEffect, useRef } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { isEncodableLinkUrl } from '../../../shared/domain/link-url';
import type { Currency } from '../../../shared/domain/money';
import { formatQuantity } from '../../../shared/domain/format';
import type { PricedLine } from '../../../shared/domain/schemas';
import { customerI18n, customerLanguage, intlLocale, showDocumentLanguageOf } from '../i18n';
import { usePos } from './context';
import { Money, useFormatMoney } from './Money';
import { QrCode } from './QrCode';
import { SaleStatus } from './SaleStatus';

/**
 * The customer-facing display: the cart being paid, the total, the QR code and the status.
 * No staff controls and no other sale's data. Its language is the customer's own choice.
 */
export function CustomerView() {
  useEffect(() => showDocumentLanguageOf('customer'), []);
  return (
    <I18nextProvider i18n={customerI18n}>
      <CustomerScreen />
    </I18nextProvider>
  );
}

function CustomerScreen() {
  const { t, i18n } = useTranslation();
  const sale = usePos((s) => s.sale);
  const cart = usePos((s) => s.customerCart);
  // The clerk's window publishes a cart only while no sale is on screen or while it changes a live
  // sale's cart; then the cart shows and the QR code does not (it is about to change). Otherwise the
  // sale shows: waiting with its QR code, or finished ("Thank you") until the next cart starts.
  const showSale = sale !== null && cart === null;
  const shopName = usePos((s) => s.settings?.shop.name ?? '');
  useForgetLanguageWhenSaleEnds(sale !== null);

  return (
    <main className="customer" id="main">
      <header className="customer__header">
        <h1>{shopName || 'LinkPOS'}</h1>
        <button
          type="button"
          className="button"
          onClick={() => customerLanguage.chooseNext()}
          aria-label={`${t('customer.language')}: ${i18n.language.toUpperCase()}`}
        >
          {i18n.language.toUpperCase()}
        </button>
      </header>
      {!showSale && cart ? (
        <div className="customer__sale">
          <ul className="customer__lines" aria-label={t('cart.heading')}>
            {cart.lines.map((line) => (
              <CustomerLine key={line.id} line={line} currency={cart.currency} />
            ))}
          </ul>
          <div className="customer__pay">
            <div className="customer__total">
              <span>{t('customer.total')}</span>
              <Money minor={cart.totalMinor} currency={cart.currency} />
            </div>
          </div>
        </div>
      ) : !showSale || !sale ? (
        <p className="customer__welcome">{t('customer.welcome')}</p>
      ) : (
        <div className="customer__sale">
          <ul className="customer__lines" aria-label={t('cart.heading')}>
            {sale.totals.lines.map((line) => (
              <CustomerLine key={line.id} line={line} currency={sale.currency} />
            ))}
          </ul>
          <div className="customer__pay">
            <div className="customer__total">
              <span>{t('customer.total')}</span>
              <Money minor={sale.amountMinor} currency={sale.currency} />
            </div>
            {sale.link && isEncodableLinkUrl(sale.link.url) && (sale.state === 'waiting' || sale.state === 'opened') && (
              <figure className="checkout__qr">
                <QrCode url={sale.link.url} label={t('sale.qrAlt')} size={420} />
                <figcaption>{t('customer.scanWithPhone')}</figcaption>
              </figure>
            )}
            <SaleStatus state={sale.state} connectionLost={false} large />
            {sale.state === 'paid' && <p className="customer__thanks">{t('customer.thanks')}</p>}
          </div>
        </div>
      )}
    </main>
  );
}

/**
 * One line as the customer reads it, in their language: "3 × Kanelbulle" with "SEK 15.00 each"
 * under it, or "Tomater" with "1.250 kg × SEK 49.95/kg"; one piece is just its name.
 */
function CustomerLine({ line, currency }: { line: PricedLine; currency: Currency }) {
  const { t, i18n } = useTranslation();
  const formatMoney = useFormatMoney();
  const pieces = line.weighed ? null : line.quantityMilli / 1000;
  const price = formatMoney(line.unitPriceMinor, currency);
  const detail = line.weighed
    ? `${formatQuantity(line.quantityMilli, true, intlLocale(i18n.language))} × ${price}/kg`
    : pieces !== 1
      ? t('customer.each', { price })
      : null;
  return (
    <li>
      <span className="customer__item">
        <span>{pieces !== null && pieces !== 1 ? t('customer.pieces', { count: pieces, name: line.name }) : line.name}</span>
        {detail && <span className="customer__detail">{detail}</span>}
      </span>
      <Money minor={line.totalMinor} currency={currency} />
    </li>
  );
}

/** The next customer starts in the shop's language, not in the one the last customer picked. */
function useForgetLanguageWhenSaleEnds(saleOnScreen: boolean) {
  const hadSale = useRef(saleOnScreen);
  useEffect(() => {
    if (hadSale.current && !saleOnScreen) customerLanguage.saleEnded();
    hadSale.current = saleOnScreen;
  }, [saleOnScreen]);
}
