import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isEncodableLinkUrl } from '../../../shared/domain/link-url';
import type { SaleView } from '../../../shared/domain/sale';
import { usePos } from './context';
import { Money, useFormatMoney } from './Money';
import { QrCode } from './QrCode';
import { ReceiptActions } from './receipt/ReceiptActions';
import { SaleStatus } from './SaleStatus';
import { formatCountdown, useNow } from './useNow';
import { SaleReason } from './SaleReason';

/** Replaces the product panel while a sale is on screen: the QR code, then the outcome. */
export function CheckoutPanel({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const live = usePos((s) => s.isLive(sale));
  return (
    <section className={`checkout checkout--${sale.state}`} aria-label={t('sale.payment')}>
      {live ? <WaitingView sale={sale} /> : <OutcomeView sale={sale} />}
    </section>
  );
}

function WaitingView({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const shopName = usePos((s) => s.settings?.shop.name ?? '');
  const canSendLink = usePos((s) => s.appInfo?.capabilities.canSendLink ?? false);
  const openDialog = usePos((s) => s.openDialog);
  const checkNow = usePos((s) => s.checkNow);
  const busy = usePos((s) => s.busy);
  const editingLive = usePos((s) => s.editingLive);
  const startEditLive = usePos((s) => s.startEditLive);
  const now = useNow();
  const validTo = sale.link?.validTo ? Date.parse(sale.link.validTo) : null;
  const completing = sale.state === 'completing';

  // Laid out as a grid (styles.css, .checkout__live): the status on top, the QR code filling what is
  // left, the amount and actions beside it and the demo customer below, so nothing a clerk must reach scrolls out of sight.
  return (
    <div className="checkout__live">
      <div className="checkout__head">
        <SaleStatus state={sale.state} connectionLost={sale.connectionLost} large />
      </div>
      {editingLive ? (
        <p className="checkout__editing checkout__main" role="note">
          {t('sale.editingHint')}
        </p>
      ) : completing ? (
        // The link is used up: the customer finished the payment page and the provider is confirming.
        <p className="checkout__editing checkout__main" role="note">
          {t('sale.completingHint')}
        </p>
      ) : sale.link && isEncodableLinkUrl(sale.link.url) ? (
        <figure className="checkout__qr checkout__main">
          <QrCode url={sale.link.url} label={t('sale.qrAlt')} size={560} />
          <figcaption>
            <strong>{t('sale.scanToPay')}</strong> · {shopName}
            {validTo !== null && (
              <span className="checkout__countdown">
                {validTo > now ? t('sale.timeLeft', { time: formatCountdown(validTo - now) }) : t('sale.expiredNow')}
              </span>
            )}
            <small className="checkout__url">{sale.link.url}</small>
          </figcaption>
        </figure>
      ) : sale.link ? (
        <p className="checkout__error checkout__main" role="alert">
          {t('sale.badUrl')}
        </p>
      ) : (
        <div className="checkout__qr checkout__main" aria-hidden="true">
          <div className="qr qr--placeholder checkout__qr-wait" />
        </div>
      )}
      <div className="checkout__side">
        <div className="checkout__amount">
          <Money minor={sale.amountMinor} currency={sale.currency} />
        </div>
        <div className="checkout__actions">
          <button type="button" className="button" onClick={() => void checkNow()} disabled={!sale.link}>
            {t('sale.checkNow')}
          </button>
          {!editingLive && (
            <button
              type="button"
              className="button"
              onClick={() => startEditLive()}
              disabled={!sale.link || sale.state === 'creating' || completing || busy}
            >
              {t('sale.editCart')}
            </button>
          )}
          {canSendLink && !completing && (
            <button type="button" className="button" onClick={() => openDialog({ kind: 'send-link' })} disabled={!sale.link}>
              {t('sale.sendLink')}
            </button>
          )}
          <button type="button" className="button button--danger" onClick={() => openDialog({ kind: 'confirm-cancel' })} disabled={busy}>
            {t('sale.cancel')}
          </button>
        </div>
        <p className="checkout__ref">
          {t('sale.saleNumber', { number: sale.number })} · {t('sale.orderReference', { reference: sale.orderReference })}
        </p>
      </div>
      {sale.demo && sale.link && !editingLive && !completing && <DemoCustomer />}
    </div>
  );
}

/** Demo only: lets someone trying LinkPOS alone play the customer. */
function DemoCustomer() {
  const { t } = useTranslation();
  const demoCustomer = usePos((s) => s.demoCustomer);
  return (
    <div className="demo-customer">
      <p className="hint">{t('sale.demoHint')}</p>
      <div className="checkout__actions">
        <button type="button" className="button" onClick={() => void demoCustomer('pay')}>
          {t('sale.demoPay')}
        </button>
        <button type="button" className="button" onClick={() => void demoCustomer('decline')}>
          {t('sale.demoDecline')}
        </button>
      </div>
    </div>
  );
}

function OutcomeView({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const money = useFormatMoney();
  const newSale = usePos((s) => s.newSale);
  const confirmRecreate = usePos((s) => s.confirmRecreate);
  const chargeAgain = usePos((s) => s.chargeAgain);
  const newSaleButton = useRef<HTMLButtonElement>(null);

  // Focus moves to the next primary action, so Enter starts the next sale.
  useEffect(() => {
    newSaleButton.current?.focus();
  }, [sale.state]);

  const cancelSale = usePos((s) => s.cancelSale);
  const busy = usePos((s) => s.busy);
  // A create whose outcome is unknown, or a link gone with nothing paid: a new link for the same cart.
  const canRecreate = sale.state === 'needs-attention' && (sale.link === null || sale.relinkable === true);
  const ended = sale.state === 'expired' || sale.state === 'cancelled' || sale.state === 'failed';
  // Where a new link could be made, the merchant may let the clerk take the money another way (main decides again).
  const otherTenders = usePos((s) => s.settings?.otherTenders ?? false);
  const openDialog = usePos((s) => s.openDialog);
  const canPayOtherwise = otherTenders && sale.tender === null && (ended || canRecreate);
  return (
    <>
      <SaleStatus state={sale.state} connectionLost={false} large />
      <div className="checkout__amount checkout__amount--outcome">
        <Money minor={sale.amountMinor} currency={sale.currency} />
      </div>
      <SaleReason sale={sale} />
      {sale.tender?.kind === 'cash' && (
        <p className="checkout__change" data-testid="change-due">
          {t('tender.change', { amount: money(sale.tender.changeMinor, sale.currency) })}
        </p>
      )}
      {sale.state === 'paid' && <ReceiptActions saleId={sale.id} />}
      <p className="checkout__ref">
        {t('sale.saleNumber', { number: sale.number })} · {t('sale.orderReference', { reference: sale.orderReference })}
      </p>
      <div className="checkout__actions">
        {ended && (
          <button type="button" className="button button--large" onClick={() => void chargeAgain()}>
            {t('sale.chargeAgain')}
          </button>
        )}
        {canRecreate && (
          <button type="button" className="button button--large" disabled={busy} onClick={() => void confirmRecreate()}>
            {t('sale.recreate')}
          </button>
        )}
        {canPayOtherwise && (
          <button type="button" className="button button--large" disabled={busy} onClick={() => openDialog({ kind: 'pay-otherwise' })}>
            {t('tender.open')}
          </button>
        )}
        {sale.relinkable && (
          <button type="button" className="button button--large" disabled={busy} onClick={() => void cancelSale()}>
            {t('sale.closeUnpaid')}
          </button>
        )}
        <button ref={newSaleButton} type="button" className="button button--primary button--large" onClick={newSale}>
          {t('sale.newSale')}
          <kbd aria-hidden="true">Enter</kbd>
        </button>
      </div>
    </>
  );
}
