import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { priceCart, validateCart } from '../../shared/domain/cart';
import { makeTillOrderReference } from '../../shared/domain/order-reference';
import type { AppServices, AppServicesOptions } from './app';
import { createProviderSelector } from './active-provider';
import { CartJournal, createCartHandlers } from './cart';
import { createCatalogService } from './catalog';
import { readTextIfExists, removeStaleTemps, writeFileAtomic } from './catalog/atomic-file';
import { testProviderConnection } from './connection-test';
import { createDisplayHandlers } from './display/handlers';
import { createDispatcher, type Handlers } from './ipc/dispatch';
import { EventBus } from './ipc/event-bus';
import { createMailHandlers, ReceiptMailer } from './mail';
import { CashDrawer } from './drawer/cash-drawer';
import { isPassedOver } from './sales/sale-machine';
import type { SimulatedControlUnit } from './control-unit';
import { CONTROL_UNIT_FILE, ControlUnitQueue, controlUnits, FiscalReceipts } from './control-unit';
import { ThermalPrinter } from './printing/service';
import { createBackOffice } from './reports';
import { CheckoutService } from './sales/checkout-service';
import { createSaleHandlers } from './sales/handlers';
import { providers as shippedProviders, sandboxRoutes } from './providers/registry';
import { parseFaults } from './sandbox/faults';
import { startSandbox } from './sandbox/server';
import { toPapers, VirtualPrinter } from './sandbox/virtual-printer';
import { openSealing } from './seal';
import { createSettingsHandlers } from './settings/handlers';
import { createShopViewHandlers } from './reports/shop-handlers';
import { ShopView } from './reports/shop-view';
import { createShopDatabaseHandlers, ShopDatabase } from './shop-db/service';
import { shopDatabaseSecrets } from './shop-db/url';
import { openSettings } from './settings/open';
import { createStaffHandlers, discountAboveThreshold, openLockoutStore, openStaffStore, saleMayBePaid, StaffService } from './staff';
import { Alarms } from './startup/alarms';
import { createAppHandlers } from './startup/handlers';
import { openJournalAtStart, startUp } from './startup/start';
import { TillLife } from './startup/till-life';
import { createUncaughtReporter } from './startup/uncaught';
import { DomainError } from './errors';
import { ensurePrivateDir } from './storage/files';
import { localizedText, msg } from '../../shared/messages';
import { openTillIdentity } from './till/identity';

/** The demo sandbox's links and orders, in the data directory. */
export const SANDBOX_FILE = 'sandbox.json';

/** The alarms of receipts waiting for the control unit: cleared together once none waits. */
const CONTROL_UNIT_ALARM = 'control-unit-waiting';

