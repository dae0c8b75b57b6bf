import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../../shared/domain/sale';
import { Money } from '../Money';

/**
 * The question before a Z report. With sales not final yet (a link that may still be paid, a sale
 * that needs a look) it lists them first: a payment after the Z counts in the next period, and the
 * clerk may rather resolve them. Main refuses a Z in that case unless this question was answered.
 */
export function CloseDayConfirm({
  openSales,
  onClose,
  onCancel,
  onResolve,
}: {
  openSales: readonly SaleView[];
  onClose: () => void;
  onCancel: () => void;
  onResolve: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="reports__confirm" role="alertdialog" aria-label={t('report.makeZ')}>
      {openSales.length === 0 ? (
        <p>{t('report.confirmZ')}</p>
      ) : (
        <>
          <p>{t('report.openSalesIntro', { count: openSales.length })}</p>
          <ul className="reports__open-sales" aria-label={t('report.openSales')}>
            {openSales.map((sale) => (
              <li key={sale.id}>
                <span>{sale.orderReference}</span> <span>{t(`sale.status.${sale.state}`)}</span>{' '}
                <Money minor={sale.amountMinor} currency={sale.currency} />
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button button--danger" onClick={onClose}>
        {openSales.length === 0 ? t('report.yesClose') : t('report.closeAnyway')}
      </button>
      {openSales.length > 0 && (
        <button type="button" className="button button--primary" onClick={onResolve} autoFocus>
          {t('report.resolveFirst')}
        </button>
      )}
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
