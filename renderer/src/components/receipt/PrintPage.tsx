import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { Report } from '../../../../shared/domain/report';
import type { Printable } from '../../../../shared/ipc/channels/history';
import { usePos, usePosApi } from '../context';
import { ReportView } from '../reports/ReportView';
import { ReceiptView } from './ReceiptView';
import { errorText } from '../../i18n';

type Loaded = { kind: 'receipt'; receipt: Receipt } | { kind: 'report'; report: Report } | { kind: 'error'; message: string };

/**
 * The page a shell loads to print or save a PDF. It draws the slip, sizes the paper to it (roll
 * width × the slip's own height, so the PDF is one strip) and then marks the document ready; the
 * shell waits for that mark (or for `printError`) before printing.
 */
export function PrintPage({ document: printable }: { document: Printable }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const settings = usePos((s) => s.settings);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const slip = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.documentElement.classList.add('print-page');
    let live = true;
    const load = async (): Promise<Loaded> => {
      if (printable.kind === 'receipt') {
        const result = await api.receipt.get({
          id: printable.id,
          copy: printable.copy,
          ...(printable.refund !== undefined ? { refund: printable.refund } : {}),
          ...(printable.electronic ? { electronic: true } : {}),
        });
        return result.ok ? { kind: 'receipt', receipt: result.value } : { kind: 'error', message: errorText(result.error) };
      }
      const result =
        printable.kind === 'z-report'
          ? await api.report.get({ number: printable.number })
          : await api.report.x({ upToSeq: printable.upToSeq });
      return result.ok ? { kind: 'report', report: result.value } : { kind: 'error', message: errorText(result.error) };
    };
    void load().then((value) => {
      if (live) setLoaded(value);
    });
    return () => {
      live = false;
    };
  }, [api, printable]);

  useLayoutEffect(() => {
    const root = document.documentElement;
    if (loaded?.kind === 'error') {
      root.dataset.printError = loaded.message;
      return;
    }
    if (!loaded || !settings || !slip.current) return;
    const width = loaded.kind === 'receipt' ? loaded.receipt.paperWidthMm : settings.paperWidthMm;
    const heightMm = Math.ceil((slip.current.getBoundingClientRect().height * 25.4) / 96) + 2;
    // A constructed sheet: the CSP forbids inline <style>, and the height is only known now.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { size: ${width}mm ${heightMm}mm; margin: 0; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    root.dataset.printReady = '1';
  }, [loaded, settings]);

  if (!loaded || !settings) return <p>{t('receipt.loading')}</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  return (
    <div ref={slip} className="print-slip">
      {loaded.kind === 'receipt' ? (
        <ReceiptView receipt={loaded.receipt} />
      ) : (
        <ReportView
          report={loaded.report}
          paperWidthMm={settings.paperWidthMm}
          shopName={settings.shop.name}
          copy={printable.kind === 'z-report' && printable.copy === true}
        />
      )}
    </div>
  );
}
