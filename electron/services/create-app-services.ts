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
import { readCheckpoint, restoreFromCheckpoint, writeCheckpoint } from './journal/checkpoint';
import { snapshotLedger } from './receipts/ledger';
import { CheckoutService } from './sales/checkout-service';
import { actAsDemoCustomer } from './sales/demo-customer';
import { createSaleHandlers, toHandlerError } from './sales/handlers';
import { createHistoryServices } from './reports';
import { providers as shippedProviders, sandboxRoutes } from './providers/registry';
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
  const providers = options.providers ?? shippedProviders;
  const sandbox = await startSandbox({
    routes: sandboxRoutes(providers),
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
    providers,
    sandbox,
    settings: () => settings.get(),
    credentials: () => vault.current(),
    version: options.version,
    env: options.env,
    log,
  });

  // A checkpoint (written at the last shutdown or Z report) spares start-up reading every sale
  // ever made; the journal decides whether it still fits (see journal/checkpoint.ts).
  const found = await readCheckpoint(dataDir);
  if (found.problem) log.warn('journal: the checkpoint cannot be used; reading the whole journal', { problem: found.problem });
  const checkpoint = found.checkpoint;
  const journal = await openJournal(dataDir, {
    log,
    ...(checkpoint ? { resumeFrom: { anchor: checkpoint.anchor, index: checkpoint.index } } : {}),
  });
  const restored = journal.resumed ? checkpoint : null;
  if (restored)
    log.info('journal: started from the checkpoint', {
      seq: restored.anchor.seq,
      sales: restored.summaries.length,
      linesAfter: journal.records.length,
    });
  const fromCheckpoint = restored ? restoreFromCheckpoint(restored, journal.journal) : null;
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
  const resuming = checkout.resume(journal.records, fromCheckpoint?.sales).then(
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
  const history = createHistoryServices({
    dataDir,
    journal: journal.journal,
    settings,
    activeProvider,
    events,
    output: options.receiptOutput,
    log,
    startRecords: journal.records,
    ...(fromCheckpoint ? { startLedger: fromCheckpoint.ledger } : {}),
    afterZ: () => void saveCheckpoint('after a Z report'),
  });
  const journalFile = journal.journal;

  /**
   * Writes a checkpoint of the sales, the ledger and the record positions, all at the journal's
   * last record. Skipped (and logged) when the sales or the ledger are not at that record yet.
   */
  let saving: Promise<void> = Promise.resolve();
  const saveCheckpoint = (why: string): Promise<void> => {
    saving = saving.then(async () => {
      try {
        const ledger = await history.service.current();
        const sales = checkout.snapshot();
        const anchor = journalFile.anchor();
        if (!anchor || sales.seq !== anchor.seq || ledger.lastSeq !== anchor.seq) {
          log.info('journal: checkpoint skipped; the sales are not at the last record', {
            why,
            seq: anchor?.seq ?? 0,
            sales: sales.seq,
            ledger: ledger.lastSeq,
          });
          return;
        }
        await writeCheckpoint(dataDir, {
          anchor,
          index: journalFile.positions() as Map<string, number[]>,
          maxNumber: sales.maxNumber,
          summaries: sales.summaries,
          problems: sales.problems,
          ledger: snapshotLedger(ledger),
        });
      } catch (error) {
        log.warn('journal: could not write a checkpoint', { why, error });
      }
    });
    return saving;
  };

  // Started from a checkpoint: the lines before it were not read, so check them now, in slices.
  const closing = new AbortController();
  if (restored) {
    journal.journal.verifyThrough(restored.anchor, { signal: closing.signal }).then(
      (found) => {
        for (const alarm of found) {
          log.error('journal: damaged record', { alarm: alarm.message });
          alarms.push(alarm);
          events.emit('app:alarm', alarm);
        }
      },
      (error: unknown) => {
        if (!closing.signal.aborted) log.error('journal: could not check the lines before the checkpoint', { error });
      },
    );
  }

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
      testConnection: (credentials, current) =>
        testProviderConnection(credentials, current, { sandbox, version: options.version, env: options.env, log, providers }),
      log,
    }),
    ...catalog.handlers,
    ...createSaleHandlers(checkout),
    'sale:demoCustomer': async ({ id, action }) => {
      try {
        return await actAsDemoCustomer(
          { get: (saleId) => checkout.get(saleId), checkNow: (saleId) => checkout.checkNow(saleId), sandboxUrl: sandbox.baseUrl },
          id,
          action,
        );
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
      closing.abort();
      await checkout.stop();
      await resuming;
      // The next start reads only what comes after this.
      await saveCheckpoint('shutdown');
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
