import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Printable } from '../../../../shared/ipc/channels/history';
import { usePos, usePosApi } from '../context';
import { base64ToBytes, saveDownload } from './download';
import { EmailReceipt } from './EmailReceipt';
import { PaperRollButton } from '../printer/PaperRoll';
import { errorText } from '../../i18n';

/**
 * "Print receipt", "Save receipt as PDF", "E-mail receipt" (and "Show paper roll" where receipts go to the demo's virtual printer) for a paid sale (print and PDF for a report too). The CheckoutPanel
 * mounts it after Paid; History mounts it with `copy` for reprints.
 */
export function ReceiptActions({ saleId, copy = false }: { saleId: string; copy?: boolean }) {
  const { t } = useTranslation();
  const virtualPrinter = usePos((s) => s.settings?.receiptPrinterKind === 'escpos-virtual');
  return (
    <>
      <PrintButtons document={{ kind: 'receipt', id: saleId, copy }} printLabel={t('receipt.print')} pdfLabel={t('receipt.savePdf')} />
      {virtualPrinter && (
        <div className="receipt-actions">
          <PaperRollButton />
        </div>
      )}
      <EmailReceipt saleId={saleId} />
    </>
  );
}

export function PrintButtons({
  document,
  printLabel,
  pdfLabel,
  queuedText,
}: {
  document: Printable;
  printLabel: string;
  pdfLabel: string;
  /** What the clerk is told when a network printer queued it (`{{printer}}`); the receipt's sentence by default. */
  queuedText?: (printer: string) => string;
}) {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const [busy, setBusy] = useState(false);

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  };

  const print = () =>
    run(async () => {
      const result = await api.printout.print({ document });
      if (!result.ok) return notify('error', errorText(result.error));
      // A network printer's queue: the receipt prints in the background; the header tells of trouble.
      if (result.value.queued)
        return notify('info', queuedText ? queuedText(result.value.printer) : t('receipt.queued', { printer: result.value.printer }));
      if (!result.value.printed) return notify('info', t('receipt.printCancelled'));
      notify('success', result.value.printer ? t('receipt.printedOn', { printer: result.value.printer }) : t('receipt.printed'));
    });

  const pdf = () =>
    run(async () => {
      const result = await api.printout.pdf({ document });
      if (!result.ok) return notify('error', errorText(result.error));
      saveDownload(result.value.fileName, base64ToBytes(result.value.base64), 'application/pdf');
      notify('success', t('receipt.pdfSaved', { fileName: result.value.fileName }));
    });

  return (
    <div className="receipt-actions" aria-busy={busy}>
      <button type="button" className="button" onClick={() => void print()} disabled={busy}>
        {printLabel}
      </button>
      <button type="button" className="button" onClick={() => void pdf()} disabled={busy}>
        {pdfLabel}
      </button>
    </div>
  );
}
