import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../../shared/ipc/channels/staff';
import { errorText } from '../../i18n';
import { usePos, usePosApi } from '../context';
import { Field } from '../Field';

/**
 * Settings → Staff: members (names and roles; PINs are never shown, main keeps only their hashes),
 * adding one (the first is the owner), a new PIN, removing, and the idle and discount options.
 * Main asks for a manager on each change; the approval dialog answers it.
 */
export function StaffSettings() {
  const { t } = useTranslation();
  const api = usePosApi();
  const staff = usePos((s) => s.staff);
  const receiveStaff = usePos((s) => s.receiveStaff);
  const notify = usePos((s) => s.notify);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<StaffRole>('clerk');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [idle, setIdle] = useState(String(staff?.options.idleMinutes ?? 5));
  const [discount, setDiscount] = useState(
    staff?.options.discountApprovalPercent === null ? '' : String(staff?.options.discountApprovalPercent ?? 20),
  );

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (name.trim() === '') problems['name'] = t('staff.enterName');
    if (!/^\d{4,8}$/.test(pin)) problems['pin'] = t('staff.enterPin');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const result = await api.staff.add({ name: name.trim(), pin, role });
      setPin('');
      if (!result.ok) return setErrors({ pin: errorText(result.error) });
      receiveStaff(result.value);
      setName('');
      notify('success', t('staff.added', { name: name.trim() }));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, who: string) => {
    const result = await api.staff.remove({ id });
    if (!result.ok) return notify('error', errorText(result.error));
    receiveStaff(result.value);
    notify('success', t('staff.removed', { name: who }));
  };

  const changePin = async (id: string, who: string, newPin: string) => {
    if (!/^\d{4,8}$/.test(newPin)) return notify('error', t('staff.enterPin'));
    const result = await api.staff.setPin({ id, pin: newPin });
    if (!result.ok) return notify('error', errorText(result.error));
    receiveStaff(result.value);
    notify('success', t('staff.pinChanged', { name: who }));
  };

  const saveOptions = async (event: FormEvent) => {
    event.preventDefault();
    const idleMinutes = Number(idle);
    const percent = discount.trim() === '' ? null : Number(discount);
    if (!Number.isInteger(idleMinutes) || idleMinutes < 0 || idleMinutes > 720) return setErrors({ idle: t('main.settingsWholeMinutes') });
    if (percent !== null && (!Number.isInteger(percent) || percent < 0 || percent > 100))
      return setErrors({ discount: t('staff.discount') });
    setErrors({});
    const result = await api.staff.setOptions({ idleMinutes, discountApprovalPercent: percent });
    if (!result.ok) return notify('error', errorText(result.error));
    receiveStaff(result.value);
    notify('success', t('staff.optionsSaved'));
  };

  return (
    <section className="card" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('staff.heading')}</h2>
      <p className="hint">{staff?.enabled ? t('staff.intro') : t('staff.none')}</p>
      {staff?.enabled && (
        <ul className="staff-list" aria-label={t('staff.members')}>
          {staff.members.map((member) => (
            <StaffRow key={member.id} member={member} onRemove={remove} onPin={changePin} />
          ))}
        </ul>
      )}
      <form className="form" onSubmit={(e) => void add(e)}>
        <Field id="f-staffName" label={t('staff.name')} error={errors['name']} errorId="e-staffName">
          <input id="f-staffName" className="input" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="f-staffPin" label={t('staff.pin')} error={errors['pin']} errorId="e-staffPin">
          <input
            id="f-staffPin"
            className="input input--pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            placeholder={t('staff.pinHint')}
            value={pin}
            aria-invalid={errors['pin'] ? true : undefined}
            aria-describedby={errors['pin'] ? 'e-staffPin' : undefined}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </Field>
        {staff?.enabled && (
          <Field id="f-staffRole" label={t('staff.role')}>
            <select id="f-staffRole" className="input" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              <option value="clerk">{t('staff.clerk')}</option>
              <option value="manager">{t('staff.manager')}</option>
            </select>
          </Field>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('staff.add')}
        </button>
      </form>
      {staff?.enabled && (
        <form className="form" onSubmit={(e) => void saveOptions(e)}>
          <Field id="f-staffIdle" label={t('staff.idle')} error={errors['idle']} errorId="e-staffIdle">
            <input id="f-staffIdle" className="input" inputMode="numeric" value={idle} onChange={(e) => setIdle(e.target.value)} />
          </Field>
          <Field id="f-staffDiscount" label={t('staff.discount')} error={errors['discount']} errorId="e-staffDiscount">
            <input
              id="f-staffDiscount"
              className="input"
              inputMode="numeric"
              value={discount}
              onChange={(e) => setDiscount(e.target.value)}
            />
          </Field>
          <button type="submit" className="button button--secondary">
            {t('staff.saveOptions')}
          </button>
        </form>
      )}
    </section>
  );
}

function StaffRow({
  member,
  onRemove,
  onPin,
}: {
  member: { id: string; name: string; role: StaffRole; owner: boolean };
  onRemove: (id: string, name: string) => Promise<void>;
  onPin: (id: string, name: string, pin: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const inputId = `f-pin-${member.id}`;
  return (
    <li className="staff-list__row">
      <span className="staff-list__name">{member.name}</span>
      <span className="staff-list__role">
        {member.owner ? t('staff.owner') : t(member.role === 'manager' ? 'staff.manager' : 'staff.clerk')}
      </span>
      <label className="visually-hidden" htmlFor={inputId}>
        {t('staff.newPin', { name: member.name })}
      </label>
      <input
        id={inputId}
        className="input input--pin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        maxLength={8}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
      />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void onPin(member.id, member.name, pin).then(() => setPin(''))}
      >
        {t('staff.changePin')}
      </button>
      {!member.owner && (
        <button type="button" className="button button--danger" onClick={() => void onRemove(member.id, member.name)}>
          {t('staff.remove', { name: member.name })}
        </button>
      )}
    </li>
  );
}
