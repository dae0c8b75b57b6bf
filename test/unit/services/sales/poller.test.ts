import { describe, expect, it } from 'vitest';
import {
  Poller,
  nextDelay,
  defaultPollerOptions,
  abortableSleep,
  type CheckOutcome,
  type GiveUpReason,
  type PollTarget,
} from '../../../../electron/services/sales/poller';
import { recordingLogger } from '../journal/helpers';
import { FakeClock } from './world';

function setup(
  options: {
    target?: PollTarget | null;
    outcome?: (n: number, afterExpiry: boolean) => CheckOutcome | Promise<CheckOutcome>;
    random?: () => number;
  } = {},
) {
  const givenUp: { at: number; reason: GiveUpReason }[] = [];
  const clock = new FakeClock();
  const start = clock.ms;
  const checks: { at: number; afterExpiry: boolean }[] = [];
  let target: PollTarget | null = options.target === undefined ? { linkCreatedAt: start, validTo: start + 3_600_000 } : options.target;
  let randomCalls = 0;
  const poller = new Poller({
    now: clock.nowMs,
    sleep: clock.sleep,
    random: options.random ?? (() => [0, 0.5, 1][randomCalls++ % 3]!),
    log: recordingLogger(),
    target: () => target,
    check: async (_id, { afterExpiry }) => {
      checks.push({ at: clock.ms - start, afterExpiry });
      return options.outcome ? options.outcome(checks.length, afterExpiry) : { kind: 'pending' };
    },
    giveUp: (_id, reason) => {
      givenUp.push({ at: clock.ms - start, reason });
      return Promise.resolve({ kind: 'final' });
    },
  });
  return { clock, poller, checks, start, givenUp, setTarget: (t: PollTarget | null) => (target = t) };
}

