import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { SaleView } from '../../../../shared/domain/sale';
import { errorText, intlLocale, messageText, providerCode } from '../../i18n';
import { SaleReason } from '../SaleReason';
import { usePos, usePosApi } from '../context';
import { Money } from '../Money';
import { printFormat } from '../receipt/format';
import { ReceiptActions } from '../receipt/ReceiptActions';
import { ReceiptView } from '../receipt/ReceiptView';
import { refundExtent, refundedSoFar } from '../../../../shared/domain/refund';
import { RefundDialog } from './RefundDialog';
import { SaleRefunds } from './SaleRefunds';

/**
 * One sale: its lines, its status history and its receipt, with reprint; resolve when it needs attention.
 * Another till's sale (read from the shop database) is shown as it is there: its receipt and any action
 * are that till's.
 */
export function SaleDetail({
  saleId,
  otherTill = null,
  onChanged,
}: {
  saleId: string;
  otherTill?: { name: string; sale: SaleView } | null;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const resumeCurrentSale = usePos((s) => s.resumeCurrentSale);
  const showScreen = usePos((s) => s.showScreen);
  const [busy, setBusy] = useState(false);
  const [reprinting, setReprinting] = useState(false);
  const reprintRunning = useRef(false);
  const [sale, setSale] = useState<SaleView | null>(otherTill?.sale ?? null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [copy, setCopy] = useState(false);
  /** Bumped to read the receipt again: a Swedish copy is signed by the control unit while Reprint runs. */
  const [receiptRead, setReceiptRead] = useState(0);
  const [note, setNote] = useState('');
  const [refunding, setRefunding] = useState(false);
  const f = printFormat(intlLocale(i18n.language));

  useEffect(() => {
    if (otherTill) return;
    let live = true;
    void api.sale.get({ id: saleId }).then((result) => {
      if (!live) return;
      if (result.ok) setSale(result.value);
      else notify('error', errorText(result.error));
    });
    return () => {
      live = false;
    };
  }, [api, saleId, notify, otherTill]);

  useEffect(() => {
    if (sale?.state !== 'paid' || otherTill) return;
    let live = true;
    void api.receipt.get({ id: sale.id, copy }).then((result) => {
      if (live && result.ok) setReceipt(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, sale, copy, otherTill, receiptRead]);

  if (!sale) return null;

  // One reprint at a time: a double click asks once (main refuses a second copy of a Swedish receipt anyway).
  const reprint = async () => {
    if (reprintRunning.current) return;
    reprintRunning.current = true;
    setReprinting(true);
    setCopy(true);
    try {
      const result = await api.printout.print({ document: { kind: 'receipt', id: sale.id, copy: true } });
      // The copy as it is now: signed (its own control code), or still waiting for the unit.
      setReceiptRead((n) => n + 1);
      if (!result.ok) notify('error', errorText(result.error));
      else if (result.value.printed)
        notify('success', result.value.printer ? t('receipt.printedOn', { printer: result.value.printer }) : t('receipt.printed'));
    } finally {
      reprintRunning.current = false;
      setReprinting(false);
    }
  };

  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.sale.resolve({ id: sale.id, note: note.trim() });
    if (!result.ok) return notify('error', errorText(result.error));
    setSale(result.value);
    setNote('');
    notify('success', t('history.resolved'));
    onChanged();
  };

  // A sale whose link is gone with nothing paid: a new link for its cart (the till shows it), or closed.
  const wayOut = async (action: 'relink' | 'close') => {
    setBusy(true);
    try {
      const result = action === 'relink' ? await api.sale.confirmRecreate({ id: sale.id }) : await api.sale.cancel({ id: sale.id });
      if (!result.ok) return notify('error', errorText(result.error));
      setSale(result.value);
      onChanged();
      if (action === 'relink') {
        // The sale is live again: the till shows it, with its cart, as after a restart.
        await resumeCurrentSale();
        showScreen('sell');
      }
    } finally {
      setBusy(false);
    }
  };

  const extent = refundExtent(sale.amountMinor, sale.refunds);
  const refundable = !otherTill && sale.state === 'paid' && refundedSoFar(sale.refunds).amountMinor < sale.amountMinor;
  const changed = (next: SaleView) => {
    setSale(next);
    onChanged();
  };

  return (
    <section className="history__detail card" aria-label={t('history.detail', { number: sale.number })}>
      <h2>{t('history.detail', { number: sale.number })}</h2>
      <p data-testid="sale-status">
        {t(`sale.status.${sale.state}`)}
        {extent !== 'none' && <> · {t(extent === 'full' ? 'refund.refunded' : 'refund.partlyRefunded')}</>} ·{' '}
        <Money minor={sale.amountMinor} currency={sale.currency} /> · {t('sale.orderReference', { reference: sale.orderReference })}
        {sale.tillName && <> · {t('history.till', { name: sale.tillName })}</>}
        {sale.order?.method && <> · {t('receipt.method', { method: sale.order.method })}</>}
        {sale.settlement && <> · {t(`receipt.settlement.${sale.settlement}`)}</>}
        {sale.tender && <> · {t(`tender.${sale.tender.kind}`)}</>}
      </p>
      <SaleReason sale={sale} />
      {otherTill && <p role="note">{t('history.otherTillSale', { name: otherTill.name })}</p>}
      {sale.relinkable && !otherTill && (
        <div className="checkout__actions">
          <button type="button" className="button" disabled={busy} onClick={() => void wayOut('relink')}>
            {t('sale.recreate')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void wayOut('close')}>
            {t('sale.closeUnpaid')}
          </button>
        </div>
      )}
      {sale.state === 'needs-attention' && !otherTill && (
        <form className="history__resolve" onSubmit={(e) => void resolve(e)}>
          <label htmlFor="h-note">{t('history.resolveNote')}</label>
          <input className="input" id="h-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button button--primary" disabled={note.trim() === ''}>
            {t('history.resolve')}
          </button>
        </form>
      )}
      {refundable && sale.tender && (
        // Cash and card-terminal money never went through a provider: the till cannot give it back yet.
        <p role="note" data-testid="refund-tender-note">
          {t('main.refundTenderUnsupported')}
        </p>
      )}
      {refundable && !sale.tender && (
        <p>
          <button type="button" className="button" onClick={() => setRefunding(true)}>
            {t('refund.button')}
          </button>
        </p>
      )}
      {refunding && (
        <RefundDialog
          sale={sale}
          onClose={() => setRefunding(false)}
          onDone={(next) => {
            setRefunding(false);
            changed(next);
          }}
        />
      )}
      <h3>{t('history.lines')}</h3>
      <table className="history__lines">
        <tbody>
          {sale.totals.lines.map((line) => (
            <tr key={line.id}>
              <td>{line.name}</td>
              <td>{f.quantity(line.quantityMilli, line.weighed)}</td>
              <td className="history__num">{f.money(line.totalMinor, sale.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('history.statusHistory')}</h3>
      <ol className="history__timeline">
        {sale.history.map((entry, index) => (
          <li key={index}>
            <time dateTime={entry.at}>{f.dateTime(entry.at)}</time> {t(`sale.status.${entry.state}`)}
            {entry.note && <HistoryNote entry={entry} />}
          </li>
        ))}
      </ol>
      {!otherTill && <SaleRefunds sale={sale} onChanged={changed} />}
      <h3>{t('history.receipt')}</h3>
      {otherTill ? null : receipt && sale.state === 'paid' ? (
        <div className="history__receipt">
          <ReceiptView receipt={receipt} />
          <div className="history__receipt-actions" aria-busy={reprinting}>
            <button type="button" className="button" onClick={() => void reprint()} disabled={reprinting}>
              {t('history.reprint')}
            </button>
            <ReceiptActions saleId={sale.id} copy />
          </div>
        </div>
      ) : (
        <p>{t('history.noReceipt')}</p>
      )}
    </section>
  );
}

/** Notes that carry a provider's own status code ("ORDER_CREATED", "READY") as their `status`. */
const providerNotes = new Set(['noteProviderReports', 'noteOrderPending', 'noteOrderReady', 'noteOrderAuthorised']);

/**
 * A note in a sale's status history. A provider's own status code is for support, not the clerk:
 * these notes are said without it (the state in words comes just before), and the code stays on hover.
 */
function HistoryNote({ entry }: { entry: SaleView['history'][number] }) {
  const { t } = useTranslation();
  const message = entry.noteMessage;
  if (message && providerNotes.has(message.key)) {
    return (
      <span className="history__note" title={providerCode(message)}>
        {' '}
        — {t(`history.providerNote.${message.key}`)}
      </span>
    );
  }
  return <span className="history__note"> — {messageText(entry.noteMessage, entry.note)}</span>;
}
