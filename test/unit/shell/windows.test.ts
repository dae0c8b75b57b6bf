import { beforeEach, describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as FakeWindowLike[]);
interface FakeWindowLike {
  options: Record<string, unknown>;
  loaded: string[];
  listeners: Map<string, (...args: unknown[]) => void>;
}

vi.mock('electron', () => {
  class BrowserWindow implements FakeWindowLike {
    loaded: string[] = [];
    listeners = new Map<string, (...args: unknown[]) => void>();
    constructor(public options: Record<string, unknown>) {
      created.push(this);
    }
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, listener);
      return this;
    }
    once(name: string, listener: (...args: unknown[]) => void) {
      return this.on(name, listener);
    }
    show = vi.fn();
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

import { createCustomerWindow, createMainWindow, pickCustomerDisplay } from '../../../electron/shell/windows';
import { buildWebPreferences } from '../../../electron/security/web-preferences';

const options = { preloadPath: '/opt/LinkPOS/resources/app.asar/dist-electron/preload.cjs', isDev: false, title: 'LinkPOS — Kaffebaren' };

function display(id: number, x: number) {
  return { id, bounds: { x, y: 0, width: 1920, height: 1080 } } as never;
}

beforeEach(() => {
  created.length = 0;
});

describe('createMainWindow', () => {
  it('uses the locked-down web preferences and loads the app over app://', () => {
    createMainWindow(options);
    const window = created[0]!;
    expect(window.options.webPreferences).toEqual(buildWebPreferences({ preloadPath: options.preloadPath, isDev: false }));
    expect(window.loaded).toEqual(['app://linkpos/index.html']);
    expect(window.options.title).toBe('LinkPOS — Kaffebaren');
    expect(window.options.show).toBe(false);
  });

  it('keeps its own title when the page sets <title>', () => {
    createMainWindow(options);
    const event = { preventDefault: vi.fn() };
    created[0]!.listeners.get('page-title-updated')!(event, 'LinkPOS');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('loads the dev server and allows DevTools only in development', () => {
    createMainWindow({ ...options, isDev: true, devOrigin: 'http://localhost:5173' });
    expect(created[0]!.loaded).toEqual(['http://localhost:5173/']);
    expect((created[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });
});

describe('createCustomerWindow', () => {
  it('goes full screen on the second display with the customer view', () => {
    const second = display(2, 1920);
    createCustomerWindow(options, second);
    const window = created[0]!;
    expect(window.loaded).toEqual(['app://linkpos/index.html?view=customer']);
    expect(window.options).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, fullscreen: true });
    expect(window.options.webPreferences).toEqual(buildWebPreferences({ preloadPath: options.preloadPath, isDev: false }));
  });

  it('opens as an ordinary window when there is no second display', () => {
    createCustomerWindow(options, undefined);
    expect(created[0]!.options.fullscreen).toBe(false);
    expect(created[0]!.loaded).toEqual(['app://linkpos/index.html?view=customer']);
  });
});

describe('pickCustomerDisplay', () => {
  it('picks the first display that is not the primary', () => {
    const primary = display(1, 0);
    const second = display(2, 1920);
    expect(pickCustomerDisplay([primary, second], primary)).toBe(second);
    expect(pickCustomerDisplay([second, primary], primary)).toBe(second);
  });

  it('finds none on a single-screen till', () => {
    const primary = display(1, 0);
    expect(pickCustomerDisplay([primary], primary)).toBeUndefined();
  });
});