describe('poller cadence', () => {
  it('polls every second for two minutes, then backs off with jitter to at most every five seconds', async () => {
    const { clock, poller, checks } = setup();
    poller.watch('s');
    await clock.advance(10 * 60_000);
    const times = checks.map((c) => c.at);
    const fast = times.filter((t) => t < 120_000);
    expect(fast).toEqual(Array.from({ length: 120 }, (_v, i) => i * 1000));
    const gaps = times.slice(121).map((t, i) => t - times[120 + i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_000);
    expect(Math.min(...gaps)).toBeGreaterThan(1_000);
    expect(new Set(gaps.slice(-9)).size).toBeGreaterThan(1); // jitter
    // Backing off: the first slow gaps are shorter than the settled ones.
    expect(gaps[0]!).toBeLessThan(Math.max(...gaps.slice(-9)));
    await poller.stop();
  });

  it('computes delays that never exceed the ceiling whatever the random draw', () => {
    for (let polls = 0; polls < 50; polls += 1) {
      for (const r of [0, 0.3, 0.999, 1]) {
        const d = nextDelay(defaultPollerOptions, 200_000, polls, r);
        expect(d).toBeLessThanOrEqual(5_000);
        expect(d).toBeGreaterThan(0);
      }
    }
    expect(nextDelay(defaultPollerOptions, 119_999, 0, 1)).toBe(1_000);
  });

  it('honours Retry-After on 429, capped at thirty seconds', async () => {
    const { clock, poller, checks } = setup({
      outcome: (n) =>
        n === 1
          ? { kind: 'rate-limited', retryAfterMs: 20_000 }
          : n === 2
            ? { kind: 'rate-limited', retryAfterMs: 600_000 }
            : { kind: 'pending' },
    });
    poller.watch('s');
    await clock.advance(51_500);
    expect(checks.map((c) => c.at).slice(0, 4)).toEqual([0, 20_000, 50_000, 51_000]);
    await poller.stop();
  });

  it('keeps polling through network errors', async () => {
    const { clock, poller, checks } = setup({ outcome: () => ({ kind: 'network' }) });
    poller.watch('s');
    await clock.advance(5_500);
    expect(checks).toHaveLength(6);
    expect(poller.isWatching('s')).toBe(true);
    await poller.stop();
  });

  it('stops at the first final status', async () => {
    const { clock, poller, checks } = setup({ outcome: (n) => (n === 3 ? { kind: 'final' } : { kind: 'pending' }) });
    poller.watch('s');
    await clock.advance(30_000);
    expect(checks).toHaveLength(3);
    expect(poller.isWatching('s')).toBe(false);
  });

  it('makes one last check at validTo plus grace, telling the checker the link has run out', async () => {
    const clock0 = Date.parse('2026-04-01T12:00:00.000Z');
    const { clock, poller, checks } = setup({
      target: { linkCreatedAt: clock0, validTo: clock0 + 30_500 },
      outcome: (_n, afterExpiry) => (afterExpiry ? { kind: 'final' } : { kind: 'pending' }),
    });
    poller.watch('s');
    await clock.advance(120_000);
    const last = checks.at(-1)!;
    expect(last).toEqual({ at: 40_500, afterExpiry: true });
    expect(checks.filter((c) => c.afterExpiry)).toHaveLength(1);
    expect(checks.at(-2)!.at).toBe(40_000);
  });
});

describe('poller giving up', () => {
  it('gives a link up as unknown after three not-found answers over at least ten seconds, not before', async () => {
    const { clock, poller, checks, givenUp } = setup({ outcome: () => ({ kind: 'not-found' }) });
    poller.watch('s');
    await clock.advance(9_500);
    // Ten answers in nine and a half seconds: consistent, but not yet for long enough.
    expect(givenUp).toEqual([]);
    await clock.advance(60_000);
    expect(givenUp).toEqual([{ at: 10_000, reason: 'unknown-link' }]);
    expect(checks).toHaveLength(11);
    expect(poller.isWatching('s')).toBe(false);
  });

  it('starts counting again when the provider knows the link after all', async () => {
    const { clock, poller, givenUp } = setup({
      outcome: (n) => (n % 8 === 0 ? { kind: 'pending' } : { kind: 'not-found' }),
    });
    poller.watch('s');
    await clock.advance(60_000);
    expect(givenUp).toEqual([]);
    await poller.stop();
  });

  it('does not count a network failure as the provider not knowing the link, nor as knowing it', async () => {
    const { clock, poller, givenUp } = setup({
      outcome: (n) => (n % 2 === 0 ? { kind: 'network' } : { kind: 'not-found' }),
    });
    poller.watch('s');
    await clock.advance(5_000);
    expect(givenUp).toEqual([]);
    await clock.advance(10_000);
    expect(givenUp).toEqual([{ at: 10_000, reason: 'unknown-link' }]);
  });

  it('stops after the link’s validity plus grace and three checks that do not decide', async () => {
    const clock0 = Date.parse('2026-04-01T12:00:00.000Z');
    const { clock, poller, checks, givenUp } = setup({
      target: { linkCreatedAt: clock0, validTo: clock0 + 30_500 },
      outcome: () => ({ kind: 'network' }),
    });
    poller.watch('s');
    await clock.advance(10 * 60_000);
    expect(checks.filter((c) => c.afterExpiry).map((c) => c.at)).toEqual([40_500, 41_500, 42_500]);
    expect(givenUp).toEqual([{ at: 42_500, reason: 'unconfirmed' }]);
    expect(poller.isWatching('s')).toBe(false);
    expect(checks.at(-1)!.at).toBe(42_500);
  });

  it('keeps watching when the checker will not give up yet (an order still followed)', async () => {
    const clock0 = Date.parse('2026-04-01T12:00:00.000Z');
    const clock = new FakeClock();
    const keepGoing = new Poller({
      now: clock.nowMs,
      sleep: clock.sleep,
      random: () => 0.5,
      log: recordingLogger(),
      target: () => ({ linkCreatedAt: clock0, validTo: clock0 + 1_000 }),
      check: () => Promise.resolve({ kind: 'pending' }),
      giveUp: () => Promise.resolve({ kind: 'pending' }),
    });
    keepGoing.watch('s');
    await clock.advance(60_000);
    expect(keepGoing.isWatching('s')).toBe(true);
    await keepGoing.stop();
  });
});

describe('poller single flight', () => {
  it('shares one request between the loop and any number of Check now presses', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { clock, poller, checks } = setup({
      outcome: async (n) => {
        if (n === 1) await gate;
        return { kind: 'pending' };
      },
    });
    poller.watch('s');
    await clock.advance(0);
    const a = poller.checkNow('s');
    const b = poller.checkNow('s');
    await clock.advance(5_000);
    expect(checks).toHaveLength(1);
    release();
    await expect(Promise.all([a, b])).resolves.toEqual([{ kind: 'pending' }, { kind: 'pending' }]);
    await clock.advance(1_000);
    expect(checks).toHaveLength(2);
    await poller.stop();
  });

  it('stops every loop on stop() and ignores watch() afterwards', async () => {
    const { clock, poller, checks } = setup();
    poller.watch('a');
    poller.watch('b');
    await clock.advance(1_500);
    await poller.stop();
    const count = checks.length;
    poller.watch('c');
    await clock.advance(10_000);
    expect(checks).toHaveLength(count);
  });
});

describe('abortableSleep', () => {
  it('wakes early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
