import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';

/** Is `candidate` an existing regular file whose real path (symlinks resolved) is inside `root`? */
export type FileCheck = (candidate: string, root: string) => boolean;

export const isFileInside: FileCheck = (candidate, root) => {
  try {
    if (!statSync(candidate).isFile()) return false;
    return isInside(realpathSync(candidate), realpathSync(root));
  } catch {
    return false;
  }
};

function isInside(candidate: string, root: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

// `app://linkpos` then an optional path; query and fragment are cut off before anything is decoded.
const APP_URL = new RegExp(`^${APP_SCHEME}://${APP_HOST}(/[^?#]*)?(?:[?#].*)?$`, 'is');
// Checked on the raw path and again on every decoded segment, so `%2e%2e`, `%2f`, `%5c`, `%00` and
// double encoding (`%252e`) never reach the file system.
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point of this pattern.
const FORBIDDEN_SEGMENT = /[\u0000-\u001f\u007f\\/:%*?"<>|]/;

/**
 * Maps an app:// request to a file inside `rootDir`, or null (answered with 404). Strict on
 * purpose: the bundle's file names are plain, so anything encoded, hidden, traversing or
 * drive-like is an attack or a bug, not a file.
 */
export function resolveAppAsset(requestUrl: unknown, rootDir: string, fileCheck: FileCheck = isFileInside): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > 2048) return null;
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point of this pattern.
  if (/[\u0000-\u0020\u007f\\]/.test(requestUrl)) return null;
  const match = APP_URL.exec(requestUrl);
  if (match === null) return null;
  const rawPath = match[1] ?? '/';
  const path = rawPath === '/' ? '/index.html' : rawPath;
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment.startsWith('.') || FORBIDDEN_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  const root = resolve(rootDir);
  const candidate = resolve(root, ...segments);
  if (!candidate.startsWith(root + sep) || !isInside(candidate, root)) return null;
  return fileCheck(candidate, root) ? candidate : null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** With `nosniff` set, a wrong type breaks the page, so unknown files are opaque bytes. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
