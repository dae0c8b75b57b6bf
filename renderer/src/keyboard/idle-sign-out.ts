import type { PosApi } from '../../../shared/ipc/contract';
import type { PosStore } from '../store/store';

/** How often the idle time is looked at; the sign-out comes at most this late. */
const CHECK_MS = 10_000;

/**
 * Staff hand-over without a mouse, and the idle sign-out (Settings → Staff, "Sign out after").
 * F8 signs the current member out (the sign-in screen then takes the next PIN: F8, PIN, Enter).
 * After the idle time with no key or touch, the till asks main to sign out; main refuses while a
 * payment is under way, and the sale stays its clerk's.
 */
export function installIdleSignOut(store: PosStore, api: PosApi, target: Document = document, now: () => number = Date.now): () => void {
  let last = now();
  const signOut = (idle: boolean) =>
    void api.staff.signOut({ idle }).then((result) => {
      if (result.ok) store.getState().receiveStaff(result.value);
    });
  const onActivity = () => {
    last = now();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    last = now();
    if (event.key !== 'F8' || event.altKey || event.ctrlKey || event.metaKey) return;
    const staff = store.getState().staff;
    if (!staff?.enabled || !staff.signedIn) return;
    event.preventDefault();
    signOut(false);
  };
  target.addEventListener('keydown', onKeyDown, true);
  target.addEventListener('pointerdown', onActivity, true);
  const timer = setInterval(() => {
    const staff = store.getState().staff;
    if (!staff?.enabled || !staff.signedIn || staff.options.idleMinutes === 0) return;
    if (now() - last >= staff.options.idleMinutes * 60_000) {
      last = now();
      signOut(true);
    }
  }, CHECK_MS);
  return () => {
    clearInterval(timer);
    target.removeEventListener('keydown', onKeyDown, true);
    target.removeEventListener('pointerdown', onActivity, true);
  };
}
