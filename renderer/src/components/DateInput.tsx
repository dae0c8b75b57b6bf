import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../i18n';

/**
 * A date filter. Chromium draws a date input in the computer's language (03/03/2026 on an English
 * system), whatever the clerk chose, so the chosen day is also said in the clerk's language below it.
 */
export function DateInput({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { i18n } = useTranslation();
  const said = value === '' ? '' : formatCalendarDate(value, i18n.language);
  return (
    <>
      <input
        className="input"
        id={id}
        type="date"
        value={value}
        aria-describedby={said ? `${id}-said` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {said && (
        <p className="hint" id={`${id}-said`}>
          {said}
        </p>
      )}
    </>
  );
}
