import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../../electron/services/ipc/dispatch';
import { ProviderError, type ProviderErrorKind } from '../../../../electron/services/providers/provider';
import { JournalError } from '../../../../electron/services/journal/journal';
import { createSaleHandlers } from '../../../../electron/services/sales/handlers';
import type { CheckoutService } from '../../../../electron/services/sales/checkout-service';
import { MemoryFs } from '../journal/helpers';
import { cartOf, FakeClock, ProviderWorld, startService } from './world';

describe('sale IPC handlers', () => {
  it('serve a real charge through the dispatcher and validate the answer', async () => {
    const clock = new FakeClock();
    const { service } = await startService(new MemoryFs(), clock, new ProviderWorld(clock));
    const dispatch = createDispatcher(createSaleHandlers(service) as unknown as Handlers);
    const charged = await dispatch('sale:charge', { cart: cartOf(1000) });
    expect(charged).toMatchObject({ ok: true, value: { state: 'waiting', amountMinor: 1000 } });
    expect(await dispatch('sale:current', undefined)).toMatchObject({ ok: true, value: { state: 'waiting' } });
    expect(await dispatch('sale:list', {})).toMatchObject({ ok: true, value: [{ number: 1 }] });
    expect(await dispatch('sale:get', { id: 'nope' })).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no sale with that id.' } });
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
      const service = { cancel: () => Promise.reject(new ProviderError(kind, `Plain words for ${kind}.`)) } as unknown as CheckoutService;
      const dispatch = createDispatcher(createSaleHandlers(service) as unknown as Handlers);
      expect(await dispatch('sale:cancel', { id: 's' })).toEqual({ ok: false, error: { code, message: `Plain words for ${kind}.` } });
    }
    const storage = { cancel: () => Promise.reject(new JournalError('Disk trouble.')) } as unknown as CheckoutService;
    expect(await createDispatcher(createSaleHandlers(storage) as unknown as Handlers)('sale:cancel', { id: 's' })).toEqual({
      ok: false,
      error: { code: 'storage', message: 'Disk trouble.' },
    });
  });
});
