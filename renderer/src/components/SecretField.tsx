import type { ReactNode } from 'react';
import { Field } from './Field';

/**
 * A write-only secret (a provider's key, the SMTP password): what is typed goes to main on Save and
 * the field is emptied; a stored secret never comes back to the renderer, so the field can only say
 * whether one is set (`status`, read from main's status channel) — never show it.
 */
export function SecretField({
  id,
  label,
  value,
  onChange,
  error,
  errorId,
  describedBy,
  status,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  errorId?: string;
  /** A hint shared by several secret fields (the provider's keys), said after this field's own status. */
  describedBy?: string;
  /** Set or not set, in words (and an icon when set); shown under the field as `${id}-state`. */
  status?: { set: boolean; text: string };
}) {
  const stateId = `${id}-state`;
  const described = [error && errorId ? errorId : null, status ? stateId : null, describedBy ?? null]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <Field id={id} label={label} error={error} errorId={errorId}>
      <input
        id={id}
        className="input"
        type="password"
        // "new-password": a browser must never fill a saved password in here (it would be saved as the secret).
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {status && <SecretState id={stateId} status={status} />}
    </Field>
  );
}

function SecretState({ id, status }: { id: string; status: { set: boolean; text: ReactNode } }) {
  return (
    <p id={id} className={`hint secret-state secret-state--${status.set ? 'set' : 'unset'}`}>
      <span aria-hidden="true">{status.set ? '🔒 ' : '○ '}</span>
      {status.text}
    </p>
  );
}
