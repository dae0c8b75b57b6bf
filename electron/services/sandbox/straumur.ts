import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SandboxApi, SandboxContext } from './types';
import { PAGE_CSP, renderPayPage, type PageOutcome } from './straumur-page';
import { StraumurSandboxStore, straumurTime, type SandboxLink } from './straumur-store';
import { validateCreate, type StraumurFault } from './straumur-validate';

/**
 * The sandbox's Straumur Payment Links API (`/straumur/api/v1/…`), the customer page
 * (`/pay/straumur/<ref>`) and test controls (`/__sandbox/straumur/…`):
 *
 *   GET  /__sandbox/straumur/links                       every link, in full
 *   POST /__sandbox/straumur/reset                       forget every link
 *   POST /__sandbox/straumur/links/<ref>/pay             the shopper pays; optional body {amount, currency}
 *                                                         to pay a different amount (a mismatch test)
 *   POST /__sandbox/straumur/links/<ref>/decline         a non-completed submission
 *   POST /__sandbox/straumur/links/<ref>/open            one page visit
 *   POST /__sandbox/straumur/links/<ref>/expire          validUntil moves into the past
 *
 * Transport faults (hang, 429, 5xx, truncated answers) come from the server's fault injector.
 */

export interface StraumurRoutesOptions {
  apiKey: string;
  /** When set, create answers 2016 for any other terminal, like a merchant with one terminal. */
  terminalIdentifier?: string;
  random?: () => number;
}

const API = '/straumur/api/v1/';
const PAGE = '/pay/straumur/';
const CONTROL = '/__sandbox/straumur/';

function envelope(now: number): { responseDateTime: string; responseIdentifier: string } {
  return { responseDateTime: straumurTime(now), responseIdentifier: randomUUID() };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function replyError(ctx: SandboxContext, fault: StraumurFault): void {
  const { responseIdentifier, responseDateTime } = envelope(ctx.now());
  reply(ctx.res, fault.status, { errorMessage: fault.errorMessage, errorCode: fault.errorCode, responseIdentifier, responseDateTime });
}

const notFound: StraumurFault = { status: 404, errorCode: 2014, errorMessage: 'Entity is not accessible or does not exist' };

function replyPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}

