import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopReport as ShopReportData } from '../../../../shared/ipc/channels/shop';
import { errorText, intlLocale } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { printFormat } from '../receipt/format';
import { SectionView } from './ReportView';
import '../receipt/receipt.css';
import './shop-report.css';

/**
 * The whole shop's X report, read from the shop database: the sum of every till's own X report
 * (each since that till's last Z), VAT per rate, each till's part, and every till's Z reports.
 * Shown only when the till has a shop database.
 */
export function ShopReportCard() {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const [report, setReport] = useState<ShopReportData | null>(null);
  const f = printFormat(intlLocale(i18n.language));

  const load = async () => {
    const result = await api.shop.xReport();
    if (!result.ok) return notify('error', errorText(result.error));
    setReport(result.value);
  };

  return (
    <section className="card" aria-labelledby="shop-report-heading">
      <h2 id="shop-report-heading">{t('report.shopTitle')}</h2>
      <div className="reports__buttons">
        <button type="button" className="button" onClick={() => void load()}>
          {t('report.makeShopX')}
        </button>
      </div>
      {report && (
        <div className="receipt report receipt--80" role="region" aria-label={t('report.shopXReport')}>
          <header className="receipt__shop">
            <strong className="report__title">{t('report.shopXReport')}</strong>
            <span>{t('report.shopAt', { time: f.dateTime(report.at), count: report.tills.length })}</span>
          </header>
          {!report.complete && <p role="status">{t('report.shopIncomplete')}</p>}
          <h3>{t('report.realSales')}</h3>
          <SectionView section={report.total.real} f={f} receipts={false} />
          {report.total.training.currencies.length > 0 && (
            <>
              <h3>{t('report.trainingSales')}</h3>
              <SectionView section={report.total.training} f={f} receipts={false} />
            </>
          )}
          <h3>{t('report.perTill')}</h3>
          {report.tills.map((part) => (
            <details key={part.tillId} className="report__till">
              <summary>{part.own ? t('report.thisTill', { name: part.tillName }) : part.tillName}</summary>
              <div role="region" aria-label={t('report.till', { name: part.tillName })}>
                <SectionView section={part.report.real} f={f} />
                {part.report.training.currencies.length > 0 && (
                  <>
                    <h4>{t('report.trainingSales')}</h4>
                    <SectionView section={part.report.training} f={f} />
                  </>
                )}
              </div>
            </details>
          ))}
          <h3>{t('report.shopZ')}</h3>
          {report.zReports.length === 0 ? (
            <p>{t('report.noZ')}</p>
          ) : (
            <ul className="reports__list">
              {report.zReports.map((z) => (
                <li key={`${z.tillId}:${z.number}`}>
                  {t('report.shopZRow', { till: z.tillName, number: z.number, time: f.dateTime(z.toAt), count: z.salesCount })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
