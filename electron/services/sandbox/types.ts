import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the sandbox's server and its route modules share, so that neither imports the other: the
 * server takes each provider's routes from the provider's descriptor (providers/registry.ts).
 */

export interface SandboxContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The full request URL (pathname + searchParams). */
  readonly url: URL;
  /** The request body as text ('' when none). */
  readonly body: string;
  readonly now: () => number;
  /** e.g. http://127.0.0.1:5123 (no trailing slash). */
  readonly baseUrl: string;
}

/** Returns true when it handled (answered) the request. */
export type SandboxRouteHandler = (ctx: SandboxContext) => Promise<boolean>;

/**
 * A provider's sandbox state (its links and orders) as plain JSON, so the app's sandbox can keep
 * it in the data directory and a demo sale survives a restart. `restore` takes what `snapshot`
 * gave, from an earlier run; it throws on anything else (the sandbox then starts empty).
 */
export interface SandboxState {
  snapshot(): unknown;
  restore(data: unknown): void;
}

/** What a provider's sandbox module makes: its routes and, for one that keeps links, its state. */
export interface SandboxApi {
  readonly handler: SandboxRouteHandler;
  readonly state?: SandboxState;
}

/** One provider's API in the sandbox: its routes, and the path its client's base URL ends in. */
export interface SandboxRoutes {
  /** e.g. `/ecster/rest/public/v1/` (with the trailing slash ky needs to resolve paths). */
  readonly basePath: string;
  readonly handler: SandboxRouteHandler;
  readonly state?: SandboxState;
}

/** A list of records from a saved state, or a throw: the file is ours, but may be from another version. */
export function savedList<T>(data: unknown, key: string, isItem: (item: Record<string, unknown>) => boolean): T[] {
  const list = (data as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new Error(`saved sandbox state has no ${key}`);
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null || !isItem(item as Record<string, unknown>)) {
      throw new Error(`saved sandbox state has an unreadable entry in ${key}`);
    }
  }
  return list as T[];
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text === '' ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
