import { describe, expect, it } from 'vitest';
import { FIRST_LOCK_MS, MAX_LOCK_MS, PinLockout } from '../../../../electron/services/staff/lockout';

describe('PIN lockout (fake clock)', () => {
  it('locks after five wrong PINs for 30 s, then doubles the pause, and a right PIN resets it', () => {
    let now = 1_000_000;
    const lockout = new PinLockout(() => now);
    for (let i = 4; i >= 1; i -= 1) expect(lockout.failure()).toEqual({ locked: false, triesLeft: i });
    expect(lockout.failure()).toMatchObject({ locked: true, ms: FIRST_LOCK_MS });
    now += FIRST_LOCK_MS - 1;
    expect(lockout.state()).toMatchObject({ locked: true, ms: 1 });
    now += 1;
    expect(lockout.state()).toEqual({ locked: false, triesLeft: 5 });
    for (let i = 0; i < 4; i += 1) lockout.failure();
    expect(lockout.failure()).toMatchObject({ locked: true, ms: 2 * FIRST_LOCK_MS });
    now += 2 * FIRST_LOCK_MS;
    lockout.success();
    for (let i = 0; i < 4; i += 1) lockout.failure();
    expect(lockout.failure()).toMatchObject({ locked: true, ms: FIRST_LOCK_MS });
  });

  it('never pauses longer than 15 minutes', () => {
    let now = 0;
    const lockout = new PinLockout(() => now);
    let last = 0;
    for (let round = 0; round < 12; round += 1) {
      for (let i = 0; i < 4; i += 1) lockout.failure();
      const state = lockout.failure();
      if (!state.locked) throw new Error('expected a lock');
      last = state.ms;
      now = state.until;
    }
    expect(last).toBe(MAX_LOCK_MS);
  });
});
