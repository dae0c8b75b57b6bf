import { useTranslation } from 'react-i18next';
import type { ShopSync } from '../../../../shared/ipc/channels/shop';
import { useShopDatabaseStatus } from './useShopDatabaseStatus';

/** In the header, only where a shop database is set: how far this till's records have reached it. */
export function ShopSyncBadge() {
  const { t } = useTranslation();
  const [status] = useShopDatabaseStatus();
  if (!status || status.source === 'none' || status.sync.kind === 'off') return null;
  const { tone, icon, text } = describe(status.sync, t);
  return (
    <span className={`sync-badge sync-badge--${tone}`} role="status">
      <span aria-hidden="true">{icon} </span>
      {text}
    </span>
  );
}

function describe(sync: ShopSync, t: (key: string, options?: Record<string, unknown>) => string) {
  switch (sync.kind) {
    case 'up-to-date':
      return { tone: 'ok', icon: '✔', text: t('shop.sync.upToDate') };
    case 'connecting':
    case 'sending':
      return { tone: 'busy', icon: '↻', text: t('shop.sync.waiting', { count: sync.waiting }) };
    case 'unreachable':
      return { tone: 'warn', icon: '⚠', text: t('shop.sync.unreachable', { count: sync.waiting }) };
    case 'schema-too-new':
      return { tone: 'warn', icon: '⚠', text: t('shop.sync.schemaTooNew') };
    case 'conflict':
      return { tone: 'error', icon: '⛔', text: t('shop.sync.conflict') };
    case 'off':
      return { tone: 'ok', icon: '', text: '' };
  }
}
