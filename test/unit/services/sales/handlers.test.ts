import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../../electron/services/ipc/dispatch';
import { ProviderError, type ProviderErrorKind } from '../../../../electron/services/providers/provider';
import { JournalError } from '../../../../electron/services/journal/journal';
import { createSaleHandlers } from '../../../../electron/services/sales/handlers';
import type { CheckoutService } from '../../../../electron/services/sales/checkout-service';
import { MemoryFs } from '../journal/helpers';
import { cartOf, FakeClock, ProviderWorld, startService } from './world';
import { englishText, msg } from '../../../../shared/messages';
import { mapStraumurError } from '../../../../electron/services/providers/straumur/errors';

/** No sandbox listens here: a demo customer may only press Pay on links under this URL. */
const demo = { sandboxUrl: 'http://127.0.0.1:9' };

describe('sale IPC handlers', () => {
  it('serve a real charge through the dispatcher and validate the answer', async () => {
    const clock = new FakeClock();
    const { service } = await startService(new MemoryFs(), clock, new ProviderWorld(clock));
    const dispatch = createDispatcher(createSaleHandlers(service, demo) as unknown as Handlers);
    const charged = await dispatch('sale:charge', { cart: cartOf(1000) });
    expect(charged).toMatchObject({ ok: true, value: { state: 'waiting', amountMinor: 1000 } });
    expect(await dispatch('sale:current', undefined)).toMatchObject({ ok: true, value: { state: 'waiting' } });
    expect(await dispatch('sale:list', {})).toMatchObject({ ok: true, value: [{ number: 1 }] });
    expect(await dispatch('sale:get', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no sale with that id.', key: 'saleNotFound' },
    });
    await service.stop();
  });

  it('map every provider error kind to its IPC code with the clerk message', async () => {
    const expected: Record<ProviderErrorKind, string> = {
      auth: 'provider-auth',
      rejected: 'provider-rejected',
      'not-found': 'provider-rejected',
      'rate-limited': 'provider-rate-limited',
      unavailable: 'provider-unavailable',
      'unknown-outcome': 'unknown-outcome',
      'bad-response': 'provider-bad-response',
    };
    for (const [kind, code] of Object.entries(expected) as [ProviderErrorKind, string][]) {
      const service = {
        cancel: () => Promise.reject(new ProviderError(kind, msg('providerTimeout'), {}, `Plain words for ${kind}.`)),
      } as unknown as CheckoutService;
      const dispatch = createDispatcher(createSaleHandlers(service, demo) as unknown as Handlers);
      expect(await dispatch('sale:cancel', { id: 's' })).toEqual({
        ok: false,
        error: { code, message: `Plain words for ${kind}.`, key: 'providerTimeout' },
      });
    }
    const storage = {
      cancel: () => Promise.reject(new JournalError(msg('journalWriteFailed'), 'Disk trouble.')),
    } as unknown as CheckoutService;
    expect(await createDispatcher(createSaleHandlers(storage, demo) as unknown as Handlers)('sale:cancel', { id: 's' })).toEqual({
      ok: false,
      error: { code: 'storage', message: 'Disk trouble.', key: 'journalWriteFailed' },
    });
  });

  it('refuse to act as the demo customer on a sale whose link is not in the sandbox', async () => {
    const clock = new FakeClock();
    const { service } = await startService(new MemoryFs(), clock, new ProviderWorld(clock));
    const dispatch = createDispatcher(createSaleHandlers(service, demo) as unknown as Handlers);
    const charged = await service.charge(cartOf(1000));
    expect(await dispatch('sale:demoCustomer', { id: charged.id, action: 'pay' })).toEqual({
      ok: false,
      error: { code: 'rejected', message: englishText(msg('saleDemoOnly')), key: 'saleDemoOnly' },
    });
    expect(service.get(charged.id).state).toBe('waiting');
    await service.stop();
  });
});

describe('a provider error crossing the dispatcher', () => {
  it('keeps its Message: the key and params reach the renderer next to the English text', async () => {
    const timeout = new ProviderError('unavailable', msg('providerTimeout'));
    const busy = new ProviderError('rate-limited', msg('providerRateLimited', { seconds: 7 }), { status: 429, retryAfterMs: 7_000 });
    const auth = mapStraumurError(401, null);
    if (!auth) throw new Error('expected a 401 to map');
    for (const [error, code] of [
      [timeout, 'provider-unavailable'],
      [busy, 'provider-rate-limited'],
      [auth, 'provider-auth'],
    ] as const) {
      const service = { charge: () => Promise.reject(error) } as unknown as CheckoutService;
      const answer = await createDispatcher(createSaleHandlers(service, demo) as unknown as Handlers)('sale:charge', {
        cart: { currency: 'SEK', lines: [], discount: null },
      });
      expect(answer).toEqual({
        ok: false,
        error: { code, message: englishText(error.l10n), key: error.l10n.key, ...(error.l10n.params ? { params: error.l10n.params } : {}) },
      });
    }
  });
});
