import { existsSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import { fail, ok } from '../../../shared/ipc/result';
import { EventBus } from '../../../electron/services/ipc/event-bus';

/** Everything the fake electron records, reset before each fresh import of main.ts. */
const world = vi.hoisted(() => ({
  calls: [] as string[],
  lock: true,
  paths: new Map<string, string>(),
  appListeners: new Map<string, ((...args: unknown[]) => void)[]>(),
  windows: [] as {
    options: Record<string, unknown>;
    url: string;
    title: string;
    listeners: Map<string, (...args: unknown[]) => void>;
    isDestroyed(): boolean;
    setTitle(title: string): void;
  }[],
  handled: [] as string[],
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 } }] as { id: number; bounds: object }[],
  quit: 0,
  exit: [] as number[],
  errorBoxes: [] as string[],
  listening: new Set<string>(),
}));

vi.mock('electron', () => {
  const on = (name: string, listener: (...args: unknown[]) => void) => {
    world.appListeners.set(name, [...(world.appListeners.get(name) ?? []), listener]);
  };
  class BrowserWindow {
    static getAllWindows = () => world.windows;
    title = '';
    setTitle(title: string) {
      this.title = title;
    }
    listeners = new Map<string, (...args: unknown[]) => void>();
    url = '';
    constructor(public options: Record<string, unknown>) {
      world.windows.push(this);
    }
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, listener);
      return this;
    }
    once(name: string, listener: (...args: unknown[]) => void) {
      return this.on(name, listener);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {
      world.calls.push('focus');
    }
    show() {}
  }
  const electron = {
    app: {
      isPackaged: true,
      getLocale: () => 'sv-SE',
      enableSandbox: () => world.calls.push('enableSandbox'),
      setPath: (name: string, value: string) => world.paths.set(name, value),
      getPath: (name: string) => world.paths.get(name) ?? `/nonexistent/${name}`,
      getVersion: () => '0.1.0',
      getAppPath: () => '/opt/LinkPOS/resources/app.asar',
      requestSingleInstanceLock: () => world.lock,
      whenReady: () => {
        world.calls.push('whenReady');
        return Promise.resolve();
      },
      on,
      quit: () => {
        world.quit++;
        for (const listener of world.appListeners.get('before-quit') ?? [])
          listener({ preventDefault: () => world.calls.push('quit deferred') });
      },
      exit: (code: number) => world.exit.push(code),
    },
    BrowserWindow,
    dialog: { showErrorBox: (_title: string, text: string) => world.errorBoxes.push(text) },
    ipcMain: {
      handle: (name: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => {
        world.handled.push(name);
        world.handlers.set(name, handler);
      },
      removeHandler: () => undefined,
      on: (name: string) => world.listening.add(name),
      removeAllListeners: (name: string) => world.listening.delete(name),
    },
    protocol: {
      registerSchemesAsPrivileged: () => world.calls.push('registerSchemes'),
      handle: (scheme: string) => world.calls.push(`handle ${scheme}`),
    },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    screen: { getAllDisplays: () => world.displays, getPrimaryDisplay: () => world.displays[0] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => world.calls.push('permissions'),
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
  };
  // electron-store reads the default export.
  return { ...electron, default: electron };
});

const services = vi.hoisted(() => ({
  create: vi.fn(),
  close: vi.fn(() => Promise.resolve()),
  reportUncaught: vi.fn(),
  settings: { shop: { name: 'Kaffebaren' }, customerDisplay: false },
  demo: true,
  failStart: false,
}));

vi.mock('../../../electron/services/create-app-services', () => ({
  createAppServices: (options: unknown) => {
    services.create(options);
    // The real services open their stores during start-up; so does this stand-in.
    const open = (options as { openStore?: (name: 'settings' | 'credentials', label: string) => unknown }).openStore;
    open?.('settings', 'settings');
    open?.('credentials', 'saved credentials');
    if (services.failStart) return Promise.reject(new Error('journal locked by api key sk_test_123456'));
    const dispatch = (name: string) => {
      if (name === 'app:info')
        return Promise.resolve(
          ok({
            version: '0.1.0',
            host: 'desktop',
            demo: services.demo,
            provider: 'ecster',
            capabilities: { canUpdate: true, canSendLink: true, reportsOpened: false, searchFilters: true },
            shopName: '',
            alarms: [],
          }),
        );
      if (name === 'settings:get') return Promise.resolve(ok(services.settings));
      if (name === 'settings:save' || name === 'credentials:set') return Promise.resolve(ok(null));
      return Promise.resolve(fail('internal', 'not in this test'));
    };
    return Promise.resolve({
      dispatch,
      events: new EventBus(),
      sandboxUrl: 'http://127.0.0.1:1',
      reportUncaught: services.reportUncaught,
      close: services.close,
    });
  },
}));

const dataRoot = mkdtempSync(join(tmpdir(), 'linkpos-main-'));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

async function startMain(dataDir = join(dataRoot, `d${Math.random().toString(36).slice(2)}`)) {
  vi.stubEnv('LINKPOS_DATA_DIR', dataDir);
  vi.resetModules();
  await import('../../../electron/main');
  return dataDir;
}

// main.ts installs uncaughtException/unhandledRejection listeners on this test's process: remove them.
const processListeners = {
  uncaughtException: new Set(process.listeners('uncaughtException')),
  unhandledRejection: new Set(process.listeners('unhandledRejection')),
};
afterEach(() => {
  for (const l of process.listeners('uncaughtException'))
    if (!processListeners.uncaughtException.has(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection'))
    if (!processListeners.unhandledRejection.has(l)) process.off('unhandledRejection', l);
});

beforeEach(() => {
  world.calls.length = 0;
  world.listening.clear();
  world.lock = true;
  world.paths.clear();
  world.appListeners.clear();
  world.windows.length = 0;
  world.handled.length = 0;
  world.handlers.clear();
  world.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 } }];
  world.quit = 0;
  world.exit.length = 0;
  world.errorBoxes.length = 0;
  services.create.mockClear();
  services.close.mockClear();
  services.reportUncaught.mockClear();
  services.settings = { shop: { name: 'Kaffebaren' }, customerDisplay: false };
  services.demo = true;
  services.failStart = false;
});

