import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { RefundView } from '../../../../shared/domain/refund';
import type { SaleState, SaleView } from '../../../../shared/domain/sale';
import { errorText, intlLocale } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { printFormat } from '../receipt/format';
import { ReceiptView } from '../receipt/ReceiptView';
import { PrintButtons } from '../receipt/ReceiptActions';
import { StatusIcon } from '../StatusIcon';

/** A refund's state drawn as the sale states' colour and icon: done, failed, needs a person, or under way. */
const look = (state: RefundView['state']): SaleState =>
  state === 'refunded' ? 'paid' : state === 'failed' || state === 'needs-attention' ? state : 'completing';

/**
 * A sale's refunds: each with its state and what happened to the money (at the provider, or
 * recorded for its portal until a person marks it done), and the refund receipt of each one made.
 */
export function SaleRefunds({ sale, onChanged }: { sale: SaleView; onChanged: (sale: SaleView) => void }) {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const f = printFormat(intlLocale(i18n.language));
  if (sale.refunds.length === 0) return null;

  const mark = async (refund: RefundView, done: boolean) => {
    const result = await api.sale.markRefund({ id: sale.id, refundNumber: refund.number, done });
    if (!result.ok) return notify('error', errorText(result.error));
    onChanged(result.value);
  };

  return (
    <>
      <h3>{t('refund.heading')}</h3>
      <ul className="history__refunds">
        {sale.refunds.map((refund) => {
          const waiting = refund.state === 'needs-attention' || (refund.state === 'requested' && refund.method === 'portal');
          return (
            <li key={refund.number} className="history__refund">
              <span className={`status status--${look(refund.state)}`}>
                <StatusIcon state={look(refund.state)} />
                {t('refund.item', {
                  number: refund.number,
                  amount: f.money(refund.amountMinor, sale.currency),
                  state: t(`refund.state.${refund.state}`),
                })}
              </span>
              <span className="history__note">{t(`refund.method.${refund.method}`)}</span>
              {refund.reason && <span className="history__note">{t('refund.reasonLine', { reason: refund.reason })}</span>}
              {waiting && (
                <span className="history__refund-actions">
                  <button type="button" className="button button--primary" onClick={() => void mark(refund, true)}>
                    {t('refund.markDone', { number: refund.number })}
                  </button>
                  <button type="button" className="button" onClick={() => void mark(refund, false)}>
                    {t('refund.markNotDone', { number: refund.number })}
                  </button>
                </span>
              )}
              {refund.state === 'refunded' && <RefundReceipt saleId={sale.id} refundNumber={refund.number} />}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function RefundReceipt({ saleId, refundNumber }: { saleId: string; refundNumber: number }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  useEffect(() => {
    let live = true;
    void api.receipt.get({ id: saleId, refund: refundNumber }).then((result) => {
      if (live && result.ok) setReceipt(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, saleId, refundNumber]);
  return receipt ? (
    <div className="history__receipt">
      <ReceiptView receipt={receipt} />
      <PrintButtons
        document={{ kind: 'receipt', id: saleId, copy: false, refund: refundNumber }}
        printLabel={t('refund.print')}
        pdfLabel={t('refund.savePdf')}
      />
    </div>
  ) : null;
}
