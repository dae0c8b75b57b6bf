import { useTranslation } from 'react-i18next';
import { usePos } from './context';
import { Dialogs } from './Dialogs';
import { Header } from './Header';
import { KeyHints } from './KeyHints';
import { AlarmBar } from './AlarmBar';
import { NoticeBar } from './NoticeBar';
import { VatChangeNotice } from './VatChangeNotice';
import { SellScreen } from './SellScreen';
import { SettingsScreen } from './SettingsScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { ApprovalDialog } from './staff/ApprovalDialog';
import { OwnerDialog } from './staff/OwnerDialog';
import { SignInScreen } from './staff/SignInScreen';
import { needsSignIn } from '../store/staff-slice';

export function App() {
  const { t } = useTranslation();
  const screen = usePos((s) => s.screen);
  // Settings are enough to sell; the catalog index may still be building (scans wait for it).
  const ready = usePos((s) => s.settings !== null && s.staff !== null);
  // Once staff exist, nobody uses the till before signing in (main refuses them anyway).
  const signIn = usePos(needsSignIn);
  // The payment screen needs every pixel for the QR code: a notice lies over its top instead.
  const paying = usePos((s) => s.screen === 'sell' && s.sale !== null && !s.editingLive);
  return (
    <div className={paying ? 'app app--paying' : 'app'}>
      <Header />
      <div className="messages">
        <AlarmBar />
        {/* Settings shows the same notice in its own page. */}
        {ready && screen === 'sell' && <VatChangeNotice />}
        <NoticeBar />
      </div>
      {!ready ? (
        <main className="loading" id="main">
          {t('app.loading')}
        </main>
      ) : signIn ? (
        <SignInScreen />
      ) : screen === 'settings' ? (
        <SettingsScreen />
      ) : screen === 'history' ? (
        <HistoryScreen />
      ) : (
        <SellScreen />
      )}
      <KeyHints />
      <Dialogs />
      <ApprovalDialog />
      <OwnerDialog />
    </div>
  );
}
