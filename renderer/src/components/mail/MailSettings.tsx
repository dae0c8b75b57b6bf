import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/domain/settings';
import type { MailStatus } from '../../../../shared/ipc/channels/mail';
import { errorText, messageText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Field } from '../Field';
import { SecretField } from '../SecretField';

type Smtp = Settings['smtp'];

/**
 * E-mailed receipts in Settings: the merchant's SMTP server (saved with the other settings) and its
 * password, write-only: main keeps it encrypted and only says whether one is saved.
 */
export function MailSettings({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const receiveSettings = usePos((s) => s.receiveSettings);
  const [draft, setDraft] = useState<Smtp>(initial.smtp);
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState<MailStatus | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.mail.status().then((answer) => answer.ok && setStatus(answer.value));
  }, [api]);

  const set = <K extends keyof Smtp>(key: K, value: Smtp[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const current = await api.settings.get();
      if (!current.ok) return notify('error', errorText(current.error));
      const saved = await api.settings.save({ settings: { ...current.value, smtp: draft } });
      if (!saved.ok) return notify('error', errorText(saved.error));
      if (!saved.value.saved) {
        const { fieldErrors, fieldMessages = {} } = saved.value;
        setErrors(Object.fromEntries(Object.entries(fieldErrors).map(([f, english]) => [f, messageText(fieldMessages[f], english)])));
        return notify('error', t('settings.notSaved'));
      }
      receiveSettings(saved.value.settings);
      if (password !== '') {
        const stored = await api.mail.setPassword({ password });
        if (!stored.ok) return notify('error', errorText(stored.error));
        setStatus(stored.value);
        setPassword('');
      }
      setErrors({});
      notify('success', t('mail.saved'));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof Smtp, label: string, input: ReactNode) => (
    <Field id={`smtp-${name}`} label={label} error={errors[`smtp.${name}`]} errorId={`smtp-e-${name}`}>
      {input}
    </Field>
  );
  const text = (name: 'host' | 'user' | 'from', type = 'text') => (
    <input
      id={`smtp-${name}`}
      className="input"
      type={type}
      autoComplete="off"
      value={draft[name]}
      aria-invalid={errors[`smtp.${name}`] ? true : undefined}
      onChange={(e) => set(name, e.target.value)}
    />
  );

  const saved = status?.password.state === 'configured';
  return (
    <section className="card" aria-labelledby="mail-heading">
      <h2 id="mail-heading">{t('mail.heading')}</h2>
      <form className="form" onSubmit={(e) => void save(e)} aria-busy={busy}>
        {field('host', t('mail.host'), text('host'))}
        {field(
          'port',
          t('mail.port'),
          <input
            id="smtp-port"
            className="input"
            type="number"
            min={1}
            max={65535}
            value={draft.port}
            onChange={(e) => set('port', Number(e.target.value))}
          />,
        )}
        {field(
          'security',
          t('mail.security'),
          <select
            id="smtp-security"
            className="input"
            value={draft.security}
            onChange={(e) => set('security', e.target.value as Smtp['security'])}
          >
            <option value="starttls">{t('mail.starttls')}</option>
            <option value="tls">{t('mail.tls')}</option>
            <option value="none">{t('mail.none')}</option>
          </select>,
        )}
        {field('user', t('mail.user'), text('user'))}
        {field('from', t('mail.from'), text('from', 'email'))}
        <SecretField
          id="smtp-password"
          label={t('mail.password')}
          value={password}
          onChange={setPassword}
          status={
            saved
              ? { set: true, text: t(status.password.storage === 'encrypted' ? 'mail.passwordSaved' : 'mail.passwordMemory') }
              : { set: false, text: t('mail.passwordNone') }
          }
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('mail.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
