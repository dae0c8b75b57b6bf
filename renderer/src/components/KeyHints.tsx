import { useTranslation } from 'react-i18next';

/** Shortcuts on screen, always, so nobody has to remember them. */
export function KeyHints() {
  const { t } = useTranslation();
  const keys = ['charge', 'search', 'discount', 'quantity', 'remove', 'select', 'back'] as const;
  return (
    <footer className="key-hints" aria-label={t('keys.title')}>
      {keys.map((key) => {
        const [first, ...rest] = t(`keys.${key}`).split(' ');
        return (
          <span key={key} className="key-hint">
            <kbd>{first}</kbd> {rest.join(' ')}
          </span>
        );
      })}
    </footer>
  );
}
