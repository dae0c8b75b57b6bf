import { useTranslation } from 'react-i18next';
import type { SaleState } from '../../../shared/domain/sale';
import { StatusIcon } from './StatusIcon';

/** Colour, icon and word together: status is never told by colour alone. */
export function SaleStatus({ state, connectionLost, large = false }: { state: SaleState; connectionLost: boolean; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`status status--${state}${large ? ' status--large' : ''}`} role="status" aria-live="polite" aria-atomic="true">
      <StatusIcon state={state} />
      <span className="status__text">{t(`sale.status.${state}`)}</span>
      {connectionLost && <span className="status__connection">{t('sale.connectionLost')}</span>}
    </div>
  );
}
