import { priceCart, validateCart } from '../../shared/domain/cart';
import { makeOrderReference } from '../../shared/domain/order-reference';
import { defaultSettings } from '../../shared/domain/settings';
import { EventBus } from '../../electron/services/ipc/event-bus';
import type { Journal } from '../../electron/services/journal/journal';
import type { Logger } from '../../electron/services/log';
import { createProvider } from '../../electron/services/providers';
import type { Sandbox } from '../../electron/services/sandbox/server';
import { CheckoutService } from '../../electron/services/sales/checkout-service';
import { abortableSleep, type PollerOptions } from '../../electron/services/sales/poller';

export const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The checkout as the app composes it in demo mode: the real CheckoutService and its poller, the
 * real Ecster client against the built-in sandbox, the real clock and sleeps, on the journal given.
 */
export function demoCheckout(options: {
  journal: Journal;
  sandbox: Sandbox;
  tillId: string;
  events?: EventBus;
  /** To count the client's requests. */
  fetch?: typeof fetch;
  poller?: Partial<PollerOptions>;
}): CheckoutService {
  const provider = createProvider(
    {
      settings: { ...defaultSettings, provider: 'demo', demoProvider: 'ecster' },
      version: 'bench',
      env: {},
      sandbox: options.sandbox,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    {},
  );
  return new CheckoutService({
    journal: options.journal,
    events: options.events ?? new EventBus(),
    getProvider: () => ({ provider, providerId: 'ecster', demo: true }),
    settings: () => ({ currency: 'SEK', linkValidityMinutes: 15, tillId: options.tillId }),
    priceCart,
    validateCart,
    makeOrderReference,
    now: () => new Date(),
    sleep: abortableSleep,
    random: Math.random,
    log: silent,
    ...(options.poller ? { poller: options.poller } : {}),
  });
}
