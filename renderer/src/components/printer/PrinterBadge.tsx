import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterState } from '../../../../shared/ipc/channels/printer';
import { usePosApi } from '../context';
import { conditionKey } from './condition';

/**
 * In the header, only for a network ESC/POS printer that needs the clerk (paper out, cover open,
 * off) or has receipts waiting: what is wrong, in words, colour and icon. Receipts wait in the
 * queue and print by themselves when the printer is back.
 */
export function PrinterBadge() {
  const { t } = useTranslation();
  const state = usePrinterState();
  if (!state || state.kind !== 'escpos-network') return null;
  if (state.condition === 'ready' && state.queued === 0 && !state.paperNearEnd) return null;
  const ready = state.condition === 'ready';
  const tone = ready ? (state.queued > 0 ? 'busy' : 'warn') : 'error';
  const icon = ready ? (state.queued > 0 ? '↻' : '⚠') : '⛔';
  const text = ready && state.paperNearEnd && state.queued === 0 ? t('printer.paperNearEnd') : t(conditionKey(state.condition));
  return (
    <span className={`sync-badge sync-badge--${tone}`} role="status" data-testid="printer-status">
      <span aria-hidden="true">{icon} </span>
      {text}
      {state.queued > 0 && ` · ${t('printer.waiting', { count: state.queued })}`}
    </span>
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
