import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain/settings';
import type { CredentialsInput } from '../../../shared/ipc/channels/settings';
import { errorText, messageText, t as translate } from '../i18n';
import { usePos, usePosApi } from './context';

export interface KeyDraft {
  apiKey: string;
  merchantKey: string;
}
export const emptyKeys: KeyDraft = { apiKey: '', merchantKey: '' };

const environments = {
  demo: ['test'],
  ecster: ['test', 'live'],
  straumur: ['staging', 'production'],
} as const;

/**
 * What the Save button does with the key fields: nothing when they are empty (keys already stored
 * stay), a credentials:set when they are filled in and complete, field errors otherwise.
 */
export function keysInput(
  draft: Settings,
  keys: KeyDraft,
): { kind: 'none' } | { kind: 'set'; input: CredentialsInput } | { kind: 'invalid'; fieldErrors: Record<string, string> } {
  const apiKey = keys.apiKey.trim();
  const merchantKey = keys.merchantKey.trim();
  if (draft.provider === 'demo' || (!apiKey && !merchantKey)) return { kind: 'none' };
  const errors: Record<string, string> = {};
  if (apiKey.length < 8) errors.apiKey = translate('settings.apiKeyTooShort');
  if (draft.provider === 'ecster' && !merchantKey) errors.merchantKey = translate('settings.merchantKeyMissing');
  if (Object.keys(errors).length > 0) return { kind: 'invalid', fieldErrors: errors };
  if (draft.provider === 'ecster') {
    return { kind: 'set', input: { provider: 'ecster', environment: draft.environment === 'live' ? 'live' : 'test', apiKey, merchantKey } };
  }
  return {
    kind: 'set',
    input: { provider: 'straumur', environment: draft.environment === 'production' ? 'production' : 'staging', apiKey },
  };
}