describe('electron/main.ts', () => {
  it('sandboxes every renderer and registers app:// before the app is ready', async () => {
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    expect(world.calls.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemes', 'whenReady']);
    expect(world.calls).toContain('handle app');
    expect(world.calls).toContain('permissions');
  });

  it('keeps its data (and its log files) in LINKPOS_DATA_DIR and hands the services safeStorage', async () => {
    const dataDir = await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    expect(services.create).toHaveBeenCalledOnce();
    const options = services.create.mock.calls[0]![0] as Record<string, unknown>;
    expect(options).toMatchObject({ dataDir, host: 'desktop', version: '0.1.0' });
    expect(options.cipher).toHaveProperty('encryptString');
    expect(options.osLocale).toBe('sv-SE');
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'logs', 'linkpos.log'))).toBe(true));
  });

  it("logs to the platform's log folder when the data is where Electron keeps it", async () => {
    const userData = join(dataRoot, `u${Math.random().toString(36).slice(2)}`);
    const logs = join(dataRoot, `l${Math.random().toString(36).slice(2)}`);
    world.paths.set('userData', userData);
    world.paths.set('logs', logs);
    await startMain('');
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    expect(services.create.mock.calls[0]![0]).toMatchObject({ dataDir: userData });
    await vi.waitFor(() => expect(readFileSync(join(logs, 'linkpos.log'), 'utf8')).toMatch(/INFO LinkPOS starting/));
    expect(existsSync(join(userData, 'logs'))).toBe(false);
  });

  it('keeps settings and the credentials ciphertext in electron-store files (0600) in the data directory', async () => {
    const dataDir = await startMain();
    await vi.waitFor(() => expect(services.create).toHaveBeenCalledOnce());
    const options = services.create.mock.calls[0]![0] as {
      openStore: (
        name: 'settings' | 'credentials',
        label: string,
      ) => { store: { set(k: string, v: unknown): void; path: string }; notice: string | null };
    };
    const opened = options.openStore('credentials', 'saved credentials');
    expect(opened.notice).toBeNull();
    opened.store.set('entry', { ciphertext: 'AAAA' });
    expect(opened.store.path).toBe(join(dataDir, 'credentials.json'));
    expect(statSync(opened.store.path).mode & 0o777).toBe(0o600);
  });

  it('answers no IPC channel outside the contract (electron-store registers one of its own)', async () => {
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    expect(services.create).toHaveBeenCalledOnce();
    expect([...world.listening]).toEqual([]);
  });

  it('registers every IPC channel and opens the till window titled with the shop and DEMO', async () => {
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    expect([...world.handled].sort()).toEqual([...channelNames].sort());
    expect(world.windows[0]!.options.title).toBe('LinkPOS — Kaffebaren — DEMO');
    expect(world.windows[0]!.url).toBe('app://linkpos/index.html');
    expect(world.windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: false });
  });

  it('retitles the open windows when a save renames the shop or leaves demo mode, and not for other calls', async () => {
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    const fromTill = { senderFrame: { url: 'app://linkpos/index.html', parent: null, isDestroyed: () => false } };
    services.settings = { shop: { name: 'Bageriet' }, customerDisplay: false };
    await world.handlers.get('catalog:quickKeys')!(fromTill, undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(world.windows[0]!.title).toBe('');

    await world.handlers.get('settings:save')!(fromTill, { settings: {} });
    await vi.waitFor(() => expect(world.windows[0]!.title).toBe('LinkPOS — Bageriet — DEMO'));
    services.demo = false;
    await world.handlers.get('credentials:set')!(fromTill, {});
    await vi.waitFor(() => expect(world.windows[0]!.title).toBe('LinkPOS — Bageriet'));
  });

  it('opens the customer display on the second screen when the settings ask for it', async () => {
    services.settings = { shop: { name: 'Kaffebaren' }, customerDisplay: true };
    world.displays = [...world.displays, { id: 2, bounds: { x: 1280, y: 0, width: 1024, height: 768 } }];
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(2));
    expect(world.windows[1]!.url).toBe('app://linkpos/index.html?view=customer');
    expect(world.windows[1]!.options).toMatchObject({ x: 1280, fullscreen: true });
  });

  it('hands over to the running copy when another instance holds the lock', async () => {
    world.lock = false;
    await startMain();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(world.quit).toBe(1);
    expect(services.create).not.toHaveBeenCalled();
    expect(world.windows).toHaveLength(0);
  });

  it('focuses the till window when a second copy is started', async () => {
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    for (const listener of world.appListeners.get('second-instance') ?? []) listener();
    expect(world.calls).toContain('focus');
  });

  it('closes the services before quitting', async () => {
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    for (const listener of world.appListeners.get('before-quit') ?? [])
      listener({ preventDefault: () => world.calls.push('quit deferred') });
    expect(world.calls).toContain('quit deferred');
    await vi.waitFor(() => expect(services.close).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(world.quit).toBe(1));
  });

  it('closes the services when Windows ends the session (which emits no before-quit), once, then quits', async () => {
    let finish = (): void => undefined;
    services.close.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    const sessionEnd = world.windows[0]!.listeners.get('session-end');
    expect(sessionEnd).toBeDefined();
    sessionEnd!({ reasons: ['shutdown'], preventDefault: () => undefined });
    expect(services.close).toHaveBeenCalledOnce();
    // The windows closing as the session ends ask to quit while the close is under way: not closed twice.
    for (const listener of world.appListeners.get('before-quit') ?? [])
      listener({ preventDefault: () => world.calls.push('quit deferred') });
    expect(world.calls).toContain('quit deferred');
    expect(world.quit).toBe(0);
    finish();
    await vi.waitFor(() => expect(world.quit).toBeGreaterThan(0));
    expect(services.close).toHaveBeenCalledOnce();
  });

  it('hands every uncaught exception and unhandled rejection to the services instead of dying silently', async () => {
    const before = {
      exception: new Set(process.listeners('uncaughtException')),
      rejection: new Set(process.listeners('unhandledRejection')),
    };
    await startMain();
    await vi.waitFor(() => expect(world.windows).toHaveLength(1));
    const added = {
      exception: process.listeners('uncaughtException').filter((l) => !before.exception.has(l)),
      rejection: process.listeners('unhandledRejection').filter((l) => !before.rejection.has(l)),
    };
    // Called directly (and removed again): a real uncaught error would also reach the test runner.
    for (const l of added.exception) process.off('uncaughtException', l);
    for (const l of added.rejection) process.off('unhandledRejection', l);
    expect([added.exception.length, added.rejection.length]).toEqual([1, 1]);
    const boom = new Error('boom');
    added.exception[0]!(boom, 'uncaughtException');
    added.rejection[0]!('refused', Promise.resolve());
    expect(services.reportUncaught.mock.calls).toEqual([
      [boom, 'uncaughtException'],
      ['refused', 'unhandledRejection'],
    ]);
  });

  it('shows a plain sentence and exits when start-up fails, without echoing the error', async () => {
    services.failStart = true;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await startMain();
    await vi.waitFor(() => expect(world.exit).toEqual([1]));
    stderr.mockRestore();
    expect(world.errorBoxes).toHaveLength(1);
    expect(world.errorBoxes[0]).not.toMatch(/sk_test|journal locked/);
  });
});
