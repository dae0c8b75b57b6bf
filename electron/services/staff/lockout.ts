/**
 * Wrong PINs at the counter: after five in a row, the sign-in (or the approval dialog) is locked
 * for 30 s; each further lockout doubles the pause (1 min, 2 min, … at most 15 min) until a right
 * PIN resets it. While locked, a PIN is not even checked. Pure, with an injected clock; its state
 * (`snapshot`, a wall-clock `lockedUntil`) is kept on disk by lockout-store.ts, so a restart of the
 * app resets nothing.
 */
export const PIN_TRIES = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

export type LockoutState = { locked: false; triesLeft: number } | { locked: true; until: number; ms: number };

/** What the PIN is checked for: each has its own count and lock. */
export type PinPurpose = 'sign-in' | 'approval';
export const pinPurposes: readonly PinPurpose[] = ['sign-in', 'approval'];

/** A lockout's whole state: wrong PINs in a row, locks so far, locked until (ms since the epoch; 0: not). */
export interface LockoutSnapshot {
  readonly wrong: number;
  readonly lockouts: number;
  readonly lockedUntil: number;
}
export const noLockout: LockoutSnapshot = { wrong: 0, lockouts: 0, lockedUntil: 0 };

export class PinLockout {
  private wrong: number;
  private lockouts: number;
  private lockedUntil: number;

  constructor(
    private readonly now: () => number,
    from: LockoutSnapshot = noLockout,
  ) {
    this.wrong = from.wrong;
    this.lockouts = from.lockouts;
    this.lockedUntil = from.lockedUntil;
  }

  snapshot(): LockoutSnapshot {
    return { wrong: this.wrong, lockouts: this.lockouts, lockedUntil: this.lockedUntil };
  }

  /** Locked now? Then until when. */
  state(): LockoutState {
    const now = this.now();
    if (this.lockedUntil > now) return { locked: true, until: this.lockedUntil, ms: this.lockedUntil - now };
    return { locked: false, triesLeft: PIN_TRIES - this.wrong };
  }

  /** A wrong PIN: either tries are left, or the lock that starts now. */
  failure(): LockoutState {
    this.wrong += 1;
    if (this.wrong < PIN_TRIES) return { locked: false, triesLeft: PIN_TRIES - this.wrong };
    this.wrong = 0;
    const ms = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** this.lockouts);
    this.lockouts += 1;
    this.lockedUntil = this.now() + ms;
    return { locked: true, until: this.lockedUntil, ms };
  }

  success(): void {
    this.wrong = 0;
    this.lockouts = 0;
    this.lockedUntil = 0;
  }
}