/** Provider, environment and keys. Keys are write-only: the field is always empty after saving. */
export function ProviderFields({
  draft,
  setDraft,
  keys,
  setKeys,
  errors,
  saving,
  onTesting,
}: {
  draft: Settings;
  setDraft: Dispatch<SetStateAction<Settings>>;
  keys: KeyDraft;
  setKeys: Dispatch<SetStateAction<KeyDraft>>;
  errors: Record<string, string>;
  /** A Save is under way: testing now would test whatever was stored before it. */
  saving: boolean;
  /** Told when a test starts and ends, so Save waits for it. */
  onTesting: (testing: boolean) => void;
}) {
  const { t } = useTranslation();
  const api = usePosApi();
  const status = usePos((s) => s.credentialStatus);
  const receiveCredentialStatus = usePos((s) => s.receiveCredentialStatus);
  const loadSettings = usePos((s) => s.loadSettings);
  const saved = usePos((s) => s.settings);
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const envLabel: Record<string, string> = {
    test: t('settings.envTest'),
    live: t('settings.envLive'),
    staging: t('settings.envStaging'),
    production: t('settings.envProduction'),
  };
  const errorFor = (name: string) =>
    errors[name] ? (
      <p className="field__error" id={`e-${name}`}>
        {errors[name]}
      </p>
    ) : null;

  // A verdict is about what was stored when it was given: a new save makes it stale. (Adjusted
  // while rendering, as React recommends for state that follows a prop.)
  const [savingSeen, setSavingSeen] = useState(saving);
  if (saving !== savingSeen) {
    setSavingSeen(saving);
    if (saving) setTestResult(null);
  }

  const test = async () => {
    setTestResult(null);
    // Test connection checks what is stored; keys typed, or a provider, environment or terminal
    // chosen, but not saved would not be what it tested.
    const unsaved =
      (draft.provider !== 'demo' && (keys.apiKey.trim() !== '' || keys.merchantKey.trim() !== '')) ||
      (saved !== null &&
        (draft.provider !== saved.provider ||
          draft.environment !== saved.environment ||
          draft.demoProvider !== saved.demoProvider ||
          draft.straumurTerminalIdentifier !== saved.straumurTerminalIdentifier));
    if (unsaved) return setTestResult({ tone: 'error', text: t('settings.testSaveFirst') });
    setTesting(true);
    onTesting(true);
    try {
      await runTest();
    } finally {
      setTesting(false);
      onTesting(false);
    }
  };

  const runTest = async () => {
    const result = await api.credentials.test();
    if (!result.ok) return setTestResult({ tone: 'error', text: errorText(result.error) });
    const { result: outcome } = result.value;
    const detail = messageText(result.value.detailMessage, result.value.detail);
    const text =
      outcome === 'ok'
        ? t('settings.testOk')
        : outcome === 'rejected-key'
          ? t('settings.testRejected', { detail })
          : outcome === 'unreachable'
            ? t('settings.testUnreachable', { detail })
            : t('settings.testNotConfigured');
    setTestResult({ tone: outcome === 'ok' ? 'success' : 'error', text });
  };

  const clear = async () => {
    const result = await api.credentials.clear();
    if (result.ok) receiveCredentialStatus(result.value);
    await loadSettings();
  };

  return (
    <fieldset className="fieldset">
      <legend>{t('settings.provider')}</legend>
      <div className="field">
        <label htmlFor="f-provider">{t('settings.provider')}</label>
        <select
          id="f-provider"
          className="input"
          value={draft.provider}
          onChange={(e) => {
            const provider = e.target.value as Settings['provider'];
            setDraft((d) => ({ ...d, provider, environment: environments[provider][0] }));
          }}
        >
          <option value="demo">{t('settings.providerDemo')}</option>
          <option value="ecster">{t('settings.providerEcster')}</option>
          <option value="straumur">{t('settings.providerStraumur')}</option>
        </select>
      </div>
      {draft.provider === 'demo' ? (
        <div className="field">
          <label htmlFor="f-demoProvider">{t('settings.demoProvider')}</label>
          <select
            id="f-demoProvider"
            className="input"
            value={draft.demoProvider}
            onChange={(e) => setDraft((d) => ({ ...d, demoProvider: e.target.value as Settings['demoProvider'] }))}
          >
            <option value="ecster">{t('settings.providerEcster')}</option>
            <option value="straumur">{t('settings.providerStraumur')}</option>
          </select>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="f-environment">{t('settings.environment')}</label>
            <select
              id="f-environment"
              className="input"
              value={draft.environment}
              onChange={(e) => setDraft((d) => ({ ...d, environment: e.target.value as Settings['environment'] }))}
            >
              {environments[draft.provider].map((env) => (
                <option key={env} value={env}>
                  {envLabel[env]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-apiKey">{t('settings.apiKey')}</label>
            <input
              id="f-apiKey"
              className="input"
              type="password"
              autoComplete="off"
              value={keys.apiKey}
              aria-invalid={errors.apiKey ? true : undefined}
              aria-describedby="credentials-hint"
              onChange={(e) => setKeys((k) => ({ ...k, apiKey: e.target.value }))}
            />
            {errorFor('apiKey')}
          </div>
          {draft.provider === 'ecster' && (
            <div className="field">
              <label htmlFor="f-merchantKey">{t('settings.merchantKey')}</label>
              <input
                id="f-merchantKey"
                className="input"
                type="password"
                autoComplete="off"
                value={keys.merchantKey}
                aria-invalid={errors.merchantKey ? true : undefined}
                onChange={(e) => setKeys((k) => ({ ...k, merchantKey: e.target.value }))}
              />
              {errorFor('merchantKey')}
            </div>
          )}
          {draft.provider === 'straumur' && (
            <div className="field">
              <label htmlFor="f-straumurTerminalIdentifier">{t('settings.terminalIdentifier')}</label>
              <input
                id="f-straumurTerminalIdentifier"
                className="input"
                maxLength={12}
                value={draft.straumurTerminalIdentifier}
                aria-invalid={errors.straumurTerminalIdentifier ? true : undefined}
                onChange={(e) => setDraft((d) => ({ ...d, straumurTerminalIdentifier: e.target.value.trim() }))}
              />
              {errorFor('straumurTerminalIdentifier')}
            </div>
          )}
          <p className="hint" id="credentials-hint">
            {t('settings.credentialsHint')}
          </p>
        </>
      )}
      <CredentialStatusLine />
      <div className="form__row">
        <button type="button" className="button" disabled={saving || testing} aria-busy={testing} onClick={() => void test()}>
          {t('settings.testConnection')}
        </button>
        {status?.state !== 'missing' && (
          <button type="button" className="button button--danger" onClick={() => void clear()}>
            {t('settings.clearCredentials')}
          </button>
        )}
      </div>
      {testResult && (
        <p className={`test-result test-result--${testResult.tone}`} role="status">
          <span aria-hidden="true">{testResult.tone === 'success' ? '✔ ' : '⚠ '}</span>
          {testResult.text}
        </p>
      )}
    </fieldset>
  );
}

function CredentialStatusLine() {
  const { t } = useTranslation();
  const status = usePos((s) => s.credentialStatus);
  if (!status) return null;
  if (status.state === 'missing') return <p className="hint">{t('settings.credentialsMissing')}</p>;
  if (status.state === 'needs-reentry') return <p className="field__error">{t('settings.credentialsReentry')}</p>;
  const storage = status.storage === 'encrypted' ? t('settings.storageEncrypted') : t('settings.storageMemory');
  return (
    <p className="hint">
      <span aria-hidden="true">🔒 </span>
      {t('settings.credentialsConfigured', { last4: status.apiKeyLast4 ?? '', storage })}
    </p>
  );
}
