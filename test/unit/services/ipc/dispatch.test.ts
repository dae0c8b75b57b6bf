import { describe, expect, it } from 'vitest';
import { createDispatcher, HandlerError, SLOW_CALL_MS, type Handlers } from '../../../../electron/services/ipc/dispatch';
import { msg } from '../../../../shared/messages';

/** A dispatcher with one handler and a clock the handler moves; other channels are never called. */
function dispatcherWith(handler: () => Promise<unknown>, clock: { ms: number }) {
  const slow: [string, number][] = [];
  const handlers = { 'settings:get': handler } as unknown as Handlers;
  const dispatch = createDispatcher(handlers, { now: () => clock.ms, onSlowCall: (channel, tookMs) => slow.push([channel, tookMs]) });
  return { dispatch, slow };
}

describe('dispatcher timing', () => {
  it('reports a call that kept the clerk waiting, whether it succeeded or failed, and not a quick one', async () => {
    const clock = { ms: 0 };
    let fail = false;
    const { dispatch, slow } = dispatcherWith(() => {
      clock.ms += SLOW_CALL_MS;
      if (fail) return Promise.reject(new HandlerError('rejected', msg('ipcInternal')));
      return Promise.resolve(undefined);
    }, clock);
    await dispatch('settings:get', undefined);
    fail = true;
    const failed = await dispatch('settings:get', undefined);
    expect(failed.ok).toBe(false);
    expect(slow).toEqual([
      ['settings:get', SLOW_CALL_MS],
      ['settings:get', SLOW_CALL_MS],
    ]);

    const quick = dispatcherWith(() => {
      clock.ms += SLOW_CALL_MS - 1;
      return Promise.resolve(undefined);
    }, clock);
    await quick.dispatch('settings:get', undefined);
    expect(quick.slow).toEqual([]);
  });
});
