import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { PinEntry } from './PinEntry';

/** Once staff exist and nobody is signed in: a quick list of names and the PIN. */
export function SignInScreen() {
  const { t } = useTranslation();
  const api = usePosApi();
  const staff = usePos((s) => s.staff);
  const receiveStaff = usePos((s) => s.receiveStaff);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) return setError(t('staff.enterPin'));
    setBusy(true);
    try {
      const result = await api.staff.signIn({ pin, ...(memberId ? { memberId } : {}) });
      setPin('');
      if (!result.ok) return setError(errorText(result.error));
      setError(null);
      receiveStaff(result.value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <section className="card sign-in__card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{t('staff.signInTitle')}</h1>
        <p className="hint">{t('staff.signInHint')}</p>
        <ul className="sign-in__names" aria-label={t('staff.members')}>
          {staff?.members.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className={`button button--secondary sign-in__name${memberId === member.id ? ' sign-in__name--chosen' : ''}`}
                aria-pressed={memberId === member.id}
                onClick={() => {
                  setMemberId(memberId === member.id ? null : member.id);
                  document.getElementById('f-signInPin')?.focus();
                }}
              >
                {member.name}
              </button>
            </li>
          ))}
        </ul>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <PinEntry id="f-signInPin" label={t('staff.pin')} value={pin} onChange={setPin} error={error} autoFocus />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('staff.signIn')}
          </button>
        </form>
      </section>
    </main>
  );
}
