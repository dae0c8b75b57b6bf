import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterState } from '../../../../shared/ipc/channels/printer';
import { usePosApi } from '../context';
import { conditionKey } from './condition';

/**
 * Under the top bar, only for an ESC/POS printer (network, or CUPS raw) that needs the clerk (paper out, cover
 * open, off, paper low) or has receipts waiting: what is wrong and what to do, in words, colour and
 * icon. Receipts wait in the queue and print by themselves when the printer is ready again.
 */
export function PrinterBanner() {
  const { t } = useTranslation();
  const state = usePrinterState();
  if (!state || state.kind === 'system') return null;
  if (state.condition === 'ready' && state.queued === 0 && !state.paperNearEnd) return null;
  const ready = state.condition === 'ready';
  const tone = !ready ? 'error' : state.queued > 0 ? 'busy' : 'warn';
  const text = ready && state.queued === 0 ? t('printer.paperNearEnd') : t(conditionKey(state.condition));
  return (
    <div className={`printer-banner printer-banner--${tone}`} role="status" data-testid="printer-status">
      <span>
        <span aria-hidden="true">{tone === 'busy' ? '↻' : '⚠'} </span>
        {text}
      </span>
      {state.queued > 0 && <span className="printer-banner__waiting">{t('printer.waiting', { count: state.queued })}</span>}
    </div>
  );
}

function usePrinterState(): PrinterState | null {
  const api = usePosApi();
  const [state, setState] = useState<PrinterState | null>(null);
  useEffect(() => {
    let live = true;
    void api.printer.status().then((answer) => {
      if (live && answer.ok) setState(answer.value);
    });
    const stop = api.events.onPrinterChanged((next) => setState(next));
    return () => {
      live = false;
      stop();
    };
  }, [api]);
  return state;
}
