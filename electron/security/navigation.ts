import { hasOrigin } from './origin';

/**
 * Whether a window may navigate or be redirected to `url`: only to the app's own origin (and, when
 * running unpackaged, the dev server's). Everything else (payment pages, javascript:, file:, data:)
 * is refused; the customer pays on their phone, never inside this app.
 */
export function isAllowedNavigation(url: unknown, appOrigin: string, devOrigin?: string): boolean {
  return hasOrigin(url, appOrigin, devOrigin);
}

/** `setWindowOpenHandler`: the app never opens windows from page code; main creates its own. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}
