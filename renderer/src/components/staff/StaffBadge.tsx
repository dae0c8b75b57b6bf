import { useTranslation } from 'react-i18next';
import { usePos, usePosApi } from '../context';

/** In the header: who is signed in, and the way to hand the till over (F8). */
export function StaffBadge() {
  const { t } = useTranslation();
  const api = usePosApi();
  const staff = usePos((s) => s.staff);
  const receiveStaff = usePos((s) => s.receiveStaff);
  const member = staff?.signedIn;
  if (!staff?.enabled || !member) return null;
  return (
    <div className="staff-badge">
      <span className="staff-badge__who" role="status">
        <span aria-hidden="true">● </span>
        {t('staff.signedInAs', { name: member.name, role: t(member.role === 'manager' ? 'staff.manager' : 'staff.clerk') })}
      </span>
      <button
        type="button"
        className="nav-button"
        onClick={() =>
          void api.staff.signOut({ idle: false }).then((result) => {
            if (result.ok) receiveStaff(result.value);
          })
        }
      >
        {t('staff.switchClerk')} <kbd>F8</kbd>
      </button>
    </div>
  );
}
