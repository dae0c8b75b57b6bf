import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n';
import { usePos } from './context';

/**
 * Alarms — what a person must see, such as a damaged journal record — in a bar of their own above
 * the passing notices, so a scan error or a change of screen never hides them. Dismissed by hand,
 * or taken down by main when their condition is over (receipts waiting for the control unit).
 */
export function AlarmBar() {
  const { t } = useTranslation();
  const alarms = usePos((s) => s.alarms);
  const dismiss = usePos((s) => s.dismissAlarms);
  if (alarms.length === 0) return null;
  return (
    <div className="notice notice--error notice--alarm" role="region" aria-label={t('common.alarms')}>
      <span className="notice__icon" aria-hidden="true">
        ⚠
      </span>
      {/* Announced as they come, one by one (a role=alert would read the whole list again). */}
      <ul className="notice__text alarm-list" aria-live="assertive" aria-relevant="additions">
        {alarms.map((alarm) => (
          <li key={`${alarm.key ?? ''}:${alarm.message}`}>{errorText(alarm)}</li>
        ))}
      </ul>
      <button type="button" className="icon-button" aria-label={t('common.dismissAlarms')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
