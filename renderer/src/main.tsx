import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickPosApi } from './api/pick-api';
import { App } from './components/App';
import { PosContext } from './components/context';
import { CustomerView } from './components/CustomerView';
import { installShortcuts } from './keyboard/shortcuts';
import { createScannerListener } from './scanner/scanner';
import { createPosStore } from './store/store';
import './styles.css';

const api = pickPosApi();
const store = createPosStore(api);
const customerView = new URLSearchParams(location.search).get('view') === 'customer' || location.pathname.endsWith('/customer');

// Events from main keep every window in step (a sale paid, a catalog imported elsewhere).
api.events.onSaleChanged((sale) => store.getState().receiveSale(sale));
api.events.onAppAlarm(({ message }) => store.getState().notify('error', message));

void store.getState().loadSettings();
if (!customerView) {
  void store.getState().loadCatalog();
  void store.getState().resumeCurrentSale();
  installShortcuts(store);
  createScannerListener({
    target: document,
    onScan: (code) => store.getState().scan(code),
    onReject: (reason) => store.getState().notify('error', reason),
  });
} else {
  void store.getState().resumeCurrentSale();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PosContext.Provider value={{ api, store }}>{customerView ? <CustomerView /> : <App />}</PosContext.Provider>
  </StrictMode>,
);
