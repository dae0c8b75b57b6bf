import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos, usePosApi } from './context';
import { errorText, messageText } from '../i18n';
import { englishText } from '../../../shared/messages';
import type { ImportRowError } from '../../../shared/ipc/channels/catalog';

interface Preview {
  importId: string;
  validCount: number;
  errorCount: number;
  errors: ImportRowError[];
}

/**
 * CSV import: the file is parsed in main, the clerk sees valid rows and errors by line, and only
 * then decides; nothing is imported half-way.
 */
export function ImportCatalog() {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const loadCatalog = usePos((s) => s.loadCatalog);
  const [rowsRead, setRowsRead] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => api.events.onCatalogProgress(({ rowsRead: rows, done }) => setRowsRead(done ? null : rows)), [api]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setPreview(null);
    setRowsRead(0);
    const text = await file.text();
    const result = await api.catalog.importPreview({ fileName: file.name, text });
    setRowsRead(null);
    if (!result.ok) return notify('error', errorText(result.error));
    setPreview(result.value);
  };

  const commit = async () => {
    if (!preview) return;
    const result = await api.catalog.importCommit({ importId: preview.importId });
    if (!result.ok) return notify('error', errorText(result.error));
    setPreview(null);
    await loadCatalog();
    notify('success', t('catalog.importDone', { count: result.value.count }));
  };

  return (
    <div className="import">
      <label htmlFor="catalog-file" className="button">
        {t('catalog.import')}
      </label>
      <input
        id="catalog-file"
        className="visually-hidden-file"
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {rowsRead !== null && (
        <p role="status" className="hint">
          {t('catalog.importing', { rows: rowsRead })}
        </p>
      )}
      {preview && (
        <div className="import__preview" role="region" aria-label={t('catalog.import')}>
          <p>{t('catalog.importSummary', { valid: preview.validCount, errors: preview.errorCount })}</p>
          {preview.errors.length > 0 && (
            <ul className="import__errors">
              {preview.errors.slice(0, 50).map((e) => (
                <li key={e.line}>
                  {t('catalog.errorLine', {
                    line: e.line,
                    reason: e.messages ? e.messages.map((m) => messageText(m, englishText(m))).join('; ') : e.reason,
                  })}
                </li>
              ))}
            </ul>
          )}
          <div className="form__row">
            <button type="button" className="button" onClick={() => setPreview(null)}>
              {t('catalog.importCancel')}
            </button>
            <button type="button" className="button button--primary" onClick={() => void commit()} disabled={preview.validCount === 0}>
              {t('catalog.importConfirm', { valid: preview.validCount })}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
