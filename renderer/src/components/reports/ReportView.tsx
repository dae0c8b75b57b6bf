import { useTranslation } from 'react-i18next';
import type { CountSum, Report, ReportSection, ReportSweden } from '../../../../shared/domain/report';
import type { Currency } from '../../../../shared/domain/money';
import { providerInfo } from '../../../../shared/providers/registry';
import { meansWord, swedishMarks } from '../../../../shared/receipt-words';
import { intlLocale } from '../../i18n';
import { VatTable } from '../receipt/VatTable';
import { printFormat } from '../receipt/format';
import '../receipt/receipt.css';

/** An X or Z report as a slip: the same layout on screen, on the receipt printer and in the PDF. */
export function ReportView({
  report,
  paperWidthMm,
  shopName,
  copy = false,
}: {
  report: Report;
  paperWidthMm: 58 | 80;
  shopName: string;
  /** A Z report shown or printed again: on a Swedish till's Z, marked KOPIA (7 kap. 3 § SKVFS 2014:9). */
  copy?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = printFormat(intlLocale(i18n.language));
  const title = report.kind === 'z' ? t('report.zReport', { number: report.number ?? 0 }) : t('report.xReport');
  // Only a Swedish Z is ever a copy: an X report never is, nor another till's Z. Twice the amounts' size.
  const copyMark = copy && report.kind === 'z' && report.sweden !== undefined && (
    <p className="receipt__banner receipt__mark" data-testid="report-copy-mark">
      {swedishMarks.copy}
    </p>
  );
  return (
    <section className={`receipt report receipt--${paperWidthMm}`} role="region" aria-label={t('report.region')}>
      {copyMark}
      <header className="receipt__shop">
        <strong className="receipt__shop-name">{shopName}</strong>
        <strong className="report__title">{title}</strong>
        {report.kind === 'x' && <span>{t('report.interim')}</span>}
        {report.tillName && <span>{t('report.till', { name: report.tillName })}</span>}
        {report.closedBy && <span>{t('report.closedBy', { name: report.closedBy.name })}</span>}
      </header>
      <div className="receipt__meta">
        <span>{report.period.fromAt ? t('report.periodFrom', { time: f.dateTime(report.period.fromAt) }) : t('report.periodStart')}</span>
        <span>{t('report.periodTo', { time: f.dateTime(report.period.toAt) })}</span>
      </div>
      {report.drawerOpenings !== undefined && (
        <div className="report__section">{row(t('report.drawerOpenings'), String(report.drawerOpenings), 'report-drawer-openings')}</div>
      )}
      {report.sweden && <SwedishPart sweden={report.sweden} currency={report.real.currencies[0]?.currency ?? 'SEK'} f={f} />}
      <h2>{t('report.realSales')}</h2>
      <SectionView section={report.real} f={f} />
      {(report.training.currencies.length > 0 || report.training.firstReceipt !== null) && (
        <>
          <h2>{t('report.trainingSales')}</h2>
          <SectionView section={report.training} f={f} />
        </>
      )}
      {report.clerks && report.clerks.length > 0 && (
        <div className="report__section" data-testid="report-clerks">
          <h2>{t('report.byClerk')}</h2>
          {report.clerks.map((row) => (
            <span key={`${row.id}-${row.currency}-${row.training}`} className="receipt__row">
              <span>{row.training ? t('report.clerkTraining', { name: row.name }) : row.name}</span>
              <span className="receipt__amount">
                {t('report.countAndSum', { count: row.sales.count, amount: f.money(row.sales.amountMinor, row.currency) })}
                {row.refunds.count > 0 &&
                  ` · ${t('report.refunds')} ${t('report.countAndSum', { count: row.refunds.count, amount: f.money(row.refunds.amountMinor, row.currency) })}`}
              </span>
            </span>
          ))}
        </div>
      )}
      {copyMark}
    </section>
  );
}

/** One label and value line of a report. */
function row(label: string, value: string, testId?: string) {
  return (
    <span className="receipt__row">
      <span>{label}</span>
      <span className="receipt__amount" data-testid={testId}>
        {value}
      </span>
    </span>
  );
}

/**
 * A Swedish till's additions (7 kap. 2–3 § SKVFS 2014:9): designations, float, copies, goods and
 * services, discounts, Z copies, sales per main group and grand totals.
 */
function SwedishPart({ sweden, currency, f }: { sweden: ReportSweden; currency: Currency; f: ReturnType<typeof printFormat> }) {
  const { t } = useTranslation();
  return (
    <div className="report__section" data-testid="report-sweden">
      <div className="receipt__meta">
        <span>{t('report.swedenOrganisationNumber', { value: sweden.organisationNumber })}</span>
        <span>{t('report.swedenTillDesignation', { value: sweden.tillDesignation })}</span>
        <span>{t('report.swedenModel', { value: sweden.modelDesignation })}</span>
      </div>
      <div className="receipt__totals">
        {row(t('report.swedenFloat'), f.money(sweden.floatMinor, currency), 'report-float')}
        {row(
          t('report.swedenCopies'),
          t('report.countAndSum', { count: sweden.copies.count, amount: f.money(sweden.copies.amountMinor, currency) }),
          'report-copies',
        )}
        {sweden.goods !== undefined && row(t('report.swedenGoods'), String(sweden.goods), 'report-goods')}
        {sweden.services !== undefined && row(t('report.swedenServices'), String(sweden.services), 'report-services')}
        {sweden.discounts &&
          (sweden.discounts.length > 0 ? sweden.discounts : [{ currency, count: 0, amountMinor: 0 }]).map((d) => (
            <span key={d.currency}>
              {row(
                t('report.swedenDiscounts'),
                t('report.countAndSum', { count: d.count, amount: f.money(d.amountMinor, d.currency) }),
                `report-discounts-${d.currency}`,
              )}
            </span>
          ))}
        {sweden.zCopies !== undefined && row(t('report.swedenZCopies'), String(sweden.zCopies), 'report-z-copies')}
        {sweden.groups && sweden.groups.length > 0 && (
          <section aria-label={t('report.swedenGroups')} data-testid="report-groups">
            <h3>{t('report.swedenGroups')}</h3>
            {sweden.groups.map((g) => (
              <span key={`${g.currency} ${g.group}`}>
                {row(
                  g.group || t('report.swedenNoGroup'),
                  t('report.countAndSum', { count: g.count, amount: f.money(g.amountMinor, g.currency) }),
                )}
              </span>
            ))}
          </section>
        )}
        <h3>{t('report.swedenGrandTotals')}</h3>
        {sweden.grandTotals.map((g) => (
          <div key={g.currency}>
            {row(t('report.swedenGrandSales'), f.money(g.salesMinor, g.currency), `grand-sales-${g.currency}`)}
            {row(t('report.swedenGrandReturns'), f.money(g.returnsMinor, g.currency), `grand-returns-${g.currency}`)}
            {row(t('report.swedenGrandNet'), f.money(g.netMinor, g.currency), `grand-net-${g.currency}`)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** One section (real or training) of a report: per currency, VAT per rate, providers and outcomes. */
export function SectionView({
  section,
  f,
  receipts = true,
}: {
  section: ReportSection;
  f: ReturnType<typeof printFormat>;
  /** False for the whole shop: each till numbers its receipts in its own series. */
  receipts?: boolean;
}) {
  const { t } = useTranslation();
  if (section.currencies.length === 0) return <p className="receipt__meta">{t('report.noEntries')}</p>;
  return (
    <div className="report__section">
      {receipts && (
        <p className="receipt__meta">
          {section.firstReceipt === null
            ? t('report.noReceipts')
            : t('report.receipts', { first: section.firstReceipt, last: section.lastReceipt })}
        </p>
      )}
      {section.currencies.map((c) => {
        const money = (minor: number) => f.money(minor, c.currency);
        const countSum = (value: CountSum, currency: Currency) =>
          t('report.countAndSum', { count: value.count, amount: f.money(value.amountMinor, currency) });
        return (
          <div key={c.currency} className="receipt__totals">
            {row(t('report.salesCount'), String(c.sales.count), `sales-count-${c.currency}`)}
            {row(t('report.gross'), money(c.sales.amountMinor), `gross-${c.currency}`)}
            {row(t('report.net'), money(c.netTotalMinor))}
            {row(t('report.vatTotal'), money(c.vatTotalMinor))}
            <h3>{t('report.vatPerRate')}</h3>
            <VatTable rows={c.vat} rate={f.rate} money={money} />
            {c.means.length > 0 && (
              <section aria-label={t('report.perMeans')}>
                <h3>{t('report.perMeans')}</h3>
                {c.means.map((m) => row(t(`report.${meansWord[m.means]}`), countSum(m, c.currency), `means-${m.means}-${c.currency}`))}
              </section>
            )}
            <h3>{t('report.perProvider')}</h3>
            {c.providers.map((p) => row(providerInfo(p.provider).displayName, countSum(p, c.currency)))}
            {row(t('report.cancelled'), countSum(c.cancelled, c.currency))}
            {row(t('report.expired'), countSum(c.expired, c.currency))}
            {row(t('report.failed'), countSum(c.failed, c.currency))}
            {row(t('report.needsAttention'), countSum(c.needsAttention, c.currency))}
            {row(t('report.refunds'), countSum(c.refunds, c.currency), `refunds-${c.currency}`)}
            {c.refunds.count > 0 && (
              <>
                <h3>{t('report.refundVat')}</h3>
                <VatTable rows={c.refundVat} rate={f.rate} money={money} />
              </>
            )}
            {row(t('report.netSales'), money(c.netSalesMinor), `net-sales-${c.currency}`)}
            {c.refunds.count > 0 && (
              <>
                <h3>{t('report.netVat')}</h3>
                <VatTable rows={c.netVat} rate={f.rate} money={money} />
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
