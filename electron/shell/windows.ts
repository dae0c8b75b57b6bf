import { BrowserWindow, type BrowserWindowConstructorOptions, type Display } from 'electron';
import { appPageUrl } from '../security/origin';
import { buildWebPreferences } from '../security/web-preferences';

export interface WindowOptions {
  preloadPath: string;
  isDev: boolean;
  title: string;
  /** Set only when running unpackaged against the Vite dev server. */
  devOrigin?: string | undefined;
}

/**
 * Where the customer-facing window goes: the first display that is not the clerk's. Undefined on a
 * single-screen till, where the shop can still drag the window to a tablet-sized monitor later.
 */
export function pickCustomerDisplay(displays: readonly Display[], primary: Pick<Display, 'id'>): Display | undefined {
  return displays.find((display) => display.id !== primary.id);
}

function createWindow(options: WindowOptions, view: 'main' | 'customer', bounds: BrowserWindowConstructorOptions, fullscreen: boolean) {
  const window = new BrowserWindow({
    ...bounds,
    title: options.title,
    show: false,
    fullscreen,
    backgroundColor: '#111827',
    autoHideMenuBar: true,
    webPreferences: buildWebPreferences({ preloadPath: options.preloadPath, isDev: options.isDev }),
  });
  // The page's <title> would otherwise replace ours, hiding the shop name and the DEMO marker.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appPageUrl(view, options.devOrigin)).catch(() => {
    // A failed load leaves the window blank rather than crashing main; the log sees it via did-fail-load.
  });
  return window;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  return createWindow(options, 'main', { width: 1280, height: 800, minWidth: 900, minHeight: 600 }, false);
}

export function createCustomerWindow(options: WindowOptions, display: Display | undefined): BrowserWindow {
  if (display === undefined) return createWindow(options, 'customer', { width: 800, height: 600 }, false);
  return createWindow(options, 'customer', display.bounds, true);
}
