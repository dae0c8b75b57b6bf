import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppServices } from '../electron/services/app';
import type { Logger } from '../electron/services/log';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * The web host's HTTP bridge: the same contract the Electron preload exposes, over loopback HTTP,
 * so end-to-end tests drive the real renderer against the real main-process services.
 *
 * Security, although it only ever listens on 127.0.0.1:
 * - a random per-run token on every request: given once in the start URL's `?token=`, then carried
 *   by an HttpOnly, SameSite=Strict cookie (the renderer never handles it);
 * - the Host header must be our own loopback address (defeats DNS rebinding);
 * - API calls must be same-origin POSTs with a JSON body (defeats cross-site form posts);
 * - the same Content-Security-Policy as the desktop app.
 */
export interface WebHostOptions {
  services: AppServices;
  /** The built renderer (vite build output). */
  staticDir: string;
  token: string;
  port: number;
  log: Logger;
}

export interface WebHost {
  url: string;
  port: number;
  /**
   * A token for printing one document with headless Chromium, whose command line other local users
   * can read: valid for two minutes, for the page's files and the few read-only calls the print
   * page makes — never the full run token.
   */
  issuePrintToken(): string;
  close(): Promise<void>;
}

/** What the print page calls (see renderer/src/components/receipt/PrintPage.tsx and main.tsx). */
const PRINT_CHANNELS: ReadonlySet<string> = new Set([
  'app:info',
  'settings:get',
  'credentials:status',
  'receipt:get',
  'report:get',
  'report:x',
]);
const PRINT_TOKEN_MS = 120_000;

const COOKIE = 'linkpos_token';
const MAX_BODY_BYTES = 80 * 1024 * 1024; // a 100 000-row catalog CSV fits comfortably

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services, staticDir, token, log } = options;
  const sseClients = new Set<ServerResponse>();
  const printTokens = new Map<string, number>();
  let port = options.port;

  /** 'full' for the run token, 'print' for a live print token, null otherwise. */
  const access = (candidate: string | null | undefined): 'full' | 'print' | null => {
    if (tokenMatches(candidate, token)) return 'full';
    if (typeof candidate !== 'string') return null;
    const expires = printTokens.get(candidate);
    if (expires === undefined) return null;
    if (expires < Date.now()) {
      printTokens.delete(candidate);
      return null;
    }
    return 'print';
  };

  const unsubscribe = services.events.subscribe((name, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('web host request failed', { error });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    if (!isOwnHost(req.headers.host, port)) return send(res, 421, 'text/plain; charset=utf-8', 'Wrong host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    const queryToken = url.searchParams.get('token');
    const fromQuery = access(queryToken);
    const level = fromQuery === 'full' ? 'full' : (access(readCookie(req, COOKIE)) ?? fromQuery);
    if (!level)
      return send(res, 401, 'text/plain; charset=utf-8', 'LinkPOS web host: open the URL printed at start-up (it carries the token).');
    if (fromQuery) {
      res.setHeader('Set-Cookie', `${COOKIE}=${queryToken}; HttpOnly; SameSite=Strict; Path=/`);
    }

    const apiName = url.pathname.startsWith('/api/') ? decodeURIComponent(url.pathname.slice('/api/'.length)) : null;
    if (level === 'print' && apiName !== null && !PRINT_CHANNELS.has(apiName)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'A print token reads a receipt or a report, nothing else.');
    }
    if (url.pathname === '/api/events') return openEventStream(req, res);
    if (apiName !== null) return callChannel(req, res, apiName);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    return serveStatic(url.pathname, res);
  }

  async function callChannel(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain; charset=utf-8', 'JSON only');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'forbidden-sender', message: 'Calls must come from the LinkPOS page itself.' },
      });
    }
    let input: unknown;
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      input = body.length === 0 ? undefined : (JSON.parse(body) as { input?: unknown }).input;
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'The request body is not valid JSON.' } });
    }
    const result = await services.dispatch(name, input);
    sendJson(res, 200, result);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      sseClients.delete(res);
    });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    // The customer display is the same single-page app; it picks its view from the path.
    const logical = pathname === '/' || pathname === '/customer' ? '/index.html' : pathname;
    const file = safeJoin(staticDir, logical);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      const body = await readFile(file);
      res.setHeader('Cache-Control', logical === '/index.html' ? 'no-store' : 'public, max-age=31536000, immutable');
      send(res, 200, contentTypes[extname(file)] ?? 'application/octet-stream', body);
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    issuePrintToken() {
      const now = Date.now();
      for (const [candidate, expires] of printTokens) if (expires < now) printTokens.delete(candidate);
      const printToken = randomBytes(24).toString('base64url');
      printTokens.set(printToken, now + PRINT_TOKEN_MS);
      return printToken;
    },
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (typeof candidate !== 'string' || candidate.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(candidate), Buffer.from(token));
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Resolves a URL path inside the static root, or null for anything that tries to leave it. */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = normalize(join(root, decoded));
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return full.startsWith(base) ? full : null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
