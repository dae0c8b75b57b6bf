import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { Tender } from '../../../../shared/domain/tender';
import { uiLanguageSchema } from '../../../../shared/domain/settings';
import { receiptLanguage, swedishMarks, tenderRows } from '../../../../shared/receipt-words';
import { intlLocale } from '../../i18n';
import { VatTable } from './VatTable';
import { printFormat } from './format';
import './receipt.css';

/**
 * The one receipt layout, drawn the same on screen, on the thermal printer and in the PDF.
 * Every amount comes from the receipt data (the journal's frozen sale); nothing is recomputed here.
 */
export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { i18n } = useTranslation();
  // A Swedish receipt is in Swedish or English whatever the clerk's language (5 kap. 2 § SKVFS 2014:10).
  const clerks = uiLanguageSchema.safeParse(i18n.language);
  const language = receiptLanguage(receipt, clerks.success ? clerks.data : 'en');
  const { t } = useTranslation(undefined, { lng: language });
  const f = printFormat(intlLocale(language));
  const money = (minor: number) => f.money(minor, receipt.currency);
  const { shop, refund, fiscal } = receipt;
  const unit = fiscal?.controlUnit;
  // A Swedish receipt is marked in Swedish, at twice the size of the amounts (SKVFS 2014:9 7 kap. 1 §).
  const trainingMark = fiscal && (receipt.training || (unit?.state === 'signed' && unit.training));
  const marks = fiscal
    ? [
        ...(unit?.state === 'waiting' ? [swedishMarks.notAReceipt] : []),
        ...(receipt.copy ? [swedishMarks.copy] : []),
        ...(trainingMark ? [swedishMarks.training] : []),
      ]
    : [];
  const numberText = refund
    ? t(receipt.training ? 'refund.trainingNumber' : 'refund.number', { number: receipt.receipt.number })
    : t(receipt.training ? 'receipt.trainingNumber' : 'receipt.number', { number: receipt.receipt.number });
  return (
    <section
      className={`receipt receipt--${receipt.paperWidthMm}${refund ? ' receipt--refund' : ''}`}
      role="region"
      aria-label={refund ? t('refund.receipt') : t('receipt.region')}
      data-receipt-number={receipt.receipt.number}
    >
      {marks.map((mark) => (
        <p key={mark} className="receipt__banner receipt__mark" data-testid="receipt-mark">
          {mark}
        </p>
      ))}
      {!fiscal && receipt.training && <p className="receipt__banner">{t('receipt.training')}</p>}
      {!fiscal && receipt.copy && <p className="receipt__banner receipt__banner--copy">{t('receipt.copy')}</p>}
      <header className="receipt__shop">
        <strong className="receipt__shop-name">{shop.name}</strong>
        {shop.address && <span className="receipt__address">{shop.address}</span>}
        {shop.phone && <span>{t('receipt.phone', { value: shop.phone })}</span>}
        {(fiscal?.organisationNumber || shop.organisationNumber) && (
          <span>{t('receipt.organisationNumber', { value: fiscal?.organisationNumber || shop.organisationNumber })}</span>
        )}
        {shop.vatNumber && <span>{t('receipt.vatNumber', { value: shop.vatNumber })}</span>}
      </header>
      <div className="receipt__meta">
        {refund && <strong className="receipt__title">{t('refund.receipt')}</strong>}
        <span className="receipt__number">{numberText}</span>
        {refund && <span>{t('refund.original', { number: refund.originalReceipt.number })}</span>}
        <span>{f.dateTime(receipt.receipt.paidAt)}</span>
        <span>{t('receipt.saleNumber', { number: receipt.saleNumber })}</span>
        {receipt.till && <span>{t('receipt.till', { name: receipt.till })}</span>}
        {fiscal && <span>{t('receipt.tillDesignation', { value: fiscal.tillDesignation })}</span>}
        {receipt.clerk && <span>{t('receipt.clerk', { name: receipt.clerk })}</span>}
      </div>
      <ul className="receipt__lines">
        {receipt.lines.map((line, index) => (
          <li key={index} className="receipt__line">
            <span className="receipt__line-name">{line.name}</span>
            <span className="receipt__row">
              <span>
                {t('receipt.quantityAtPrice', {
                  quantity: f.quantity(line.quantityMilli, line.weighed),
                  price: money(line.unitPriceMinor),
                })}
              </span>
              <span className="receipt__amount">{money(line.totalMinor + line.discountMinor)}</span>
            </span>
            {line.discountMinor !== 0 && (
              <span className="receipt__row receipt__discount">
                <span>{t('receipt.discount')}</span>
                <span className="receipt__amount">{money(-line.discountMinor)}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="receipt__totals">
        {receipt.discountMinor !== 0 && (
          <>
            <span className="receipt__row">
              <span>{t('receipt.subtotal')}</span>
              <span className="receipt__amount">{money(receipt.subtotalMinor)}</span>
            </span>
            <span className="receipt__row">
              <span>{t('receipt.discount')}</span>
              <span className="receipt__amount">{money(-receipt.discountMinor)}</span>
            </span>
          </>
        )}
        <span className="receipt__row receipt__total">
          <span>{t('receipt.total')}</span>
          <span className="receipt__amount" data-testid="receipt-total">
            {money(receipt.totalMinor)}
          </span>
        </span>
      </div>
      <VatTable rows={receipt.vat} rate={f.rate} money={money} language={language} />
      <div className="receipt__payment">
        {receipt.payment.tender && !refund ? (
          <TenderRows tender={receipt.payment.tender} money={money} />
        ) : (
          <span>{t(refund ? 'refund.refundedWith' : 'receipt.paidWith', { provider: receipt.payment.providerName })}</span>
        )}
        {refund && <span>{t(`refund.method.${refund.method}`)}</span>}
        {refund?.reason && <span>{t('refund.reasonLine', { reason: refund.reason })}</span>}
        {receipt.payment.linkReference && <span>{t('receipt.linkReference', { reference: receipt.payment.linkReference })}</span>}
        <span>{t('receipt.orderReference', { reference: receipt.payment.orderReference })}</span>
        {receipt.payment.method && <span>{t('receipt.method', { method: receipt.payment.method })}</span>}
        {receipt.payment.feeMinor > 0 && (
          <span>{t('receipt.providerFee', { amount: money(receipt.payment.feeMinor), provider: receipt.payment.providerName })}</span>
        )}
        {receipt.payment.settlement && !refund && <span>{t(`receipt.settlement.${receipt.payment.settlement}`)}</span>}
      </div>
      {fiscal && (
        <div className="receipt__fiscal" data-testid="receipt-fiscal">
          {unit?.state === 'signed' ? (
            <>
              <span>{t('receipt.controlUnit', { serial: unit.serial })}</span>
              <span className="receipt__code" data-testid="receipt-control-code">
                {t('receipt.controlCode', { code: unit.code })}
              </span>
            </>
          ) : (
            <strong>{t('receipt.controlUnitWaiting')}</strong>
          )}
          {fiscal.electronic && <span>{t('receipt.electronic')}</span>}
        </div>
      )}
      {receipt.thankYouText && <p className="receipt__thanks">{receipt.thankYouText}</p>}
      {!fiscal && receipt.training && <p className="receipt__banner">{t('receipt.training')}</p>}
      {marks.map((mark) => (
        <p key={mark} className="receipt__banner receipt__mark">
          {mark}
        </p>
      ))}
    </section>
  );
}

/** How a sale paid another way was paid: cash given and change, or the card terminal and its reference. */
function TenderRows({ tender, money }: { tender: Tender; money: (minor: number) => string }) {
  const { t } = useTranslation();
  const words = {
    cash: t('receipt.cash'),
    change: t('receipt.change'),
    cardTerminal: t('receipt.cardTerminal'),
    // Filled here: fillWords then finds no placeholder left in it.
    terminalReference: tender.kind === 'terminal' ? t('receipt.terminalReference', { reference: tender.reference }) : '',
  };
  return (
    <>
      {tenderRows(tender, words).map((row) =>
        row.amountMinor === null ? (
          <span key={row.label}>{row.label}</span>
        ) : (
          <span key={row.label} className="receipt__row" data-testid={`receipt-tender-${tender.kind}`}>
            <span>{row.label}</span>
            <span className="receipt__amount">{money(row.amountMinor)}</span>
          </span>
        ),
      )}
    </>
  );
}
