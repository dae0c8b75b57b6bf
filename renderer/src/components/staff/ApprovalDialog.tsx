import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Dialog } from '../Dialog';
import { PinEntry } from './PinEntry';

/**
 * A manager's PIN for one call: main records the approval for that channel (single use, 60 s) and
 * the call is made again. Wrong PINs count toward the approval lockout, said in words.
 */
export function ApprovalDialog() {
  const approval = usePos((s) => s.approval);
  if (!approval) return null;
  return <ApprovalForm key={approval.channel} channel={approval.channel} />;
}

function ApprovalForm({ channel }: { channel: string }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const finishApproval = usePos((s) => s.finishApproval);
  const notify = usePos((s) => s.notify);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) return setError(t('staff.enterPin'));
    setBusy(true);
    try {
      const result = await api.staff.approve({ pin, channel });
      setPin('');
      if (!result.ok) return setError(errorText(result.error));
      notify('info', t('staff.approvedBy', { name: result.value.approvedBy }));
      finishApproval(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('staff.approvalTitle')} onClose={() => finishApproval(false)}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p>{t('staff.approvalText')}</p>
        <PinEntry id="f-managerPin" label={t('staff.managerPin')} value={pin} onChange={setPin} error={error} autoFocus />
        <div className="form__row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('staff.approve')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => finishApproval(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
