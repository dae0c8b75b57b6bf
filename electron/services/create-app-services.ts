import { mkdirSync } from 'node:fs';
import { priceCart, validateCart } from '../../shared/domain/cart';
import type { CartTotals } from '../../shared/domain/schemas';
import { makeOrderReference } from '../../shared/domain/order-reference';
import type { AppServices, AppServicesOptions } from './app';
import { createProviderSelector } from './active-provider';
import { createCatalogService } from './catalog';
import { createDispatcher, type Handlers } from './ipc/dispatch';
import { EventBus } from './ipc/event-bus';
import { openJournal } from './journal/journal';
import { CheckoutService } from './sales/checkout-service';
import { actAsDemoCustomer } from './sales/demo-customer';
import { createSaleHandlers, toHandlerError } from './sales/handlers';
import { createHistoryServices } from './reports';
import { demoEcsterCredentials, demoStraumurCredentials } from './sandbox/demo-credentials';
import { parseFaults } from './sandbox/faults';
import { startSandbox } from './sandbox/server';
import { testProviderConnection } from './connection-test';
import { openSettings } from './settings/open';
import { createSettingsHandlers } from './settings/handlers';
import { ensurePrivateDir } from './storage/files';
import { englishText, localizedText, msg, type LocalizedText } from '../../shared/messages';

/**
 * The composition root of everything behind the IPC contract. Both shells call it: Electron's
 * main process (with safeStorage) and the web host (with the Node stand-in cipher). Nothing here
 * knows about transport.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const { dataDir, log } = options;
  mkdirSync(dataDir, { recursive: true });
  ensurePrivateDir(dataDir, options.platform);
  const events = new EventBus();

  // Demo mode's provider: the built-in sandbox on a loopback port, always running so a clerk can
  // switch to demo at any time. It listens on 127.0.0.1 only.
  const sandbox = await startSandbox({
    ecster: demoEcsterCredentials,
    straumur: demoStraumurCredentials,
    ...(options.env.LINKPOS_SANDBOX_PORT ? { port: Number(options.env.LINKPOS_SANDBOX_PORT) } : {}),
    // Tests and anyone trying failure modes: latency, 5xx, 429, hangs, truncated answers.
    faults: parseFaults(options.env.LINKPOS_SANDBOX_FAULTS),
  });

  const opened = openSettings({
    dataDir,
    cipher: options.cipher,
    platform: options.platform,
    osLocale: options.osLocale ?? options.env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale,
    ...(options.openStore ? { openStore: options.openStore } : {}),
    redactor: options.redactor,
    log,
    acceptNodeCipher: options.host === 'web',
  });
  const { settings, vault } = opened;

  const activeProvider = createProviderSelector({
    sandbox,
    settings: () => settings.get(),
    credentials: () => vault.current(),
    version: options.version,
    env: options.env,
    log,
  });

  const journal = await openJournal(dataDir, { log });
  const catalog = createCatalogService({ dataDir, log, events });

  const checkout = new CheckoutService({
    journal: journal.journal,
    events,
    getProvider: activeProvider,
    settings: () => {
      const current = settings.get();
      return { currency: current.currency, linkValidityMinutes: current.linkValidityMinutes, tillId: 'till1' };
    },
    priceCart,
    validateCart: (cart) => validateCart(cart),
    makeOrderReference,
    now: () => new Date(),
    sleep: abortableSleep,
    random: Math.random,
    log,
  });
  const alarms: LocalizedText[] = [...opened.alarms, ...journal.alarmTexts];
  // An unreadable catalog file is set aside while the catalog loads; the clerk must hear of it.
  catalog.store.load().then(
    () => {
      const notice = catalog.store.notice();
      if (!notice) return;
      alarms.push(notice);
      events.emit('app:alarm', notice);
    },
    () => undefined, // logged by the catalog service
  );
  // The journal is replayed at once (the sales are known before the first call is answered); an
  // interrupted sale is then reconciled with the provider in the background, under the same lock
  // that Charge takes, so a till that starts offline opens at once instead of waiting on retries.
  const resuming = checkout.resume(journal.records).then(
    (resumed) => {
      for (const problem of resumed.problems) {
        // The sentence for the clerk, then the record and problem for support (shown after it).
        const said = msg('journalReplayProblem');
        const alarm = localizedText(said, `${englishText(said)} ${problem}`.slice(0, 1000));
        alarms.push(alarm);
        events.emit('app:alarm', alarm);
      }
    },
    (error: unknown) => log.error('sales: resuming unfinished sales failed', { error }),
  );


  // Receipts and reports start from the records parsed above, then follow the journal; this
  // function lets go of them (the history service drops them once its ledger has them).
  const history = createHistoryServices({ dataDir, journal: journal.journal, settings, activeProvider, events, output: options.receiptOutput, log, startRecords: journal.records });
  const journalFile = journal.journal;

  let displayedCart: CartTotals | null = null;
  const handlers: Handlers = {
    'app:info': () => {
      const active = activeProvider();
      return Promise.resolve({
        version: options.version,
        host: options.host,
        demo: active.demo,
        provider: active.providerId,
        capabilities: { ...active.provider.capabilities },
        shopName: settings.get().shop.name,
        alarms,
      });
    },
    ...createSettingsHandlers({
      settings,
      vault,
      testConnection: (credentials, current) => testProviderConnection(credentials, current, { sandbox, version: options.version, env: options.env, log }),
      log,
    }),
    ...catalog.handlers,
    ...createSaleHandlers(checkout),
    'sale:demoCustomer': async ({ id, action }) => {
      try {
        return await actAsDemoCustomer({ get: (saleId) => checkout.get(saleId), checkNow: (saleId) => checkout.checkNow(saleId), sandboxUrl: sandbox.baseUrl }, id, action);
      } catch (error) {
        throw toHandlerError(error);
      }
    },
    // The customer display: the cart is priced here, with the same code as the sale, and broadcast.
    'display:showCart': ({ cart }) => {
      // A cart half-way through an edit may not price (yet): the display then shows no cart.
      displayedCart = cart && cart.lines.length > 0 && validateCart(cart).length === 0 ? priceCart(cart) : null;
      events.emit('display:cart', { totals: displayedCart });
      return Promise.resolve(null);
    },
    'display:current': () => Promise.resolve(displayedCart),
    ...history.handlers,
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: (channel, error) => log.error(`IPC handler failed: ${channel}`, { error }),
    onSlowCall: (channel, tookMs) => log.warn('IPC call was slow', { channel, tookMs }),
  });

  return {
    dispatch,
    events,
    sandboxUrl: sandbox.baseUrl,
    async close() {
      await checkout.stop();
      await resuming;
      history.stop();
      await journalFile.close();
      await sandbox.close();
    },
  };
}

/** Resolves after `ms`, or rejects as soon as the signal aborts (so shutdown never waits on a poll). */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
