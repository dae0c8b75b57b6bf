import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { planRefund, refundedSoFar, REFUND_REASON_MAX, type RefundLineRequest } from '../../../../shared/domain/refund';
import type { SaleView } from '../../../../shared/domain/sale';
import { parseWeightInput } from '../../../../shared/domain/weight';
import { providerInfo } from '../../../../shared/providers/registry';
import { errorText, intlLocale, messageText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Dialog } from '../Dialog';
import { printFormat } from '../receipt/format';

/** Pieces are typed as whole numbers, weighed goods in kg: read as integer thousandths, never a float. */
function readQuantity(text: string, weighed: boolean): number | null {
  const trimmed = text.trim();
  if (trimmed === '' || /^0+([.,]0*)?$/.test(trimmed)) return 0;
  if (weighed) {
    const read = parseWeightInput(trimmed);
    return read.ok ? read.grams : null;
  }
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) * 1000 : null;
}

/**
 * The refund of a paid sale: each line with a quantity field (what is left, to start with), a
 * reason, and what will happen to the money — at the provider, or recorded for its portal (said
 * plainly, before the clerk confirms). The refund number it sends makes a double press one refund.
 */
export function RefundDialog({ sale, onClose, onDone }: { sale: SaleView; onClose: () => void; onDone: (sale: SaleView) => void }) {
  const { t, i18n } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  // Said before the clerk confirms: the money goes back at the provider, or is only recorded for its portal.
  const refundsAtProvider = providerInfo(sale.provider).capabilities.refund && sale.order !== null;
  const f = printFormat(intlLocale(i18n.language));
  const earlier = refundedSoFar(sale.refunds);
  const left = (line: SaleView['totals']['lines'][number]) => line.quantityMilli - (earlier.quantities.get(line.id) ?? 0);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      sale.totals.lines.map((line) => [
        line.id,
        // Pieces are whole thousandths; a weight is shown as the scale shows it, without its unit.
        line.weighed ? f.quantity(left(line), true).replace(/\s*kg$/, '') : String(left(line) / 1000),
      ]),
    ),
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const quantities = sale.totals.lines.map((line) => ({ line, milli: readQuantity(texts[line.id] ?? '', line.weighed) }));
  const invalid = quantities.some(({ line, milli }) => milli === null || milli > left(line));
  const request: RefundLineRequest[] = quantities.flatMap(({ line, milli }) =>
    milli !== null && milli > 0 ? [{ lineId: line.id, quantityMilli: milli }] : [],
  );
  const plan = invalid ? null : planRefund(sale.totals, earlier, request);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!plan?.ok || busy) return;
    setBusy(true);
    const result = await api.sale.refund({ id: sale.id, refundNumber: sale.refunds.length + 1, lines: request, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) return notify('error', errorText(result.error));
    const refund = result.value.refunds.at(-1);
    notify(
      refund?.state === 'failed' || refund?.state === 'needs-attention' ? 'error' : 'success',
      refund?.state === 'refunded'
        ? t('refund.made')
        : refund?.method === 'portal'
          ? t('refund.recorded')
          : refund?.state === 'sent'
            ? t('refund.sent')
            : messageText(result.value.history.at(-1)?.noteMessage ?? null, result.value.history.at(-1)?.note ?? ''),
    );
    onDone(result.value);
  };

  const provider = providerInfo(sale.provider).displayName;
  return (
    <Dialog title={t('refund.title', { number: sale.number })} onClose={onClose}>
      <form className="refund" onSubmit={(e) => void confirm(e)}>
        <fieldset className="refund__lines">
          <legend>{t('refund.lines')}</legend>
          {sale.totals.lines.map((line) => (
            <div key={line.id} className="refund__line">
              <label htmlFor={`refund-${line.id}`}>
                <span className="refund__name">{line.name}</span>
                <span className="refund__sold">
                  {t('refund.sold', { sold: f.quantity(line.quantityMilli, line.weighed), left: f.quantity(left(line), line.weighed) })}
                </span>
              </label>
              <input
                id={`refund-${line.id}`}
                className="input refund__quantity"
                inputMode={line.weighed ? 'decimal' : 'numeric'}
                aria-label={t('refund.quantity', { name: line.name })}
                aria-invalid={quantities.find((q) => q.line.id === line.id)?.milli === null}
                value={texts[line.id] ?? ''}
                disabled={left(line) <= 0}
                onChange={(e) => setTexts({ ...texts, [line.id]: e.target.value })}
              />
            </div>
          ))}
        </fieldset>
        {invalid && (
          <p className="field__error" role="alert">
            {t('refund.invalidQuantity')}
          </p>
        )}
        {plan && !plan.ok && request.length > 0 && (
          <p className="field__error" role="alert">
            {t(`main.${plan.problem}`)}
          </p>
        )}
        <label htmlFor="refund-reason">{t('refund.reason')}</label>
        <input
          id="refund-reason"
          className="input"
          value={reason}
          maxLength={REFUND_REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
        />
        <p className="refund__total" aria-live="polite">
          {t('refund.total', { amount: f.money(plan?.ok ? plan.amountMinor : 0, sale.currency) })}
        </p>
        <p className="refund__how">{refundsAtProvider ? t('refund.viaProvider', { provider }) : t('refund.viaPortal', { provider })}</p>
        <div className="form-footer">
          <button type="button" className="button" onClick={onClose}>
            {t('refund.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!plan?.ok || busy}>
            {t('refund.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
