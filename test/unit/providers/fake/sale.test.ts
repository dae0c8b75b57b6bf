import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceCart, validateCart } from '../../../../shared/domain/cart';
import { makeOrderReference } from '../../../../shared/domain/order-reference';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { createProviderSelector } from '../../../../electron/services/active-provider';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { openJournal } from '../../../../electron/services/journal/journal';
import { providers, sandboxRoutes, type ProviderRegistry } from '../../../../electron/services/providers/registry';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import { CheckoutService } from '../../../../electron/services/sales/checkout-service';
import { abortableSleep } from '../../../../electron/services/sales/poller';
import { recordingLogger, tempDir } from '../../services/journal/helpers';
import { cartOf } from '../../services/sales/world';
import { fakeDescriptor } from './descriptor';
import { FAKE_ID } from './info';

// The proof that a provider is one module: this folder's descriptor, added to the registry here
// and nowhere else, is chosen, served by the sandbox and sells end to end.
const registry: ProviderRegistry = { ...providers, [FAKE_ID]: fakeDescriptor };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', routes: sandboxRoutes(registry) });
});
afterAll(() => sandbox.close());

async function waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a third provider registered only in a test', () => {
  it('is chosen in demo mode, gets its own sandbox API, and sells: charge, link, paid, journal', async () => {
    const { dir, cleanup } = await tempDir();
    const log = recordingLogger();
    const { journal, records } = await openJournal(dir, { log });
    const settings: Settings = { ...defaultSettings, provider: 'demo', demoProvider: FAKE_ID };
    const select = createProviderSelector({
      providers: registry,
      sandbox,
      settings: () => settings,
      credentials: () => null,
      version: 'test',
      env: {},
      log,
    });
    expect(select()).toMatchObject({ providerId: FAKE_ID, demo: true });
    expect(sandbox.baseUrls[FAKE_ID]).toBe(`${sandbox.baseUrl}/fake/api/`);

    const service = new CheckoutService({
      journal,
      events: new EventBus(),
      getProvider: select,
      settings: () => ({ currency: 'SEK', linkValidityMinutes: 15, tillId: 'FK1' }),
      priceCart,
      validateCart,
      makeOrderReference,
      now: () => new Date(),
      sleep: abortableSleep,
      random: Math.random,
      log,
      poller: { fastIntervalMs: 25 },
    });
    try {
      await service.resume(records);
      const sale = await service.charge(cartOf(12_500, 2_000));
      expect(sale).toMatchObject({ state: 'waiting', provider: FAKE_ID, demo: true, amountMinor: 14_500 });
      expect(sale.link?.url).toBe(`${sandbox.baseUrl}/fake/pay/${sale.link?.reference}`);

      // The customer pays at the fake provider (its sandbox API, with its demo key).
      const paid = await fetch(`${sandbox.baseUrls[FAKE_ID]}links/${sale.link?.reference}/pay`, {
        method: 'POST',
        headers: { 'x-api-key': fakeDescriptor.demoCredentials.apiKey },
      });
      expect(paid.status).toBe(200);
      await waitFor(() => service.get(sale.id).state === 'paid');

      expect((await journal.verify()).ok).toBe(true);
      await service.stop();
      await journal.close();
      const reopened = await openJournal(dir, { log });
      const journaled = reopened.records.filter((r) => r.saleId === sale.id);
      expect(journaled.map((r) => r.type)).toEqual(['sale-created', 'link-created', 'status-observed']);
      expect(journaled[0]?.data).toMatchObject({ provider: FAKE_ID, demo: true });
      expect(journaled[2]?.data).toMatchObject({ status: 'paid', amountMinor: 14_500, currency: 'SEK' });
      await reopened.journal.close();
    } finally {
      await service.stop();
      await cleanup();
    }
  });
});
