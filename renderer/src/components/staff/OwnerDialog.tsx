import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Dialog } from '../Dialog';
import { Field } from '../Field';
import { PinEntry } from './PinEntry';

/**
 * "Create the owner's PIN": main refuses live provider keys on a till without staff, so a till
 * with real keys always has an owner. The owner is added here (a manager, signed in at once) and
 * the staff gate then makes the refused call once more: the keys are saved in the same flow.
 */
export function OwnerDialog() {
  const open = usePos((s) => s.ownerSetup !== null);
  return open ? <OwnerForm /> : null;
}

function OwnerForm() {
  const { t } = useTranslation();
  const api = usePosApi();
  const finishOwner = usePos((s) => s.finishOwner);
  const receiveStaff = usePos((s) => s.receiveStaff);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ name?: string; pin?: string; repeat?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(name.trim() === '' ? { name: t('staff.enterName') } : {}),
      ...(!/^\d{4,8}$/.test(pin) ? { pin: t('staff.enterPin') } : {}),
      ...(/^\d{4,8}$/.test(pin) && repeat !== pin ? { repeat: t('staff.pinsDiffer') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await api.staff.add({ name: name.trim(), pin, role: 'manager' });
      if (!result.ok) return setErrors({ pin: errorText(result.error) });
      setPin('');
      setRepeat('');
      receiveStaff(result.value);
      finishOwner(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('staff.ownerTitle')} onClose={() => finishOwner(false)}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('staff.ownerText')}</p>
        <Field id="f-ownerName" label={t('staff.name')} error={errors.name} errorId="f-ownerName-error">
          <input
            id="f-ownerName"
            className="input"
            autoComplete="off"
            maxLength={60}
            autoFocus
            value={name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'f-ownerName-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <PinEntry id="f-ownerPin" label={t('staff.pin')} value={pin} onChange={setPin} error={errors.pin} />
        <PinEntry id="f-ownerRepeat" label={t('staff.repeatPin')} value={repeat} onChange={setRepeat} error={errors.repeat} />
        <div className="form__row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('staff.createOwner')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => finishOwner(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
