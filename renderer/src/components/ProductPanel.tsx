import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/domain/schemas';
import { usePos } from './context';
import { Money } from './Money';

/** The right-hand side while selling: search, a Barcode field for typed codes, quick keys. */
export function ProductPanel() {
  const { t } = useTranslation();
  return (
    <section className="products" aria-label={t('catalog.products')}>
      <BarcodeField />
      <ProductSearch />
      <QuickKeys />
    </section>
  );
}

function BarcodeField() {
  const { t } = useTranslation();
  const scan = usePos((s) => s.scan);
  const nextPieces = usePos((s) => s.nextPieces);
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (trimmed) scan(trimmed);
    setCode('');
  };
  return (
    <form className="barcode" onSubmit={submit}>
      <div className="barcode__head">
        <label htmlFor="barcode-input">{t('catalog.barcode')}</label>
        {/* "24*" typed: said here, on the line above the field, so nothing below it moves. */}
        <span className="barcode__pieces" role="status">
          {nextPieces !== null ? t('catalog.nextPieces', { count: nextPieces }) : ''}
        </span>
      </div>
      <input
        id="barcode-input"
        className="input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={64}
        value={code}
        placeholder={t('catalog.barcodeHint')}
        onChange={(e) => setCode(e.target.value)}
      />
    </form>
  );
}

function ProductSearch() {
  const { t } = useTranslation();
  const index = usePos((s) => s.catalogIndex);
  const addProduct = usePos((s) => s.addProduct);
  const scan = usePos((s) => s.scan);
  const [query, setQuery] = useState('');
  // Results render in the same commit as the keystroke: the index answers in a few milliseconds even
  // on 100 000 products (bench: search), and deferring them cost a whole frame per keystroke.
  const results = useMemo(() => (query.trim() ? index.search(query, 12) : []), [index, query]);

  return (
    <div className="search">
      <div className="search__field">
        <label htmlFor="product-search">
          {t('catalog.search')} <kbd aria-hidden="true">F3</kbd>
        </label>
        <input
          id="product-search"
          className="input"
          type="search"
          autoComplete="off"
          value={query}
          placeholder={t('catalog.searchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            if (results[0]) {
              addProduct(results[0]);
              setQuery('');
            } else if (looksLikeBarcode(query)) {
              // A code typed (or scanned too slowly to be told from typing) that nothing matches is
              // announced like a scan (unknown code, misread check digit), never left sitting here.
              scan(query.trim());
              setQuery('');
            }
          }}
        />
      </div>
      {query.trim() !== '' && (
        <ul className="search__results" aria-label={t('catalog.search')}>
          {results.length === 0 && <li className="search__empty">{t('catalog.noResults', { query })}</li>}
          {results.map((product) => (
            <SearchResult
              key={product.barcode}
              product={product}
              onAdd={() => {
                addProduct(product);
                setQuery('');
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Digits only, as long as the shortest barcode: what a scanner sends, not a product name. */
function looksLikeBarcode(query: string): boolean {
  return /^\d{8,}$/.test(query.trim());
}

function SearchResult({ product, onAdd }: { product: Product; onAdd: () => void }) {
  const { t } = useTranslation();
  const currency = usePos((s) => s.cart.currency);
  const pinned = usePos((s) => s.quickKeys.some((p) => p.barcode === product.barcode));
  const togglePin = usePos((s) => s.togglePin);
  return (
    <li className="search__result">
      <button type="button" className="search__add" onClick={onAdd} aria-label={t('catalog.add', { name: product.name })}>
        <span className="search__name">{product.name}</span>
        <span className="search__meta">{product.partNumber}</span>
        <Money minor={product.priceMinor} currency={currency} />
      </button>
      <button
        type="button"
        className={`icon-button${pinned ? ' icon-button--on' : ''}`}
        aria-pressed={pinned}
        aria-label={pinned ? t('catalog.unpin', { name: product.name }) : t('catalog.pin', { name: product.name })}
        onClick={() => void togglePin(product.barcode)}
      >
        ★
      </button>
    </li>
  );
}

function QuickKeys() {
  const { t } = useTranslation();
  const quickKeys = usePos((s) => s.quickKeys);
  const addProduct = usePos((s) => s.addProduct);
  const currency = usePos((s) => s.cart.currency);
  const openDialog = usePos((s) => s.openDialog);
  const openPriceCheck = usePos((s) => s.openPriceCheck);
  return (
    <div className="quick-keys">
      <div className="quick-keys__head">
        <h2 className="section-title">{t('catalog.quickKeys')}</h2>
        {/* Price check: the next scans are looked up, not rung up (PriceCheckDialog). Beside the keys, not one of them. */}
        <button type="button" className="button quick-keys__price-check" aria-keyshortcuts="F9" onClick={() => openPriceCheck()}>
          {t('priceCheck.button')}
          <kbd aria-hidden="true">F9</kbd>
        </button>
      </div>
      <nav className="quick-keys__grid" aria-label={t('catalog.quickKeys')}>
        {quickKeys.map((product) => (
          <button key={product.barcode} type="button" className="quick-key" onClick={() => addProduct(product)}>
            <span className="quick-key__name">{product.name}</span>
            <span className="quick-key__price">
              <Money minor={product.priceMinor} currency={currency} />
              {product.weighed ? '/kg' : ''}
            </span>
          </button>
        ))}
        <button type="button" className="quick-key quick-key--custom" onClick={() => openDialog({ kind: 'custom-item' })}>
          <span className="quick-key__name">{t('catalog.customItem')}</span>
          <span className="quick-key__price">+</span>
        </button>
      </nav>
      {quickKeys.length === 0 && <p className="hint">{t('catalog.noQuickKeys')}</p>}
    </div>
  );
}
