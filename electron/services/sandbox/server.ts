import { z } from 'zod';
import { createServer, ServerResponse } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, faultListSchema, seededRandom } from './faults';
import type { FaultRule } from './faults';
import { PAGE_CSS_PATH, pageCss } from './customer-page';
import { sendJson, type SandboxContext, type SandboxRoutes } from './types';
import type { ProviderId } from '../../../shared/providers/registry';

/**
 * The built-in payment sandbox: a loopback HTTP server that speaks every provider's API, serves
 * the customer's payment page and can inject faults. Demo mode, the tests and the e2e suite all
 * run against it. Each provider's routes and state live in their own module, handed in by id
 * (`sandboxRoutes()` in providers/registry.ts builds them from the descriptors).
 */

export interface SandboxOptions<Id extends string> {
  /** 0 or absent: a random free port. */
  readonly port?: number;
  readonly host?: '127.0.0.1';
  readonly now?: () => number;
  /** Each provider's API, by provider id. */
  readonly routes: Readonly<Record<Id, SandboxRoutes>>;
  readonly faults?: readonly FaultRule[];
  /** Seed for the share of injected 5xx answers. */
  readonly seed?: number;
  /**
   * Where the sandbox keeps its links and orders between runs (the app's data directory), so a
   * demo sale survives a restart. With it the sandbox also comes back on its last port when that
   * is free, so the links it made still resolve. Tests leave it out: a fresh, empty sandbox.
   */
  readonly persistence?: SandboxPersistence;
}

export interface SandboxPersistence {
  /** The state saved last, or null when there is none. */
  read(): Promise<string | null>;
  /** Replaces the saved state, atomically. */
  write(text: string): Promise<void>;
  /** A saved state that could not be read or written: said, and the sandbox goes on without it. */
  problem(message: string, error: unknown): void;
}

/** The saved state: the port, and each provider's links and orders as its module gave them. */
interface SavedSandbox {
  readonly v: 1;
  readonly port: number;
  readonly providers: Readonly<Record<string, unknown>>;
}

