/**
 * The composition root of the desktop app and nothing more: Electron objects are created here and
 * handed to the thin shell modules; all behaviour lives in electron/services (plain Node) and the
 * pure policies in electron/security.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session } from 'electron';
import Store from 'electron-store';
import { createAppServices } from './services/create-app-services';
import { openCheckedStore } from './services/storage/conf-store';
import { installUncaughtHandlers } from './services/startup/uncaught';
import type { AppServices } from './services/app';
import { createLogger, Redactor, type Logger } from './services/log';
import { createLogFileSink, type LogFileSink } from './services/log-file';
import { channels, type ChannelOutput } from '../shared/ipc/contract';
import { APP_ORIGIN, appPageUrl, devServerOrigin } from './security/origin';
import { isTrustedSender } from './security/sender';
import { titleChangingChannels, windowTitle } from './security/window-title';
import { applyHardening, applySessionPolicy } from './shell/hardening';
import { forwardEvents, registerIpcHandlers } from './shell/ipc';
import { handleAppProtocol, registerAppScheme } from './shell/protocol';
import { createElectronReceiptOutput } from './shell/printing';
import { createCustomerWindow, createMainWindow, pickCustomerDisplay } from './shell/windows';

const isDev = !app.isPackaged;
const devOrigin = devServerOrigin(process.env.VITE_DEV_SERVER_URL, app.isPackaged);

// Before `ready`: the sandbox for every renderer, the app:// scheme, and (for tests and multi-till
// setups) a data dir that also holds Chromium's own profile.
app.enableSandbox();
registerAppScheme(protocol);
const customDataDir = process.env.LINKPOS_DATA_DIR;
if (customDataDir !== undefined && customDataDir !== '') app.setPath('userData', resolve(customDataDir));

let services: AppServices | undefined;
let mainWindow: BrowserWindow | undefined;

// One redactor for the whole process, so even a start-up failure is printed through it.
const redactor = new Redactor();

let logFile: LogFileSink | undefined;

let closing: Promise<void> | undefined;
let closed = false;
/**
 * The services' orderly close, once: the journal flushed, the members signed in signed out and
 * `till-stopped` on record (so the next start is a Start, not an Omstart), then the log closed.
 */
function closeServices(ready: AppServices): Promise<void> {
  closing ??= ready
    .close()
    .catch(() => undefined)
    .then(() => logFile?.close())
    .catch(() => undefined)
    .then(() => {
      closed = true;
    });
  return closing;
}

/** Rotating files in the platform's log folder, or beside the data when LINKPOS_DATA_DIR moves it. */
function openLog(dataDir: string): Logger {
  const dir = customDataDir !== undefined && customDataDir !== '' ? join(dataDir, 'logs') : app.getPath('logs');
  // A failed write (a full disk) loses the line and nothing else; the journal reports its own failures.
  const file = createLogFileSink({ dir });
  logFile = file;
  return createLogger((line) => {
    file.write(line);
    if (isDev) process.stderr.write(line + '\n');
  }, redactor);
}

/** Main asking its own services, through the same checked path as the renderer. */
async function ask<K extends 'app:info' | 'settings:get'>(ready: AppServices, name: K): Promise<ChannelOutput<K> | undefined> {
  const answer = await ready.dispatch(name, undefined);
  if (!answer.ok) return undefined;
  const parsed = channels[name].output.safeParse(answer.value);
  return parsed.success ? (parsed.data as ChannelOutput<K>) : undefined;
}

async function currentTitle(ready: AppServices): Promise<string> {
  const [info, settings] = await Promise.all([ask(ready, 'app:info'), ask(ready, 'settings:get')]);
  return windowTitle({ shopName: settings?.shop.name ?? '', demo: info?.demo ?? true });
}

