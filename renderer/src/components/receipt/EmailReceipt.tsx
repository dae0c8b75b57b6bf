import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos, usePosApi } from '../context';
import { errorText } from '../../i18n';

/**
 * "E-mail receipt": an address field and Send, under the print buttons of a paid sale. The address
 * lives in this field only; after a failure it stays, so Send tries again (nothing is resent on
 * its own). Main journals every send.
 */
export function EmailReceipt({ saleId }: { saleId: string }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const notify = usePos((s) => s.notify);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (address.trim() === '') return setError(t('receipt.emailMissing'));
    setBusy(true);
    setError(null);
    try {
      const result = await api.mail.sendReceipt({ saleId, address });
      if (!result.ok) return setError(errorText(result.error));
      notify('success', t('receipt.emailSent', { address: address.trim() }));
      setAddress('');
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="button" aria-expanded={false} onClick={() => setOpen(true)}>
        {t('receipt.email')}
      </button>
    );
  return (
    <form className="email-receipt" onSubmit={(e) => void send(e)} aria-busy={busy} noValidate>
      <div className="field">
        <label htmlFor={`${id}-address`}>{t('receipt.emailAddress')}</label>
        <input
          id={`${id}-address`}
          className="input"
          type="email"
          inputMode="email"
          autoComplete="off"
          autoFocus
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p className="field__error" id={`${id}-error`} role="alert">
            ⚠ {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('receipt.working') : t('receipt.emailSend')}
      </button>
    </form>
  );
}
