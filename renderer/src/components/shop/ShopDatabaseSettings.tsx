import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopDatabaseStatus, ShopDatabaseTest } from '../../../../shared/ipc/channels/shop';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Field } from '../Field';
import { useShopDatabaseStatus } from './useShopDatabaseStatus';

/**
 * The shop database in Settings: a write-only address (its password is a secret; main never sends
 * it back), its status in words, and a connection test that writes nothing.
 */
export function ShopDatabaseSettings() {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const [status, setStatus] = useShopDatabaseStatus();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<ShopDatabaseTest | null>(null);

  const save = async (value: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.shop.setDatabase({ url: value });
      if (!answer.ok) return setError(errorText(answer.error));
      setStatus(answer.value);
      setTest(null); // a test of the old address says nothing of the new one
      setUrl('');
      notify('success', t(value === null ? 'shop.forgotten' : 'shop.saved'));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() === '') return setError(t('shop.enterAddress'));
    void save(url);
  };
  const runTest = async () => {
    setBusy(true);
    setTest(null);
    try {
      const answer = await api.shop.testDatabase();
      if (!answer.ok) return notify('error', errorText(answer.error));
      setTest(answer.value);
    } finally {
      setBusy(false);
    }
  };

  const fromEnvironment = status?.source === 'environment';
  return (
    // Neither the section nor the form takes the heading as its name: "Shop database" names the field.
    <section className="card">
      <h2>{t('shop.heading')}</h2>
      <p className="hint">{t('shop.intro')}</p>
      <form className="form" onSubmit={submit}>
        {!fromEnvironment && (
          <Field id="f-shopDatabase" label={t('shop.field')} error={error ?? undefined} errorId="e-shopDatabase">
            <input
              id="f-shopDatabase"
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('shop.placeholder')}
              value={url}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'e-shopDatabase' : 'shop-db-status'}
              onChange={(e) => setUrl(e.target.value)}
            />
          </Field>
        )}
        {fromEnvironment && error && <p className="field__error">{error}</p>}
        <StatusLine status={status} />
        <div className="form__row">
          {!fromEnvironment && (
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('shop.save')}
            </button>
          )}
          <button
            type="button"
            className="button"
            disabled={busy || status?.source === 'none'}
            aria-busy={busy}
            onClick={() => void runTest()}
          >
            {t('shop.test')}
          </button>
          {status?.source === 'settings' && (
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void save(null)}>
              {t('shop.forget')}
            </button>
          )}
        </div>
        {test && <TestResult test={test} />}
      </form>
    </section>
  );
}

function StatusLine({ status }: { status: ShopDatabaseStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  if (status.needsReentry) {
    return (
      <p className="field__error" id="shop-db-status">
        {t('shop.reentry')}
      </p>
    );
  }
  if (status.source === 'none') {
    return (
      <p className="hint" id="shop-db-status">
        {t('shop.none')}
      </p>
    );
  }
  const where = status.target ?? '';
  return (
    <p className="hint" id="shop-db-status">
      <span aria-hidden="true">✔ </span>
      {status.source === 'environment'
        ? t('shop.fromEnvironment', { target: where })
        : t(status.storage === 'memory-only' ? 'shop.configuredMemory' : 'shop.configured', { target: where })}
    </p>
  );
}

function TestResult({ test }: { test: ShopDatabaseTest }) {
  const { t } = useTranslation();
  const good = test.result === 'ok';
  const text =
    test.result === 'ok'
      ? test.schemaVersion === null
        ? t('shop.testOkEmpty')
        : t('shop.testOk', { version: test.schemaVersion })
      : t(`shop.testResult.${test.result}`);
  return (
    <p className={`test-result test-result--${good ? 'success' : 'error'}`} role="status">
      <span aria-hidden="true">{good ? '✔ ' : '⚠ '}</span>
      {text}
    </p>
  );
}