// Saves can answer out of order; only the newest retitle may touch the windows.
let retitles = 0;
async function retitleWindows(ready: AppServices, log: Logger): Promise<void> {
  const generation = ++retitles;
  try {
    const title = await currentTitle(ready);
    if (generation !== retitles) return;
    for (const window of BrowserWindow.getAllWindows()) if (!window.isDestroyed()) window.setTitle(title);
  } catch (error) {
    log.warn('Could not update the window title', { error });
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = openLog(dataDir);
  log.info('LinkPOS starting', { version: app.getVersion(), packaged: app.isPackaged, dev: devOrigin !== undefined });

  const policy = { appOrigin: APP_ORIGIN, devOrigin };
  applyHardening(app, { ...policy, onBlocked: (what, url) => log.warn('Blocked by the window policy', { what, url }) });
  applySessionPolicy(session.defaultSession, policy);
  handleAppProtocol(protocol, join(app.getAppPath(), 'dist', 'renderer'));

  const ready = await createAppServices({
    dataDir,
    host: 'desktop',
    version: app.getVersion(),
    cipher: safeStorage,
    platform: process.platform,
    env: process.env,
    log,
    redactor,
    osLocale: app.getLocale(),
    // Settings and the credentials' ciphertext in electron-store files (0600, folder 0700), with the
    // same recovery as everywhere else: an unreadable file is moved aside and the clerk is told.
    openStore: (name, label) =>
      openCheckedStore(
        { cwd: dataDir, configName: name, label, platform: process.platform },
        () =>
          new Store<Record<string, unknown>>({
            cwd: dataDir,
            name,
            configFileMode: 0o600,
            accessPropertiesByDotNotation: false,
            clearInvalidConfig: false,
          }),
      ),
    receiptOutput: createElectronReceiptOutput({
      BrowserWindow,
      pageUrl: appPageUrl('main', devOrigin),
      preloadPath: join(import.meta.dirname, 'preload.cjs'),
      isDev,
    }),
  });
  services = ready;
  // An error nothing caught goes into the log and an alarm on the clerk's screen, instead of
  // ending the till silently (every sale transition is already journaled).
  installUncaughtHandlers(process, (error, origin) => ready.reportUncaught(error, origin));
  // electron-store registers its own IPC listener (it answers the userData path to any renderer).
  // Every channel LinkPOS answers is declared in shared/ipc, so that one goes.
  ipcMain.removeAllListeners('electron-store-get-data');
  // A save that renames the shop or leaves demo mode retitles the open windows at once.
  const dispatch: typeof ready.dispatch = async (name, input) => {
    const result = await ready.dispatch(name, input);
    if (result.ok && typeof name === 'string' && titleChangingChannels.has(name)) void retitleWindows(ready, log);
    return result;
  };
  registerIpcHandlers(ipcMain, dispatch, (frame) => isTrustedSender(frame, APP_ORIGIN, devOrigin));
  forwardEvents(ready.events, () => BrowserWindow.getAllWindows());

  const settings = await ask(ready, 'settings:get');
  const windowOptions = {
    preloadPath: join(import.meta.dirname, 'preload.cjs'),
    isDev,
    devOrigin,
    title: await currentTitle(ready),
  };
  mainWindow = createMainWindow(windowOptions);
  // The customer window is useless without the clerk's; closing the till closes the app.
  mainWindow.on('closed', () => app.quit());
  // Windows shutting down, restarting or logging off emits no before-quit: the services are closed
  // here, best effort (Windows may end the process before the close is done; the next start is
  // then an Omstart, as after a power cut). Only on Windows does a window emit it.
  mainWindow.on('session-end', () => {
    void closeServices(ready).then(() => app.quit());
  });
  if (settings?.customerDisplay === true) {
    createCustomerWindow(windowOptions, pickCustomerDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay()));
  }
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same journal; hand over to the running one instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (closed || services === undefined) return;
    // Let the services flush the journal and stop polling before the process exits.
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void closeServices(services).then(() => app.quit());
  });

  start().catch((error: unknown) => {
    process.stderr.write(redactor.redact(`LinkPOS could not start: ${error instanceof Error ? error.message : 'unknown error'}`) + '\n');
    dialog.showErrorBox(
      'LinkPOS could not start',
      'LinkPOS could not start. Please restart the computer, and call support if it happens again.',
    );
    app.exit(1);
  });
}
