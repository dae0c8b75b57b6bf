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

/** One provider's API in the sandbox: its routes, and the path its client's base URL ends in. */
export interface SandboxRoutes {
  /** e.g. `/ecster/rest/public/v1/` (with the trailing slash ky needs to resolve paths). */
  readonly basePath: string;
  readonly handler: SandboxRouteHandler;
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
