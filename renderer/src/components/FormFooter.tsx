import { useTranslation } from 'react-i18next';
import { usePos } from './context';

/** A dialog form's last lines: the error, if any, then Cancel and the submit button. */
export function FormFooter({ error, submit, errorId }: { error: string; submit: string; errorId?: string }) {
  const { t } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  return (
    <>
      {error && (
        <p className="form__error" role="alert" id={errorId}>
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={close}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {submit}
        </button>
      </div>
    </>
  );
}
