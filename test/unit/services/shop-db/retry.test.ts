import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff, Nap } from '../../../../electron/services/shop-db/retry';

describe('Backoff', () => {
  it('doubles from the initial delay up to the maximum, and starts over after a success', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1_000 });
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe('Nap', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settled = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it('sleeps its time, or less when woken', async () => {
    const nap = new Nap();
    const full = nap.sleep(1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(full)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(full)).toBe(true);

    const woken = nap.sleep(60_000);
    expect(await settled(woken)).toBe(false);
    nap.wake();
    expect(await settled(woken)).toBe(true);
  });

  it('once closed, returns at once, so a stop just before a sleep is not missed; opening restores sleeping', async () => {
    const nap = new Nap();
    const asleep = nap.sleep(60_000);
    nap.close();
    expect(await settled(asleep)).toBe(true);
    expect(await settled(nap.sleep(60_000))).toBe(true);
    nap.open();
    expect(await settled(nap.sleep(60_000))).toBe(false);
  });

  it('a wake with no one asleep does not cut the next sleep short', async () => {
    const nap = new Nap();
    nap.wake();
    expect(await settled(nap.sleep(1_000))).toBe(false);
  });
});
