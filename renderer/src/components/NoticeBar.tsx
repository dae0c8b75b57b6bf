import { useTranslation } from 'react-i18next';
import { usePos } from './context';

/** One message at a time for the clerk; errors are announced assertively. */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = usePos((s) => s.notice);
  const dismiss = usePos((s) => s.dismissNotice);
  const openDialog = usePos((s) => s.openDialog);
  if (!notice) return <div className="notice notice--empty" aria-live="polite" />;
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
