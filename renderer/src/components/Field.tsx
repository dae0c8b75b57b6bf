import type { ReactNode } from 'react';

/**
 * A form field: its label, the control (given as children, carrying `id`), and its error.
 * The error's element id is `errorId`, for the control's `aria-describedby`.
 */
export function Field({
  id,
  label,
  error,
  errorId,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
