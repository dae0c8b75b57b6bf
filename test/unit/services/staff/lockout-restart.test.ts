import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../electron/services/log';
import { discountAboveThreshold, LOCKOUT_FILE, openLockoutStore, openStaffStore, StaffService } from '../../../../electron/services/staff';
import { FIRST_LOCK_MS } from '../../../../electron/services/staff/lockout';
import { filesContaining, makeTempDir } from '../storage/temp-dir';

/**
 * Five wrong PINs lock sign-in, and quitting the app does not undo it: the lockout is on disk (no
 * PIN in it) before the answer, and a service made again over the same data folder — a restart —
 * is still locked for the time left, on a fake clock.
 */
const OWNER_PIN = '80461935';
const WRONG_PIN = '11112222';
const CHEAP = { N: 2 ** 10, r: 8, p: 1, keyLength: 32, saltLength: 16 };

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const errors: string[] = [];
const log: Logger = { info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) };

/** A till's staff service over `dir`, as the app builds it at every start. */
async function startTill(dir: string, clock: { now: number }): Promise<StaffService> {
  const { store } = await openStaffStore(dir, log);
  return new StaffService({
    store,
    lockoutStore: await openLockoutStore(dir, log),
    log,
    now: () => clock.now,
    paymentInProgress: () => false,
    conditions: { 'discount-above-threshold': discountAboveThreshold, 'sale-may-be-paid': () => true },
    pinCost: CHEAP,
  });
}

async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('the PIN lockout across a restart (fake clock)', () => {
  it('stays locked for the time left after the app is restarted, and the next lock still doubles', async () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const clock = { now: 1_800_000_000_000 };
    let staff = await startTill(temp.dir, clock);
    await staff.add({ name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' });
    await staff.signOut(false);

    for (let i = 0; i < 4; i += 1) await refusal(staff.signIn(WRONG_PIN));
    // Four wrong, restart: one try is left, not five.
    staff = await startTill(temp.dir, clock);
    expect(await refusal(staff.signIn(WRONG_PIN))).toBe('Too many wrong PINs. Try again in 30 seconds.');

    // Restarted while locked: still locked, for the time left; even the right PIN is not checked.
    clock.now += 10_000;
    staff = await startTill(temp.dir, clock);
    expect(staff.status().locked).toMatchObject({ purpose: 'sign-in', seconds: 20 });
    expect(await refusal(staff.signIn(OWNER_PIN))).toBe('Too many wrong PINs. Try again in 20 seconds.');
    const file = JSON.parse(readFileSync(join(temp.dir, LOCKOUT_FILE), 'utf8')) as Record<string, unknown>;
    expect(file['sign-in']).toEqual({ wrong: 0, lockouts: 1, lockedUntil: 1_800_000_000_000 + FIRST_LOCK_MS });
    expect(file.approval).toEqual({ wrong: 0, lockouts: 0, lockedUntil: 0 });

    // Over: five more wrong PINs, a restart, and the pause is the doubled one.
    clock.now += 20_000;
    staff = await startTill(temp.dir, clock);
    expect(staff.status().locked).toBeNull();
    for (let i = 0; i < 5; i += 1) await refusal(staff.signIn(WRONG_PIN));
    staff = await startTill(temp.dir, clock);
    expect(staff.status().locked).toMatchObject({ seconds: 60 });

    // The right PIN after the pause resets it, on disk too.
    clock.now += 60_000;
    await staff.signIn(OWNER_PIN);
    staff = await startTill(temp.dir, clock);
    for (let left = 4; left >= 1; left -= 1)
      expect(await refusal(staff.signIn(WRONG_PIN))).toBe(`Wrong PIN. ${left} more tries before a pause.`);
    expect(filesContaining(temp.dir, OWNER_PIN)).toEqual([]);
    expect(filesContaining(temp.dir, WRONG_PIN)).toEqual([]);
  });

  it('sets a damaged lockout file aside and starts counting again', async () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    writeFileSync(join(temp.dir, LOCKOUT_FILE), '{"v":1,"sign-in":');
    const staff = await startTill(temp.dir, { now: 1_800_000_000_000 });
    expect(staff.status().locked).toBeNull();
    expect(errors).toContain('The PIN lockout file could not be read; it was moved aside');
  });
});
