import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentTypeFor, resolveAppAsset, type FileCheck, isFileInside } from '../security/app-asset';
import { APP_RESPONSE_HEADERS } from '../security/csp';
import { APP_SCHEME } from '../security/origin';

/**
 * app:// must be declared before the app is ready. `standard` gives it real origins and relative
 * URL resolution; `secure` makes it a secure context (clipboard, crypto.subtle) without TLS.
 * No `bypassCSP`, no `corsEnabled`: nothing else should fetch from it.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export interface AssetSource {
  fileCheck?: FileCheck;
  read?: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
}

/** The whole protocol handler, minus Electron: request in, Response out, CSP on every answer. */
export async function appProtocolResponse(
  request: Pick<Request, 'url' | 'method'>,
  rootDir: string,
  source: AssetSource = {},
): Promise<Response> {
  const headers = { ...APP_RESPONSE_HEADERS, 'cache-control': 'no-cache' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...headers, allow: 'GET, HEAD' } });
  }
  const path = resolveAppAsset(request.url, rootDir, source.fileCheck ?? isFileInside);
  if (path === null)
    return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await (source.read ?? readFile)(path);
  } catch {
    return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...headers, 'content-type': contentTypeFor(path) },
  });
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request, rootDir));
}
