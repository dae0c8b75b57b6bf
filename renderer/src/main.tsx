import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickPosApi } from './api/pick-api';
import { withStaffGate } from './api/staff-gate';
import { installIdleSignOut } from './keyboard/idle-sign-out';
import { App } from './components/App';
import { PosContext } from './components/context';
import { CustomerView } from './components/CustomerView';
import { PrintPage } from './components/receipt/PrintPage';
import { parsePrintView } from './components/receipt/print-view';
import { installShortcuts } from './keyboard/shortcuts';
import { createScannerListener } from './scanner/scanner';
import { publishCartToDisplay } from './display/publish-cart';
import { createPosStore } from './store/store';
import { t } from './i18n';
import './styles.css';

// After the web host's event stream reconnects, the sale on screen is re-read (events sent while
// it was down are gone). `store` is assigned before any event stream can open.
// Every call passes the staff gate: a refusal for want of a manager opens the approval dialog.
const api = withStaffGate(
  pickPosApi(() => void store.getState().resyncSale()),
  {
    approve: (channel) => store.getState().requestApproval(channel),
    createOwner: () => store.getState().requestOwner(),
    signedOut: () => void store.getState().loadStaff(),
  },
);
const store = createPosStore(api);
const customerView = new URLSearchParams(location.search).get('view') === 'customer' || location.pathname.endsWith('/customer');
// A shell loading a receipt or report to print or save as PDF: the slip alone, no till behind it.
const printView = parsePrintView(location.search);

// Events from main keep every window in step (a sale paid, a catalog imported elsewhere).
// Not on the print page: an open event stream would keep headless Chromium from ever printing.
if (!printView) {
  api.events.onSaleChanged((sale) => store.getState().receiveSale(sale));
  api.events.onAppAlarm((alarm) => store.getState().raiseAlarm(alarm));
  api.events.onAppAlarmCleared(({ topic, notice }) => store.getState().clearAlarms(topic, notice));
  // Another till's catalog import: loaded here between sales (not in the customer view, which shows main's cart).
  if (!customerView) api.events.onCatalogChanged(() => store.getState().shopCatalogChanged());
  // Belt and braces for the web host, whose event stream can drop and reconnect: while a sale is
  // live, re-read it now and then (a local call; main alone talks to the provider).
  setInterval(() => {
    const { sale, isLive } = store.getState();
    if (sale && isLive(sale)) void store.getState().resyncSale();
  }, 2_000);
}

void store.getState().loadSettings();
if (printView) {
  // Nothing else: no scanner, no catalog, no resumed sale.
} else if (!customerView) {
  void store.getState().loadStaff();
  // The open cart comes back from main's cart journal first, so an early scan adds to it.
  void store
    .getState()
    .restoreCart()
    .finally(() => void store.getState().loadCatalog());
  void store.getState().resumeCurrentSale();
  installShortcuts(store);
  installIdleSignOut(store, api);
  createScannerListener({
    target: document,
    onScan: (code) => store.getState().scan(code),
    isKnownCode: (code) => store.getState().catalogIndex.byBarcode.has(code),
    onReject: (rejection) =>
      store
        .getState()
        .notify('error', rejection.reason === 'too-long' ? t('scan.tooLong') : t('scan.incomplete', { code: rejection.code })),
  });
  publishCartToDisplay(store, api);
} else {
  void store.getState().resumeCurrentSale();
  api.events.onDisplayCart(({ totals }) => store.getState().receiveCustomerCart(totals));
  void api.display.current().then((result) => {
    if (result.ok) store.getState().receiveCustomerCart(result.value);
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PosContext.Provider value={{ api, store }}>
      {printView ? <PrintPage document={printView} /> : customerView ? <CustomerView /> : <App />}
    </PosContext.Provider>
  </StrictMode>,
);
