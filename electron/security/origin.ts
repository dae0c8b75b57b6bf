/**
 * Where the app's own pages live. A custom standard+secure scheme instead of file:// so the
 * renderer has a real origin (file:// pages share one origin with every other file on disk) and
 * the CSP's 'self' means exactly the shipped bundle.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'linkpos';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
export const CUSTOMER_VIEW_URL = `${APP_INDEX_URL}?view=customer`;

// Whitespace, control characters and backslashes have no business in a URL the app produces;
// parsers disagree about them (WHATWG turns `\` into `/` for http but not for others), which is
// exactly what an attacker would exploit.
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point of this pattern.
const SUSPICIOUS = /[\u0000-\u0020\u007f-\u009f\\]/;

/**
 * `scheme://host[:port]` of an absolute URL, or null when it is malformed, carries credentials or
 * contains characters that parsers read differently. WHATWG `URL.origin` is "null" for non-special
 * schemes such as app://, so it cannot be used to compare app origins.
 */
export function originOf(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null;
  if (SUSPICIOUS.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  if (url.host === '') return null;
  return `${url.protocol}//${url.host.toLowerCase()}`;
}

/** True when `raw` parses to exactly one of the given origins (compared after normalising both). */
export function hasOrigin(raw: unknown, ...allowed: (string | undefined)[]): boolean {
  const origin = originOf(raw);
  if (origin === null) return false;
  return allowed.some((candidate) => candidate !== undefined && originOf(candidate) === origin);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Vite dev server's origin, only for an unpackaged app and only on loopback http: a packaged
 * build must never be talked into loading (and trusting) a page from elsewhere by an env variable.
 */
export function devServerOrigin(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || raw === undefined || raw === '') return undefined;
  const origin = originOf(raw);
  if (origin === null) return undefined;
  const url = new URL(origin);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return origin;
}

/** The page a window loads: the bundle over app://, or the dev server while developing. */
export function appPageUrl(view: 'main' | 'customer', devOrigin?: string): string {
  if (devOrigin === undefined) return view === 'customer' ? CUSTOMER_VIEW_URL : APP_INDEX_URL;
  return view === 'customer' ? `${devOrigin}/?view=customer` : `${devOrigin}/`;
}
