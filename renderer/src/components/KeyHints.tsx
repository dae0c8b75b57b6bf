import { useTranslation } from 'react-i18next';
import { usePos } from './context';

/** The cart keys work on the Sell screen only (see keyboard/shortcuts.ts); elsewhere F3 and Esc lead back to it. */
const sellKeys = ['charge', 'search', 'discount', 'quantity', 'remove', 'select', 'back'] as const;
const otherKeys = ['search', 'back'] as const;

/** Shortcuts on screen, always, so nobody has to remember them — only the ones that work here. */
export function KeyHints() {
  const { t } = useTranslation();
  const onSell = usePos((s) => s.screen === 'sell');
  return (
    <footer className="key-hints" aria-label={t('keys.title')}>
      {(onSell ? sellKeys : otherKeys).map((key) => {
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
