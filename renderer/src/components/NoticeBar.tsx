import { useTranslation } from 'react-i18next';
import { usePos } from './context';

/** One message at a time for the clerk; errors are announced assertively. */
export function NoticeBar() {
  const notice = usePos((s) => s.notice);
  // The slot keeps its height with or without a notice, so nothing below it moves when one appears
  // (a clerk's finger is already on its way to a quick key); a long notice spills over, never pushes.
  if (!notice) {
    return (
      <div className="notice-slot">
        <div className="notice notice--empty" aria-live="polite" />
      </div>
    );
  }
  return (
    <div className="notice-slot">
      <NoticeView key={notice.id} />
    </div>
  );
}

/** One notice; keyed by its id so a new one starts its own fade. */
function NoticeView() {
  const { t } = useTranslation();
  const notice = usePos((s) => s.notice);
  const dismiss = usePos((s) => s.dismissNotice);
  const openDialog = usePos((s) => s.openDialog);
  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span className="notice__icon" aria-hidden="true">
        {notice.tone === 'error' ? '⚠' : notice.tone === 'warning' ? '!' : notice.tone === 'success' ? '✔' : 'ℹ'}
      </span>
      <span className="notice__text">{notice.message}</span>
      {notice.unknownCode && (
        <button
          type="button"
          className="button button--small"
          onClick={() => openDialog({ kind: 'custom-item', code: notice.unknownCode })}
        >
          {t('scan.addCustom')}
        </button>
      )}
      <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