/** A query parameter as a non-negative integer, its default when absent, null when malformed. */
function intParam(url: URL, name: string, fallback: number): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** A path segment as text; a malformed escape is kept as it came, so it simply matches no link. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function createStraumurRoutes(options: StraumurRoutesOptions): SandboxApi {
  const store = new StraumurSandboxStore(options.random);

  function api(ctx: SandboxContext, path: string): boolean {
    const { req, url } = ctx;
    const now = ctx.now();
    // Header names are case-insensitive; Node lower-cases them.
    if (req.headers['x-api-key'] !== options.apiKey) {
      // The real code for a bad key is undocumented; 401 with the standard body is the sandbox's choice.
      replyError(ctx, { status: 401, errorCode: 401, errorMessage: 'The API key is missing or not valid' });
      return true;
    }
    const method = req.method ?? 'GET';
    if (path === 'paymentlinks/create' && method === 'POST') {
      const checked = validateCreate(ctx.body, now, options.terminalIdentifier ?? null);
      if (!checked.ok) {
        replyError(ctx, checked.error);
        return true;
      }
      const link = store.create(checked.value, `${ctx.baseUrl}${PAGE.slice(0, -1)}`, now);
      reply(ctx.res, 200, { paymentLinkReference: link.paymentLinkReference, url: link.url, ...envelope(now) });
      return true;
    }
    if (path === 'paymentlinks/disable' && method === 'POST') {
      const body = parseObject(ctx.body);
      if (!body) {
        replyError(ctx, { status: 400, errorCode: 1000, errorMessage: 'Invalid JSON' });
        return true;
      }
      const reference = body.paymentLinkReference;
      if (typeof reference !== 'string' || reference.length === 0 || reference.length > 100) {
        replyError(ctx, { status: 400, errorCode: 2000, errorMessage: 'Field [paymentLinkReference] cannot be empty' });
        return true;
      }
      if (!store.disable(reference, now)) replyError(ctx, notFound);
      else reply(ctx.res, 200, envelope(now));
      return true;
    }
    if (path === 'paymentlinks' && method === 'GET') {
      const page = intParam(url, 'page', 0);
      const pageSize = intParam(url, 'pageSize', 100);
      if (page === null || pageSize === null || pageSize < 1 || pageSize > 100) {
        replyError(ctx, { status: 400, errorCode: 2008, errorMessage: 'page must be 0 or more and pageSize 1 to 100' });
        return true;
      }
      const { links, totalCount } = store.list(page, pageSize, now);
      reply(ctx.res, 200, { paymentLinks: links, totalCount, ...envelope(now) });
      return true;
    }
    const single = /^paymentlinks\/([^/]+)$/.exec(path);
    if (single?.[1] !== undefined && method === 'GET') {
      const link = store.get(decodeSegment(single[1]), now);
      if (!link) replyError(ctx, notFound);
      else reply(ctx.res, 200, { paymentLink: link, ...envelope(now) });
      return true;
    }
    replyError(ctx, { status: 404, errorCode: 2003, errorMessage: `No ${method} ${path}` });
    return true;
  }

  function page(ctx: SandboxContext, path: string): boolean {
    const now = ctx.now();
    const match = /^([a-z0-9]{1,100})(?:\/(pay|decline))?$/.exec(path);
    const method = ctx.req.method ?? 'GET';
    if (!match?.[1]) return false;
    const reference = match[1];
    const action = match[2];
    let result: SandboxLink | 'closed' | null;
    let outcome: PageOutcome = 'view';
    if (action === undefined && method === 'GET') {
      result = store.visit(reference, now);
    } else if (action !== undefined && method === 'POST') {
      result = action === 'pay' ? store.pay(reference, now) : store.decline(reference, now);
      outcome = action === 'pay' ? 'paid' : 'declined';
    } else {
      return false;
    }
    if (result === null) {
      replyPage(
        ctx.res,
        404,
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head><body><p>This payment link does not exist.</p></body></html>',
      );
      return true;
    }
    if (result === 'closed') {
      replyPage(ctx.res, 409, renderPayPage(store.get(reference, now) as SandboxLink, 'closed'));
      return true;
    }
    replyPage(ctx.res, 200, renderPayPage(result, outcome));
    return true;
  }

  function control(ctx: SandboxContext, path: string): boolean {
    const now = ctx.now();
    const method = ctx.req.method ?? 'GET';
    if (path === 'links' && method === 'GET') {
      reply(ctx.res, 200, store.all(now));
      return true;
    }
    if (path === 'reset' && method === 'POST') {
      store.reset();
      reply(ctx.res, 200, []);
      return true;
    }
    const match = /^links\/([^/]+)\/(pay|decline|open|expire)$/.exec(path);
    if (!match?.[1] || !match[2] || method !== 'POST') return false;
    const reference = decodeSegment(match[1]);
    let result: SandboxLink | 'closed' | null;
    if (match[2] === 'pay') {
      const body = parseObject(ctx.body) ?? {};
      const charge = {
        ...(typeof body.amount === 'number' ? { amount: body.amount } : {}),
        ...(typeof body.currency === 'string' ? { currency: body.currency } : {}),
      };
      result = store.pay(reference, now, charge);
    } else if (match[2] === 'decline') result = store.decline(reference, now);
    else if (match[2] === 'open') result = store.visit(reference, now);
    else result = store.expire(reference, now);
    if (result === null) reply(ctx.res, 404, { message: 'No such link' });
    else if (result === 'closed') reply(ctx.res, 409, { message: 'The link can no longer be paid', link: store.get(reference, now) });
    else reply(ctx.res, 200, result);
    return true;
  }

  return {
    handler: (ctx) => {
      const { pathname } = ctx.url;
      if (pathname.startsWith(API)) return Promise.resolve(api(ctx, pathname.slice(API.length)));
      if (pathname.startsWith(PAGE)) return Promise.resolve(page(ctx, pathname.slice(PAGE.length)));
      if (pathname.startsWith(CONTROL)) return Promise.resolve(control(ctx, pathname.slice(CONTROL.length)));
      return Promise.resolve(false);
    },
    state: { snapshot: () => store.snapshot(), restore: (data) => store.restore(data) },
  };
}