export interface Sandbox<Id extends string = ProviderId> {
  readonly baseUrl: string;
  /** Each provider's API base URL, by provider id: what its client uses in demo mode. */
  readonly baseUrls: Readonly<Record<Id, string>>;
  setFaults(faults: readonly FaultRule[]): void;
  /**
   * On/off switches for what demo mode simulates beside the providers (`control-unit-unreachable`:
   * the simulated control unit does not answer). Set here or through `POST /__sandbox/switches`.
   */
  readonly switches: Map<string, boolean>;
  /**
   * How many provider API requests the sandbox has answered, by kind (`ecster GET orders/{id}`,
   * `ecster GET paymentlinks?key`): what a sale costs at the provider, counted where the provider
   * would count it. Also `GET /__sandbox/requests`.
   */
  requestCounts(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * A provider API request's kind: provider, method, the path after the API's base with ids and keys
 * as `{id}`, and the query's parameter names (never their values).
 */
export function requestKind(id: string, method: string, rest: string, query: URLSearchParams): string {
  const path = rest
    .replace(/\/$/, '')
    .split('/')
    .map((segment) => (/^[\w-]{8,}$/.test(segment) && /\d/.test(segment) ? '{id}' : segment))
    .join('/');
  const names = [...new Set(query.keys())].sort();
  return `${id} ${method} ${path}${names.length > 0 ? `?${names.join('&')}` : ''}`;
}

const MAX_BODY_BYTES = 1_000_000;

const switchesSchema = z.record(z.string().regex(/^[a-z-]{1,40}$/), z.boolean());

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on('data', (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new TextDecoder().decode(concat(chunks))));
    req.on('error', reject);
  });
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSandbox<Id extends string>(options: SandboxOptions<Id>): Promise<Sandbox<Id>> {
  const now = options.now ?? Date.now;
  const faults = new FaultInjector(seededRandom(options.seed ?? 1));
  const switches = new Map<string, boolean>();
  faults.set(options.faults ?? []);
  const ids = Object.keys(options.routes) as Id[];
  const routes = ids.map((id) => options.routes[id].handler);
  const counts = new Map<string, number>();
  const count = (url: URL, method: string) => {
    const id = ids.find((i) => url.pathname.startsWith(options.routes[i].basePath));
    if (id === undefined) return;
    const kind = requestKind(id, method, url.pathname.slice(options.routes[id].basePath.length), url.searchParams);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  let baseUrl = '';
  const saved = options.persistence ? await restoreSaved(options.persistence, options.routes) : null;
  const persist = options.persistence
    ? saver(options.persistence, () => ({ port: Number(new URL(baseUrl).port), routes: options.routes }))
    : null;

  async function control(ctx: SandboxContext): Promise<boolean> {
    if (ctx.url.pathname === PAGE_CSS_PATH && ctx.req.method === 'GET') {
      ctx.res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' });
      ctx.res.end(pageCss);
      return true;
    }
    if (ctx.url.pathname === '/__sandbox/switches') {
      if (ctx.req.method === 'POST' || ctx.req.method === 'PUT') {
        const parsed = switchesSchema.safeParse(safeJson(ctx.body));
        if (!parsed.success) {
          sendJson(ctx.res, 400, { code: 400, message: 'Switches must be a JSON object of names to true or false.' });
          return true;
        }
        for (const [name, on] of Object.entries(parsed.data)) switches.set(name, on);
      }
      sendJson(ctx.res, 200, Object.fromEntries(switches));
      return true;
    }
    if (ctx.url.pathname === '/__sandbox/requests' && ctx.req.method === 'GET') {
      sendJson(ctx.res, 200, Object.fromEntries(counts));
      return true;
    }
    if (ctx.url.pathname !== '/__sandbox/faults') return false;
    if (ctx.req.method === 'GET') {
      sendJson(ctx.res, 200, faults.list());
      return true;
    }
    if (ctx.req.method === 'POST' || ctx.req.method === 'PUT') {
      try {
        faults.set(faultListSchema.parse(JSON.parse(ctx.body || '[]')));
        sendJson(ctx.res, 200, faults.list());
      } catch {
        sendJson(ctx.res, 400, { code: 400, message: 'Faults must be a JSON array of fault rules.' });
      }
      return true;
    }
    return Promise.resolve(false);
  }

  async function dispatch(ctx: SandboxContext): Promise<void> {
    if (await control(ctx)) return;
    for (const route of routes) {
      if (await route(ctx)) return;
    }
    sendJson(ctx.res, 404, { code: 404, message: 'Not found' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's own addresses, and for writes only our own pages (the customer page's
    // forms) or non-browser clients: a web page elsewhere cannot pay, decline or inject faults,
    // and DNS rebinding cannot read anything.
    const own = new URL(baseUrl);
    const hostOk = req.headers.host === own.host || req.headers.host === `localhost:${own.port}`;
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === own.origin || origin === `http://localhost:${own.port}`;
    if (!hostOk || (req.method !== 'GET' && req.method !== 'HEAD' && !originOk)) {
      sendJson(res, 403, { code: 403, message: 'Requests must come from this computer.' });
      return;
    }
    const url = new URL(req.url ?? '/', baseUrl);
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      sendJson(res, 413, { code: 413, message: 'Request body too large' });
      return;
    }
    // A change is on disk before the answer that tells of it leaves (as the till's journal is).
    if (persist) holdUntil(res, persist);
    const ctx: SandboxContext = { req, res, url, body, now, baseUrl };
    count(url, req.method ?? 'GET');
    // Control endpoints are never subject to faults, or a test could lock itself out.
    const plan = url.pathname.startsWith('/__sandbox/') ? { latencyMs: 0, action: null } : faults.plan(req.method ?? 'GET', url.pathname);
    if (plan.latencyMs > 0) await delay(plan.latencyMs);
    const action = plan.action;
    if (action?.kind === 'error') {
      sendJson(res, action.status, { code: action.status, message: 'Internal error (injected by the sandbox)' });
      return;
    }
    if (action?.kind === 'rate-limit') {
      sendJson(res, 429, { code: 429, message: 'Too many requests' }, { 'Retry-After': String(action.retryAfterSeconds) });
      return;
    }
    if (action?.kind === 'not-found') {
      sendJson(res, 404, { code: 404, message: 'Not found (injected by the sandbox)' });
      return;
    }
    if (action?.kind === 'truncate') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"paymentLink":{"key":"');
      return;
    }
    if (action?.kind === 'hang') {
      // Carry the request out against a detached response, then leave the real one unanswered.
      // What it changed is saved all the same: the provider did it, and remembers it.
      const detached = new ServerResponse(req);
      if (persist) holdUntil(detached, persist);
      await dispatch({ ...ctx, res: detached });
      return;
    }
    await dispatch(ctx);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { code: 500, message: 'Sandbox error' });
      else res.destroy();
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  if (options.port === undefined && saved) {
    // The last run's port, so its links' pages still resolve; another program may have it now.
    await listen(saved.port).catch((error: unknown) => {
      options.persistence?.problem('sandbox: its last port is taken; links made before cannot be opened by their address', error);
      return listen(0);
    });
  } else {
    await listen(options.port ?? 0);
  }
  const address = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl,
    baseUrls: Object.fromEntries(ids.map((id) => [id, `${baseUrl}${options.routes[id].basePath}`])) as Record<Id, string>,
    setFaults: (f) => faults.set(f),
    switches,
    requestCounts: () => Object.fromEntries(counts),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests would otherwise keep the server open forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Restores each provider's saved state; anything unreadable is said and left out (that provider starts empty). */
async function restoreSaved(
  persistence: SandboxPersistence,
  routes: Readonly<Record<string, SandboxRoutes>>,
): Promise<SavedSandbox | null> {
  let saved: SavedSandbox;
  try {
    const text = await persistence.read();
    if (text === null) return null;
    saved = JSON.parse(text) as SavedSandbox;
    if (saved.v !== 1 || !Number.isInteger(saved.port) || typeof saved.providers !== 'object' || saved.providers === null) {
      throw new Error('not a saved sandbox state');
    }
  } catch (error) {
    persistence.problem('sandbox: its saved links could not be read; starting empty', error);
    return null;
  }
  for (const [id, route] of Object.entries(routes)) {
    const state = saved.providers[id];
    if (state === undefined || !route.state) continue;
    try {
      route.state.restore(state);
    } catch (error) {
      persistence.problem(`sandbox: the saved ${id} links could not be restored; that provider starts empty`, error);
    }
  }
  return saved;
}

/** Writes the state when it has changed, one write at a time; resolves once what it was asked for is on disk. */
function saver(
  persistence: SandboxPersistence,
  current: () => { port: number; routes: Readonly<Record<string, SandboxRoutes>> },
): () => Promise<void> {
  let last = '';
  let queue: Promise<void> = Promise.resolve();
  return () => {
    const { port, routes } = current();
    const providers = Object.fromEntries(Object.entries(routes).flatMap(([id, r]) => (r.state ? [[id, r.state.snapshot()]] : [])));
    const doc: SavedSandbox = { v: 1, port, providers };
    const text = JSON.stringify(doc);
    if (text === last) return queue;
    last = text;
    queue = queue
      .then(() => persistence.write(text))
      .catch((error: unknown) => persistence.problem('sandbox: could not save its links', error));
    return queue;
  };
}

/** Holds a response's end until the state it may have changed is saved. */
function holdUntil(res: ServerResponse, save: () => Promise<void>): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    void save().finally(() => end(...args));
    return res;
  }) as ServerResponse['end'];
}
