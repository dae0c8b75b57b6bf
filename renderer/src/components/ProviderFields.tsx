import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain/settings';
import type { CredentialsInput } from '../../../shared/ipc/channels/settings';
import { errorText, messageText, t as translate } from '../i18n';
import { usePos, usePosApi } from './context';
import { Field } from './Field';
import { SecretField } from './SecretField';
import { providerSettingsFields, readProviderField, writeProviderField, type PlacedField } from './provider-settings';
import { providerIds, providerInfo } from '../../../shared/providers/registry';

/** The secret fields typed so far, by field name (`apiKey`, `merchantKey`, ...). */
export type KeyDraft = Readonly<Record<string, string>>;
export const emptyKeys: KeyDraft = {};

const environmentsOf = (provider: Settings['provider']): readonly string[] =>
  provider === 'demo' ? ['test'] : providerInfo(provider).environments;

/**
 * What the Save button does with the key fields: nothing when they are empty (keys already stored
 * stay), a credentials:set when they are filled in and complete, field errors otherwise.
 */
export function keysInput(
  draft: Settings,
  keys: KeyDraft,
): { kind: 'none' } | { kind: 'set'; input: CredentialsInput } | { kind: 'invalid'; fieldErrors: Record<string, string> } {
  if (draft.provider === 'demo' || Object.values(keys).every((value) => !value.trim())) return { kind: 'none' };
  const info = providerInfo(draft.provider);
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of info.credentialFields) {
    values[field.name] = (keys[field.name] ?? '').trim();
    if (values[field.name]!.length < field.minLength) errors[field.name] = translate(field.tooShort);
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', fieldErrors: errors };
  const environments: readonly string[] = info.environments;
  const environment = environments.includes(draft.environment) ? draft.environment : info.environments[0];
  // The fields are the provider's credentials schema's; credentials:set parses the input in main.
  return { kind: 'set', input: { provider: draft.provider, environment, ...values } as CredentialsInput };
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
  const providerOptions = providerIds.map((id) => (
    <option key={id} value={id}>
      {t(providerInfo(id).choiceLabel)}
    </option>
  ));

  // settings.envTest, settings.envLive, ...: one label per environment name.
  const envLabel = (env: string) => t(`settings.env${env.charAt(0).toUpperCase()}${env.slice(1)}`, { defaultValue: env });

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
      (draft.provider !== 'demo' && Object.values(keys).some((value) => value.trim() !== '')) ||
      (saved !== null &&
        (draft.provider !== saved.provider ||
          draft.environment !== saved.environment ||
          draft.demoProvider !== saved.demoProvider ||
          providerSettingsFields('provider').some((placed) => readProviderField(draft, placed) !== readProviderField(saved, placed))));
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
      <Field id="f-provider" label={t('settings.provider')}>
        <select
          id="f-provider"
          className="input"
          value={draft.provider}
          onChange={(e) => {
            const provider = e.target.value as Settings['provider'];
            setDraft((d) => ({ ...d, provider, environment: environmentsOf(provider)[0] as Settings['environment'] }));
          }}
        >
          <option value="demo">{t('settings.providerDemo')}</option>
          {providerOptions}
        </select>
      </Field>
      {draft.provider === 'demo' ? (
        <Field id="f-demoProvider" label={t('settings.demoProvider')}>
          <select
            id="f-demoProvider"
            className="input"
            value={draft.demoProvider}
            onChange={(e) => setDraft((d) => ({ ...d, demoProvider: e.target.value as Settings['demoProvider'] }))}
          >
            {providerOptions}
          </select>
        </Field>
      ) : (
        <>
          <Field id="f-environment" label={t('settings.environment')}>
            <select
              id="f-environment"
              className="input"
              value={draft.environment}
              onChange={(e) => setDraft((d) => ({ ...d, environment: e.target.value as Settings['environment'] }))}
            >
              {environmentsOf(draft.provider).map((env) => (
                <option key={env} value={env}>
                  {envLabel(env)}
                </option>
              ))}
            </select>
          </Field>
          {providerInfo(draft.provider).credentialFields.map((field) => (
            <SecretField
              key={field.name}
              id={`f-${field.name}`}
              label={t(field.label)}
              value={keys[field.name] ?? ''}
              onChange={(value) => setKeys((k) => ({ ...k, [field.name]: value }))}
              error={errors[field.name]}
              errorId={`e-${field.name}`}
              describedBy="credentials-hint"
            />
          ))}
          {providerSettingsFields('provider', draft.provider).map((placed) => (
            <ProviderSettingField key={placed.name} placed={placed} draft={draft} setDraft={setDraft} error={errors[placed.name]} />
          ))}
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

/** A setting a provider adds (its descriptor's field list), in the provider's section or the general one. */
export function ProviderSettingField({
  placed,
  draft,
  setDraft,
  error,
}: {
  placed: PlacedField;
  draft: Settings;
  setDraft: Dispatch<SetStateAction<Settings>>;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const { field, name } = placed;
  const id = `f-${name}`;
  const errorId = `e-${name}`;
  const value = readProviderField(draft, placed);
  const set = (next: string) => setDraft((d) => writeProviderField(d, placed, next));
  return (
    <Field id={id} label={t(field.label)} error={error} errorId={errorId}>
      {field.kind === 'select' ? (
        <select id={id} className="input" value={value} onChange={(e) => set(e.target.value)}>
          {field.options.map((option, i) => {
            const label = field.optionLabels?.[i];
            return (
              <option key={option} value={option}>
                {label ? t(label) : option}
              </option>
            );
          })}
        </select>
      ) : (
        <input
          id={id}
          className="input"
          maxLength={field.maxLength}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => set(field.trim ? e.target.value.trim() : e.target.value)}
        />
      )}
    </Field>
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
