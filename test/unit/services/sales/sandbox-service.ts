import { priceCart, validateCart } from '../../../../shared/domain/cart';
import type { Currency } from '../../../../shared/domain/money';
import { makeOrderReference } from '../../../../shared/domain/order-reference';
import type { ProviderId } from '../../../../shared/domain/sale';
import { defaultSettings } from '../../../../shared/domain/settings';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { openJournal, type Journal, type OpenJournalResult } from '../../../../electron/services/journal/journal';
import { createProvider } from '../../../../electron/services/providers';
import { providers } from '../../../../electron/services/providers/registry';
import type { PaymentLinkProvider } from '../../../../electron/services/providers/provider';
import type { Sandbox } from '../../../../electron/services/sandbox/server';
import { CheckoutService, type CheckoutDeps } from '../../../../electron/services/sales/checkout-service';
import { abortableSleep, type PollerOptions } from '../../../../electron/services/sales/poller';
import { recordingLogger, tempDir, type RecordingLogger } from '../journal/helpers';

export interface SandboxService {
  service: CheckoutService;
  journal: Journal;
  /** What opening the journal found (a torn tail, say). */
  opened: OpenJournalResult;
  provider: PaymentLinkProvider;
  log: RecordingLogger;
  /** Stops the service and removes its data directory. */
  close: () => Promise<void>;
}

/**
 * The real checkout with a provider's real client against the built-in sandbox over loopback, a
 * real clock and fast polling. `poller` and `linkValidityMs` shrink the timings a test waits out.
 */
export async function sandboxService(
  sandbox: Sandbox,
  options: {
    providerId?: ProviderId;
    currency?: Currency;
    poller?: Partial<PollerOptions>;
    linkValidityMs?: number;
    tillId?: string;
    /** The merchant allows cash and a card terminal when no link can be made. */
    otherTenders?: boolean;
    /** A data directory of the caller's, kept on close (a restart opens it again); else a temporary one. */
    dir?: string;
  } = {},
): Promise<SandboxService> {
  const providerId = options.providerId ?? 'ecster';
  const { dir, cleanup } = options.dir ? { dir: options.dir, cleanup: () => Promise.resolve() } : await tempDir();
  const log = recordingLogger();
  const opened = await openJournal(dir, { log });
  const { journal, records } = opened;
  const demo = { ...defaultSettings, provider: 'demo' as const, demoProvider: providerId };
  const settings = providers[providerId].demoSettings?.(demo) ?? demo;
  // A read the sandbox fails is retried by the client after a short pause, not the seconds a real
  // provider gets, so a test of many failed checks takes a second.
  const sleep = (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 20), signal ?? new AbortController().signal);
  const provider = createProvider({ settings, version: 'test', env: {}, sandbox, timeoutMs: 400, sleep }, {});
  const deps: CheckoutDeps = {
    journal,
    events: new EventBus(),
    getProvider: () => ({ provider, providerId, demo: true }),
    settings: () => ({
      currency: options.currency ?? 'SEK',
      linkValidityMinutes: (options.linkValidityMs ?? 15 * 60_000) / 60_000,
      tillId: options.tillId ?? 'IT1',
      tillName: 'Counter 1',
      otherTenders: options.otherTenders ?? false,
    }),
    priceCart,
    validateCart,
    makeOrderReference,
    now: () => new Date(),
    sleep: abortableSleep,
    random: Math.random,
    log,
    poller: { fastIntervalMs: 25, ...options.poller },
  };
  const service = new CheckoutService(deps);
  await service.resume(records);
  return {
    service,
    journal,
    opened,
    provider,
    log,
    close: async () => {
      await service.stop();
      await journal.close();
      await cleanup();
    },
  };
}

/** Waits (on the real clock) until the predicate holds. */
export async function waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
