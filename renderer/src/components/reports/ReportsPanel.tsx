import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../../shared/domain/report';
import { errorText, intlLocale } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { printFormat } from '../receipt/format';
import { PrintButtons } from '../receipt/ReceiptActions';
import { saveDownload } from '../receipt/download';
import { ReportView } from './ReportView';
import { DateInput } from '../DateInput';
import { Field } from '../Field';
import { finalSaleStates, saleStates, type SaleView } from '../../../../shared/domain/sale';
import { CloseDayConfirm } from './CloseDay';
import type { Verification } from '../../../../shared/ipc/channels/history';
import { ShopReportCard } from './ShopReport';
import { useShopTills } from '../shop/useShopTills';

type ZSummary = { number: number; fromAt: string | null; toAt: string; salesCount: number };

/** End of day: X (interim) and Z (closing) reports, earlier Zs, and the bookkeeper's journal export. */
/** The states a sale is in until it is final: a Z report asks before closing the day over them. */
const openStates = saleStates.filter((state) => !finalSaleStates.has(state));

export function ReportsPanel({ onShowSales }: { onShowSales: () => void }) {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const settings = usePos((s) => s.settings);
  const [report, setReport] = useState<Report | null>(null);
  /** The report on screen is a Z opened again from the list: a copy (marked KOPIA on a Swedish till). */
  const [reopened, setReopened] = useState(false);
  const [zs, setZs] = useState<ZSummary[]>([]);
  /** The open sales shown before a Z report, or null when the question is not on screen. */
  const [confirmZ, setConfirmZ] = useState<SaleView[] | null>(null);
  const [range, setRange] = useState({ from: '', to: '' });
  const [chain, setChain] = useState<string | null>(null);
  const f = printFormat(intlLocale(i18n.language));
  const shopTills = useShopTills();

  const [zVersion, setZVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void api.report.list().then((result) => {
      if (live && result.ok) setZs(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, zVersion]);

  const show = async (load: () => ReturnType<typeof api.report.x>, again = false) => {
    const result = await load();
    if (!result.ok) return notify('error', errorText(result.error));
    setReport(result.value);
    // Only a Swedish till's Z is ever a copy (7 kap. 3 § SKVFS 2014:9); another till's is as it was.
    setReopened(again && result.value.sweden !== undefined);
  };
  const askToCloseDay = async () => {
    const open = await api.sale.list({ states: [...openStates], limit: 100 });
    if (!open.ok) return notify('error', errorText(open.error));
    setConfirmZ(open.value);
  };
  const closeDay = async () => {
    const confirmOpenSales = (confirmZ ?? []).length > 0;
    setConfirmZ(null);
    await show(() => api.report.z({ confirmOpenSales }));
    setZVersion((v) => v + 1);
  };
  /** What the export's check found: the hash chain, and the till's seals where it seals. */
  const checkText = (v: Verification) => {
    const broken = { line: v.firstBreakAt ?? 0, problem: v.problems[0] ?? '' };
    if (v.ok && v.sealedThroughSeq != null) return t('report.chainSealed', { records: v.records, seq: v.sealedThroughSeq });
    if (v.ok) return t('report.chainOk', { records: v.records });
    return v.chainOk ? t('report.sealsBroken', broken) : t('report.chainBroken', broken);
  };
  /** The chosen days as an ISO range: from the first day's start to the last day's end, in local time. */
  const chosenRange = () => {
    const bound = (day: string, end: boolean) => (day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined);
    const from = bound(range.from, false);
    const to = bound(range.to, true);
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  };
  const exportJournal = async (format: 'csv' | 'json') => {
    const result = await api.journal.export({ format, ...chosenRange() });
    if (!result.ok) return notify('error', errorText(result.error));
    const { verification: v } = result.value;
    setChain(checkText(v));
    saveDownload(result.value.fileName, result.value.text, result.value.mimeType);
    notify(v.ok ? 'success' : 'error', t('report.exported', { count: result.value.records, fileName: result.value.fileName }));
  };
  const exportJournalMemory = async () => {
    const result = await api.journal.exportMemory(chosenRange());
    if (!result.ok) return notify('error', errorText(result.error));
    const { fileName, text, mimeType, registrations, damagedLines } = result.value;
    saveDownload(fileName, text, mimeType);
    if (damagedLines > 0) notify('error', t('report.memoryDamaged', { count: damagedLines }));
    else notify('success', t('report.memoryExported', { count: registrations, fileName }));
  };

  // A manager's "Open drawer" without a sale: journaled (the X and Z reports count it), then kicked.
  const openDrawer = async () => {
    const result = await api.drawer.open();
    notify(result.ok ? 'success' : 'error', result.ok ? t('report.drawerOpened') : errorText(result.error));
  };

  return (
    <div className="reports">
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('report.title')}</h2>
        <div className="reports__buttons">
          <button type="button" className="button" onClick={() => void show(() => api.report.x({}))}>
            {t('report.makeX')}
          </button>
          <button type="button" className="button button--danger" onClick={() => void askToCloseDay()}>
            {t('report.makeZ')}
          </button>
          <button type="button" className="button" onClick={() => void openDrawer()}>
            {t('report.openDrawer')}
          </button>
        </div>
        {confirmZ && (
          <CloseDayConfirm
            openSales={confirmZ}
            onClose={() => void closeDay()}
            onCancel={() => setConfirmZ(null)}
            onResolve={() => {
              setConfirmZ(null);
              onShowSales();
            }}
          />
        )}
        <h3>{t('report.previousZ')}</h3>
        {zs.length === 0 ? (
          <p>{t('report.noZ')}</p>
        ) : (
          <ul className="reports__list">
            {zs.map((z) => (
              <li key={z.number}>
                <button type="button" className="link-button" onClick={() => void show(() => api.report.get({ number: z.number }), true)}>
                  {t('report.openZ', { number: z.number })}
                </button>{' '}
                {f.dateTime(z.toAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {report && settings && (
        <section className="card reports__current">
          <ReportView report={report} paperWidthMm={settings.paperWidthMm} shopName={settings.shop.name} copy={reopened} />
          <PrintButtons
            document={
              report.kind === 'z' && report.number !== null
                ? { kind: 'z-report', number: report.number, ...(reopened ? { copy: true } : {}) }
                : { kind: 'x-report', upToSeq: report.period.toSeq }
            }
            printLabel={t('report.print')}
            pdfLabel={t('report.savePdf')}
            queuedText={(printer) => t('report.queued', { printer })}
          />
        </section>
      )}
      {shopTills.length > 0 && <ShopReportCard />}
      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('report.exportHeading')}</h2>
        <div className="history__filters">
          <Field id="ex-from" label={t('history.from')}>
            <DateInput id="ex-from" value={range.from} onChange={(value) => setRange((r) => ({ ...r, from: value }))} />
          </Field>
          <Field id="ex-to" label={t('history.to')}>
            <DateInput id="ex-to" value={range.to} onChange={(value) => setRange((r) => ({ ...r, to: value }))} />
          </Field>
          <div className="history__filter-buttons">
            <button type="button" className="button" onClick={() => void exportJournal('csv')}>
              {t('report.exportCsv')}
            </button>
            <button type="button" className="button" onClick={() => void exportJournal('json')}>
              {t('report.exportJson')}
            </button>
            {settings?.sweden.enabled && (
              <button type="button" className="button" onClick={() => void exportJournalMemory()}>
                {t('report.exportMemory')}
              </button>
            )}
          </div>
        </div>
        {chain && <p role="status">{chain}</p>}
      </section>
    </div>
  );
}
