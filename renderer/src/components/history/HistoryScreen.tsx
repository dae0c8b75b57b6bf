import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportsPanel } from '../reports/ReportsPanel';
import { ProviderSearch } from './ProviderSearch';
import { SalesPanel } from './SalesPanel';
import './history.css';

type Tab = 'sales' | 'provider' | 'reports';

/** After the sale: the journal's sales, the provider's links, and the end-of-day reports. */
export function HistoryScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('sales');
  const tabs: { id: Tab; label: string }[] = [
    { id: 'sales', label: t('history.tabSales') },
    { id: 'provider', label: t('history.tabProvider') },
    { id: 'reports', label: t('history.tabReports') },
  ];
  return (
    <main className="history" id="main">
      <h1>{t('history.title')}</h1>
      <div className="history__tabs" role="tablist" aria-label={t('history.title')}>
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`panel-${item.id}`}
            className={`nav-button${tab === item.id ? ' nav-button--active' : ''}`}
            onClick={() => setTab(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'sales' ? <SalesPanel /> : tab === 'provider' ? <ProviderSearch /> : <ReportsPanel onShowSales={() => setTab('sales')} />}
      </div>
    </main>
  );
}
