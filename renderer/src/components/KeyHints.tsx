import { useTranslation } from 'react-i18next';
import { usePos } from './context';
import { needsSignIn } from '../store/staff-slice';

type HintKey =
  'charge' | 'updatePayment' | 'search' | 'priceCheck' | 'discount' | 'quantity' | 'remove' | 'select' | 'back' | 'newSale' | 'signIn';

const cartKeys: readonly HintKey[] = ['charge', 'search', 'priceCheck', 'discount', 'quantity', 'remove', 'select', 'back'];
/** Changing a live sale's cart: F2 sends the change, and its hint says so in the button's words. */
const editKeys: readonly HintKey[] = ['updatePayment', ...cartKeys.slice(1)];

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
  if (state.editingLive) return editKeys;
  if (!state.hasSale) return cartKeys;
  return state.live ? [] : ['newSale'];
}

/** The key and its words. F2's words are its button's own, so the hint never says another thing. */
function hintText(key: HintKey, t: (key: string) => string): [string, string] {
  if (key === 'charge') return ['F2', t('charge.button')];
  if (key === 'updatePayment') return ['F2', t('sale.updatePayment')];
  const [first = '', ...rest] = t(`keys.${key}`).split(' ');
  return [first, rest.join(' ')];
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
        const [first, words] = hintText(key, t);
        return (
          <span key={key} className="key-hint">
            <kbd>{first}</kbd> {words}
          </span>
        );
      })}
    </footer>
  );
}
