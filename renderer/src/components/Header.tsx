import { useTranslation } from 'react-i18next';
import { usePos } from './context';
import type { Screen } from '../store/ui-slice';
import { ShopSyncBadge } from './shop/ShopSyncBadge';
import { PrinterBanner } from './printer/PrinterBanner';
import { StaffBadge } from './staff/StaffBadge';

export function Header() {
  const { t } = useTranslation();
  const appInfo = usePos((s) => s.appInfo);
  const screen = usePos((s) => s.screen);
  const showScreen = usePos((s) => s.showScreen);
  const signedOut = usePos((s) => s.staff?.enabled === true && s.staff.signedIn === null);
  const isManagerOrOpen = usePos((s) => s.isManagerOrOpen);
  const requestApproval = usePos((s) => s.requestApproval);
  // A clerk opens Settings with a manager's PIN (which also lets one save through in main).
  const open = (target: Screen) => {
    if (target !== 'settings' || isManagerOrOpen()) return showScreen(target);
    void requestApproval('settings:save').then((approved) => approved && showScreen('settings'));
  };
  const shopName = usePos((s) => s.settings?.shop.name ?? '');
  const nav: { screen: Screen; label: string }[] = [
    { screen: 'sell', label: t('app.sell') },
    { screen: 'history', label: t('app.history') },
    { screen: 'settings', label: t('app.settings') },
  ];
  return (
    <div className="topbar-wrap">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            ▦
          </span>
          <span className="topbar__title">LinkPOS</span>
          {shopName && <span className="topbar__shop">{shopName}</span>}
          <ShopSyncBadge />
        </div>
        <StaffBadge />
        {!signedOut && (
          <nav className="topbar__nav" aria-label={t('app.mainNav')}>
            {nav.map((item) => (
              <button
                key={item.screen}
                type="button"
                className={`nav-button${screen === item.screen ? ' nav-button--active' : ''}`}
                aria-current={screen === item.screen ? 'page' : undefined}
                onClick={() => open(item.screen)}
              >
                {item.label}
              </button>
            ))}
          </nav>
        )}
      </header>
      <PrinterBanner />
      {appInfo?.demo && (
        <div className="demo-banner" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('app.demoBanner')}
          <button type="button" className="link-button" onClick={() => open('settings')}>
            {t('app.connectProvider')}
          </button>
        </div>
      )}
    </div>
  );
}