/**
 * The composition root of everything behind the IPC contract. Both shells call it: Electron's
 * main process (with safeStorage) and the web host (with the Node stand-in cipher). It constructs
 * and wires; what start-up does is in startup/, each area's handlers in its handlers.ts. Nothing
 * here knows about transport.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const { dataDir, log } = options;
  mkdirSync(dataDir, { recursive: true });
  ensurePrivateDir(dataDir, options.platform);
  const events = new EventBus();

  // Demo mode's provider: the built-in sandbox on a loopback port, always running so a clerk can
  // switch to demo at any time. It listens on 127.0.0.1 only.
  const providers = options.providers ?? shippedProviders;
  const sandboxFile = path.join(dataDir, SANDBOX_FILE);
  await removeStaleTemps(sandboxFile);
  const sandbox = await startSandbox({
    routes: sandboxRoutes(providers),
    ...(options.env.LINKPOS_SANDBOX_PORT ? { port: Number(options.env.LINKPOS_SANDBOX_PORT) } : {}),
    // Tests and anyone trying failure modes: latency, 5xx, 429, hangs, truncated answers.
    faults: parseFaults(options.env.LINKPOS_SANDBOX_FAULTS),
    // Its links and orders live in the data directory, so a demo sale survives a restart.
    persistence: {
      read: () => readTextIfExists(sandboxFile),
      write: (text) => writeFileAtomic(sandboxFile, text),
      problem: (message, error) => log.warn(message, { error }),
    },
  });

  // Demo mode's receipt printer: a loopback ESC/POS printer beside the sandbox, shown as a paper roll.
  const virtualPrinter = await VirtualPrinter.start();

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

  const alarms = new Alarms(events);
  const atStart = await openJournalAtStart(dataDir, log);
  // The till's start, stop, mode, clock and sign-in/out in the sales journal (SKVFS 2021:16), on
  // every till: built at once, so it follows every record after the state start-up folded.
  const tillLife = new TillLife({
    journal: atStart.journal,
    log,
    atStart: atStart.tillLife,
    lastAt: atStart.lastAt,
    version: options.version,
    training: () => activeProvider().demo,
  });
  // After the journal: an empty one means sale numbers start at 1 again, so a new epoch.
  const till = await openTillIdentity({ dataDir, log, journalEmpty: atStart.records.length === 0 && !atStart.checkpoint });
  alarms.found([...opened.alarms, ...atStart.alarms, ...(till.alarm ? [till.alarm] : [])]);
  // The till's signing key (made at the first start) and the seals it appends to the journal.
  const sealing = await openSealing({
    entry: opened.tillKey,
    dataDir,
    tillId: till.identity.id,
    journal: atStart.journal,
    startRecords: atStart.records,
    log,
  });
  // An import is published to the shop's catalog when there is a shop database (shop is made below).
  const catalog = createCatalogService({ dataDir, log, events, commit: (products) => shop.commitCatalog(products) });
  // The cart being built, journaled beside the sales journal so it survives a reload or a crash.
  const cartsAtStart = await CartJournal.open({ dataDir, log });
  alarms.found(cartsAtStart.alarms);
  const carts = cartsAtStart.carts;

  // The shop database, when there is one: the journal copied there in the background. Selling
  // never waits on it. The environment's URL (the web host's LINKPOS_SHOP_DATABASE_URL) wins.
  const environmentUrl = options.env.LINKPOS_SHOP_DATABASE_URL;
  for (const secret of environmentUrl ? shopDatabaseSecrets(environmentUrl) : []) options.redactor.register(secret);
  const shop = new ShopDatabase({
    secret: opened.shopDatabase,
    environmentUrl,
    journal: atStart.journal,
    // The name from Settings (read at every send, so a renamed till is shown by its new name).
    till: { id: till.identity.id, name: () => settings.get().tillName, code: till.identity.code, epoch: till.identity.epoch },
    events,
    log,
    onConflict: ({ seq }) => alarms.raise(localizedText(msg('shopDatabaseConflict', { seq }))),
    onDuplicateCode: ({ code, otherTill }) => alarms.raise(localizedText(msg('shopDatabaseDuplicateTillCode', { code, otherTill }))),
    // Read when the copy is up to date (the back office is built below; nothing is read before start).
    zReports: () => back.backOffice.zReports(),
    // A till that lost z-reports.json but kept its identity continues the Z numbers the shop has.
    restoreZReports: (fromDatabase) => back.backOffice.adoptZReports(fromDatabase),
    // The shop's report summary, kept with the records: each batch's report entries from the till's own ledger.
    summarise: (fromSeq, toSeq) => back.backOffice.summaryEntries(fromSeq, toSeq),
    // One catalog for the shop: another till's import arrives here and the renderer reloads it between sales.
    catalog: { store: catalog.store, onApplied: (applied) => events.emit('catalog:changed', applied) },
  });

  const checkout = new CheckoutService({
    journal: atStart.journal,
    events,
    getProvider: activeProvider,
    settings: () => {
      const current = settings.get();
      // A provider whose orders are debited says in its own settings whether LinkPOS debits at once.
      const own: object = current.providers[activeProvider().providerId];
      return {
        currency: current.currency,
        linkValidityMinutes: current.linkValidityMinutes,
        tillName: current.tillName,
        captureAtOnce: !('capture' in own && own.capture === 'elsewhere'),
        otherTenders: current.otherTenders,
      };
    },
    priceCart,
    validateCart: (cart) => validateCart(cart),
    // This till's code and journal epoch; the old form's till id and date are not used.
    makeOrderReference: ({ saleNumber }) => makeTillOrderReference(till.identity, saleNumber),
    now: () => new Date(),
    sleep: abortableSleep,
    random: Math.random,
    log,
    // Read when a sale is made (the staff service is built below, before any call arrives).
    clerk: (): { id: string; name: string } | null => staff.actor(),
    approvedBy: (): { id: string; name: string } | null => staff.approvedBy(),
  });

  // A seal or an e-mailed receipt is no sale's record: the sales are as of it once they are as of the record before it.
  atStart.journal.onAppend((record) => {
    if (isPassedOver(record.type)) checkout.passOver(record.seq);
  });

  // The network ESC/POS printer's queue: receipts are made from the back office's journal view when
  // they print, so a receipt queued before a restart still prints from the journal afterwards.
  // A job left from the last run may print at once: what it needs from the back office waits until
  // the back office is built below (before, `back` cannot be read and the job would be dropped).
  let backBuilt = (): void => undefined;
  const backReady = new Promise<void>((resolve) => (backBuilt = resolve));
  const thermal = await ThermalPrinter.open({
    dataDir,
    settings: () => settings.get(),
    receipt: async (saleId, copy, refund) => {
      await backReady;
      return back.backOffice.receipt(saleId, copy, refund);
    },
    report: async (document) => {
      await backReady;
      return document.kind === 'z-report' ? back.backOffice.zReportByNumber(document.number) : back.backOffice.xReport(document.upToSeq);
    },
    events,
    log,
    now: () => new Date(),
    alarm: (text) => alarms.raise(text),
    // The queue's own reprint of an original that may have printed is a copy like any other.
    makeCopy: async (saleId, refund, options) => {
      await backReady;
      await back.backOffice.makeCopy(saleId, refund, options);
    },
    zReprint: async (number) => {
      await backReady;
      return back.backOffice.zReprint(number);
    },
    virtualPrinter: { address: () => virtualPrinter.address, papers: () => toPapers(virtualPrinter.roll()) },
  });

  // The cash drawer on the ESC/POS printer: opened for cash payments and by a manager's "Open drawer".
  const drawer = new CashDrawer(
    {
      journal: atStart.journal,
      forCashPayments: () => settings.get().escposPrinter.openDrawer,
      printer: { ready: () => thermal.address() !== null, kick: (seq) => thermal.kickDrawer(seq) },
      log,
      now: () => new Date(),
    },
    atStart.records,
  );

  // A Swedish till's control unit (SKVFS 2014:9): every receipt is signed before it is handed over.
  // The simulated unit is demo mode's (and the one chosen in Settings for trying the till); the
  // sandbox's `control-unit-unreachable` switch (and LINKPOS_CONTROL_UNIT_FAULT=unreachable) take it away.
  if (options.env.LINKPOS_CONTROL_UNIT_FAULT === 'unreachable') sandbox.switches.set('control-unit-unreachable', true);
  const controlUnitContext = () => ({ till: { id: till.identity.id, code: till.identity.code }, settings: settings.get().sweden });
  const simulatedUnit = controlUnits.simulated.create(controlUnitContext()) as SimulatedControlUnit;
  simulatedUnit.reachableWhen(() => sandbox.switches.get('control-unit-unreachable') !== true);
  const controlUnitQueue = await ControlUnitQueue.open(
    {
      file: path.join(dataDir, CONTROL_UNIT_FILE),
      journal: atStart.journal,
      // Lost or rolled back behind the checkpoint: rebuilt from the whole journal — only on a till
      // whose unit held anything then (a checkpoint from before it says nothing: a Swedish till's is
      // rebuilt), so a till that was never Swedish (Iceland) never reads the journal for it.
      startRecordsAfter: atStart.checkpoint?.anchor.seq ?? 0,
      usedBefore: atStart.checkpoint?.controlUnit ?? settings.get().sweden.enabled,
      replayJournal: (onRecord) => atStart.journal.replay(onRecord),
      unit: (kind) => (kind === 'simulated' ? simulatedUnit : controlUnits[kind].create(controlUnitContext())),
      log,
      onWaiting: ({ request, reason }) => {
        const message = msg(reason === 'refused' ? 'controlUnitRefused' : 'controlUnitUnreachable', { number: request.receiptNumber });
        alarms.raise(localizedText(message), CONTROL_UNIT_ALARM);
      },
      onSigned: ({ saleId, request, waited }) => {
        // Printed now when it waited (the clerk asked for it, or the till prints every receipt); a
        // receipt signed at once is printed by whoever asked. A copy that waited — in this run or
        // across a restart — is printed as the copy already made, never made a second time.
        const copy = request.kind === 'copy';
        const print = copy ? waited : settings.get().autoPrintReceipt && request.kind !== 'refund';
        if (!print) return;
        fiscal
          .printableOf(saleId, request)
          .then((document) => back.backOffice.print(document, { copyMade: copy }))
          .catch((error: unknown) => log.warn('control unit: the signed receipt did not print', { saleId, error }));
      },
      onAllSigned: () => alarms.clear(CONTROL_UNIT_ALARM, localizedText(msg('controlUnitBack'))),
    },
    atStart.records,
  );
  const fiscal = new FiscalReceipts({
    queue: controlUnitQueue,
    settings: () => settings.get(),
    receipt: (saleId, copy, refund) => back.backOffice.receipt(saleId, copy, refund),
    ledger: () => back.backOffice.ledger.current(),
    unitFor: (receipt) => (receipt.training ? 'simulated' : settings.get().sweden.controlUnit.kind),
    log,
  });

  // Receipts and reports start from the records parsed at start-up, then follow the journal; this
  // function lets go of them (the back office drops them once its ledger has them).
  const back = createBackOffice({
    dataDir,
    journal: atStart.journal,
    settings,
    activeProvider,
    events,
    output: options.receiptOutput,
    log,
    startRecords: atStart.records,
    ...(atStart.restored ? { startLedger: atStart.restored.ledger } : {}),
    seals: sealing,
    // A Z report is sealed, then the checkpoint is taken after the seal; the shop sees the Z at once.
    afterZ: () => {
      void sealing.sealer
        .sealNow('Z report')
        .catch(() => undefined) // logged by the sealer
        .then(() => startup.saveCheckpoint('after a Z report'));
      shop.publishZ();
    },
    thermal,
    fiscal,
    actor: () => staff.actor(),
    // The journal-memory export names the till by its permanent id and the unit by its serial.
    cashRegister: {
      tillSerial: till.identity.id,
      version: options.version,
      controlUnitSerial: () => (settings.get().sweden.controlUnit.kind === 'simulated' ? simulatedUnit.serial : null),
    },
    // The reports' per-clerk rows: who charged each sale, from the sale's own record.
    // Only on a till with staff: reading each sale back costs time a one-person till need not spend.
    clerkOf: (saleId): { id: string; name: string } | null => {
      if (!staff.enabled) return null;
      try {
        return checkout.get(saleId).clerk ?? null;
      } catch {
        return null;
      }
    },
  });
  backBuilt();
  // Every paid sale and refund goes to the control unit (on a Swedish till), and any a crash cut off at start.
  const syncFiscal = () => void fiscal.sync().catch((error: unknown) => log.error('control unit: sync failed', { error }));
  const stopFiscalSync = events.subscribe((name) => {
    if (name === 'sale:changed') syncFiscal();
  });
  syncFiscal();
  // E-mailed receipts: the same receipt and PDF as printing, through the merchant's SMTP server.
  const mailer = new ReceiptMailer({
    smtp: () => settings.get().smtp,
    password: () => opened.smtpPassword.current(),
    language: () => settings.get().uiLanguage,
    // The e-mailed copy of a Swedish receipt says "elektroniskt kassakvitto"; one still waiting for the unit is not sent.
    receipt: async (saleId) => {
      const receipt = await back.backOffice.receipt(saleId, false, undefined, { electronic: true });
      if (receipt.fiscal?.controlUnit.state === 'waiting') throw new DomainError('conflict', msg('receiptWaitingForControlUnit'));
      return receipt;
    },
    // The attached PDF is the same electronic receipt, marked so too.
    pdf: async (saleId) => {
      const { fileName, base64 } = await back.backOffice.pdf({ kind: 'receipt', id: saleId, copy: false, electronic: true });
      return { fileName, bytes: Buffer.from(base64, 'base64') };
    },
    handOver: (saleId) => fiscal.handOver(saleId),
    journal: atStart.journal,
    log,
    actor: () => staff.actor(),
  });
  const shopView = new ShopView({
    pool: () => shop.pool(),
    tillId: till.identity.id,
    ownSales: (filters) => checkout.list(filters),
    ownX: () => back.backOffice.xReport(),
    ownZ: () => back.backOffice.zReports(),
    ownEntries: async () => (await back.backOffice.ledger.current()).entries,
    ownName: () => settings.get().tillName,
    log,
  });
  // Started once the back office can give it the Z reports to publish.
  shop.start();
  const startup = startUp({
    dataDir,
    log,
    alarms,
    opened: atStart,
    checkout,
    ledger: () => back.backOffice.ledger.current(),
    catalog: catalog.store,
    seals: { checker: sealing.checker(), alarms: sealing.alarms },
    tillLife,
    beforeCheckpoint: async (seq) => ({ controlUnit: await controlUnitQueue.reflectThrough(seq) }),
  });
  sealing.start();

  // Staff, sign-in and manager approval: the gate every call passes (shared/ipc/access.ts).
  const staffFile = await openStaffStore(dataDir, log);
  if (staffFile.damaged) alarms.raise(localizedText(msg('staffFileDamaged', { file: staffFile.damaged })));
  const staff = new StaffService({
    store: staffFile.store,
    lockoutStore: await openLockoutStore(dataDir, log),
    log,
    paymentInProgress: () => checkout.current() !== null,
    conditions: {
      'discount-above-threshold': discountAboveThreshold,
      'sale-may-be-paid': saleMayBePaid((saleId) => {
        try {
          return checkout.get(saleId).state;
        } catch {
          return null;
        }
      }),
    },
    // Sign-in and sign-out in the sales journal (fsynced), for the journal-memory export; staff/ never
    // sees the journal. Through the till's life, so none lands after `till-stopped` (a late sign-in is refused).
    journalSession: (event) => tillLife.journalSession(event),
    // Live provider keys on a till without staff: the owner's PIN is made first.
    needsOwner: (channel, input) => {
      if (channel !== 'credentials:set') return false;
      const environment = (input as { environment?: unknown }).environment;
      return environment === 'live' || environment === 'production';
    },
  });

  // On record after the sales were replayed and before the first call: a start after an unorderly
  // stop is an Omstart, and the members it left signed in are signed out.
  await tillLife.start();

  const settingsHandlers = createSettingsHandlers({
    settings,
    vault,
    testConnection: (credentials, current) =>
      testProviderConnection(credentials, current, { sandbox, version: options.version, env: options.env, log, providers }),
    log,
  });
  // Settings and keys decide demo (training) mode: a change is journaled before the answer.
  const modeChecked = async <T>(answer: Promise<T>): Promise<T> => {
    const value = await answer;
    await tillLife.checkMode(staff.actor());
    return value;
  };

  const handlers: Handlers = {
    ...createAppHandlers({ version: options.version, host: options.host, activeProvider, settings: () => settings.get(), alarms }),
    ...settingsHandlers,
    'settings:save': (input) => modeChecked(settingsHandlers['settings:save'](input)),
    'credentials:set': (input) => modeChecked(settingsHandlers['credentials:set'](input)),
    'credentials:clear': (input) => modeChecked(settingsHandlers['credentials:clear'](input)),
    ...catalog.handlers,
    ...createSaleHandlers(checkout, { sandboxUrl: sandbox.baseUrl }),
    ...createDisplayHandlers(events),
    ...createCartHandlers(carts, () => staff.actor()),
    ...back.handlers,
    ...createShopDatabaseHandlers(shop),
    ...createShopViewHandlers(shopView),
    ...thermal.handlers(),
    'drawer:open': () => drawer.openWithoutSale(staff.actor()),
    ...createMailHandlers(mailer, opened.smtpPassword),
    ...createStaffHandlers(staff),
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: (channel, error) => log.error(`IPC handler failed: ${channel}`, { error }),
    onSlowCall: (channel, tookMs) => log.warn('IPC call was slow', { channel, tookMs }),
    authorize: (channel, input) => staff.authorize(channel, input),
    around: (run) => staff.withApproval(run),
  });

  return {
    dispatch,
    events,
    sandboxUrl: sandbox.baseUrl,
    reportUncaught: createUncaughtReporter({ log, raise: (alarm) => alarms.raise(alarm) }),
    async close() {
      startup.stopChecking();
      await checkout.stop();
      await startup.resumed;
      stopFiscalSync();
      await controlUnitQueue.close();
      // An orderly stop (the next start is a Start): on record before the last seal and checkpoint.
      await tillLife.stop();
      await sealing.sealer.close();
      // The next start reads only what comes after this.
      await startup.saveCheckpoint('shutdown');
      tillLife.close();
      back.stop();
      await drawer.idle();
      drawer.close();
      await thermal.close();
      await shop.stop();
      await atStart.journal.close();
      await carts.close();
      await virtualPrinter.close();
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
