import { useTranslation } from 'react-i18next';
import { usePos } from './context';
import { needsSignIn } from '../store/staff-slice';

type HintKey = 'charge' | 'search' | 'discount' | 'quantity' | 'remove' | 'select' | 'back' | 'newSale' | 'signIn';

const cartKeys: readonly HintKey[] = ['charge', 'search', 'discount', 'quantity', 'remove', 'select', 'back'];

/**
 * The keys that do something here (keyboard/shortcuts.ts): the cart keys on Sell while the cart can
 * change (F2 then sends a live edit); none while the customer pays (the screen's buttons are the
 * way); Enter for the next sale once the sale has ended (focus is on New sale); F3 and Esc, which
 * lead back to Sell, everywhere else. On the sign-in screen only Enter does anything (it signs in):
 * the other keys wait for someone to be signed in.
 */
function hintsFor(state: { signIn: boolean; screen: string; hasSale: boolean; live: boolean; editingLive: boolean }): readonly HintKey[] {
  if (state.signIn) return ['signIn'];
  if (state.screen !== 'sell') return ['search', 'back'];
  if (!state.hasSale || state.editingLive) return cartKeys;
  return state.live ? [] : ['newSale'];
}

/** Shortcuts on screen, always, so nobody has to remember them — only the ones that work now. */
export function KeyHints() {
  const { t } = useTranslation();
  const keys = usePos((s) =>
    hintsFor({
      signIn: needsSignIn(s),
      screen: s.screen,
      hasSale: s.sale !== null,
      live: s.sale !== null && s.isLive(s.sale),
      editingLive: s.editingLive,
    }).join(' '),
  );
  return (
    <footer className="key-hints" aria-label={t('keys.title')}>
      {(keys === '' ? [] : (keys.split(' ') as HintKey[])).map((key) => {
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
