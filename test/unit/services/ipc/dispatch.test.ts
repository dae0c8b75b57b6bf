import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorKind } from '../../../../electron/services/errors';
import { JournalError } from '../../../../electron/services/journal/journal';
import { ProviderError } from '../../../../electron/services/providers/provider';
import { createDispatcher, SLOW_CALL_MS, type Handlers } from '../../../../electron/services/ipc/dispatch';
import { englishText, msg } from '../../../../shared/messages';

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
      if (fail) return Promise.reject(new DomainError('rejected', msg('ipcInternal')));
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

describe('errors crossing the dispatcher', () => {
  const failing = (error: Error) => dispatcherWith(() => Promise.reject(error), { ms: 0 }).dispatch('settings:get', undefined);

  it('map every domain error kind to its IPC code, with the English text, key and params', async () => {
    const expected: Record<DomainErrorKind, string> = {
      'not-found': 'not-found',
      conflict: 'conflict',
      rejected: 'rejected',
      storage: 'storage',
      'provider-unavailable': 'provider-unavailable',
      'provider-rejected': 'provider-rejected',
    };
    for (const [kind, code] of Object.entries(expected) as [DomainErrorKind, string][]) {
      expect(await failing(new DomainError(kind, msg('zNotFound', { number: 3 }), `Plain words for ${kind}.`))).toEqual({
        ok: false,
        error: { code, message: `Plain words for ${kind}.`, key: 'zNotFound', params: { number: 3 } },
      });
    }
  });

  it('map provider and journal errors by the same table on every channel, not only the sale channels', async () => {
    expect(await failing(new ProviderError('unknown-outcome', msg('providerUnknownOutcome')))).toMatchObject({
      error: { code: 'unknown-outcome', key: 'providerUnknownOutcome' },
    });
    expect(await failing(new JournalError(msg('journalWriteFailed'), 'Disk trouble.'))).toEqual({
      ok: false,
      error: { code: 'storage', message: 'Disk trouble.', key: 'journalWriteFailed' },
    });
  });

  it('say only a generic sentence for anything else, and hand it to the log', async () => {
    const internal: unknown[] = [];
    const handlers = { 'settings:get': () => Promise.reject(new Error('secret-ish detail')) } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { onInternalError: (_channel, error) => internal.push(error) });
    expect(await dispatch('settings:get', undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: englishText(msg('ipcInternal')), key: 'ipcInternal' },
    });
    expect(internal).toHaveLength(1);
  });
});
