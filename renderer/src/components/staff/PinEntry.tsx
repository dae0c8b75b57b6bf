import { Field } from '../Field';

/**
 * A PIN field (sign-in, manager approval, the owner's PIN): digits only, never shown, never
 * autofilled, its error tied to it for screen readers. The PIN stays in the form's state only.
 */
export function PinEntry({
  id,
  label,
  value,
  onChange,
  error,
  autoFocus = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (pin: string) => void;
  error?: string | null | undefined;
  autoFocus?: boolean;
}) {
  const errorId = `${id}-error`;
  return (
    <Field id={id} label={label} error={error ?? undefined} errorId={errorId}>
      <input
        id={id}
        className="input input--pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        autoFocus={autoFocus}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </Field>
  );
}
