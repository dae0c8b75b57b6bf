import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { savedList, sendJson, type SandboxApi, type SandboxContext } from './types';
import { pageCsp, renderNotFoundPage, renderPaymentPage } from './customer-page';
import type { PageState } from './customer-page';
import { ecsterDateOf, ecsterTimestampOf, parseSearchDate } from './ecster-dates';
import { ecsterValidationCodes, validateLinkBody, type LinkBody } from './ecster-validate';
import { z } from 'zod';
import {
  EcsterOrders,
  ecsterOrderStatuses,
  ecsterPaymentMethods,
  orderPlanSchema,
  type EcsterPaymentMethod,
  type SandboxOrder,
} from './ecster-orders';

/**
 * Ecster Pay Link, imitated: the REST endpoints under /ecster/rest/public/v1/ with Ecster's
 * validation and `{code, message}` errors, the customer page under /pay/ecster/<KEY>, and test
 * controls under /__sandbox/ecster/ (links/<KEY>/pay|decline|expire, next-order, orders,
 * orders/<ID>/status to move an order on now, reset). State lives here, per sandbox instance.
 */

const API = '/ecster/rest/public/v1/';
const PAGE = '/pay/ecster/';
const CONTROL = '/__sandbox/ecster/';

/**
 * Error codes the sandbox answers with (Ecster's own numbering is not public; these are stable for
 * tests). A body's validation lives in ecster-validate.ts.
 */
export const ecsterSandboxCodes = {
  ...ecsterValidationCodes,
  unauthorized: 4010,
  notFound: 4040,
  conflict: 4090,
} as const;

interface StoredLink {
  readonly key: string;
  body: LinkBody;
  readonly createdAt: number;
  validToMs: number;
  paid: boolean;
  deleted: boolean;
  declines: number;
}

const methodLabels: Record<EcsterPaymentMethod, string> = { CARD: 'Card', INVOICE: 'Invoice', SWISH: 'Swish' };

function newKey(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

function ecsterStatus(link: StoredLink, now: number): 'OPEN' | 'ORDER_CREATED' | 'INVALID' {
  if (link.paid) return 'ORDER_CREATED';
  if (link.deleted || now > link.validToMs) return 'INVALID';
  return 'OPEN';
}

export function createEcsterRoutes(options: { apiKey: string; merchantKey: string }): SandboxApi {
  const links = new Map<string, StoredLink>();
  const orders = new EcsterOrders();

  /** The customer paid: the link is used up and Ecster makes an order (providers.md §1.7). */
  function pay(link: StoredLink, method: EcsterPaymentMethod, now: number): void {
    link.paid = true;
    orders.create(
      {
        orderReference: link.body.orderReference ?? '',
        amount: link.body.cart.amount,
        currency: link.body.cart.currency,
        rows: link.body.cart.rows,
        method,
      },
      now,
    );
  }

  const methodOf = (value: string | null | undefined): EcsterPaymentMethod => ecsterPaymentMethods.find((m) => m === value) ?? 'CARD';

  function orderApi(ctx: SandboxContext, path: string, method: string): void {
    const { res } = ctx;
    if (path === 'orders' && method === 'GET') {
      const ref = ctx.url.searchParams.get('orderReference');
      const found = ref === null ? orders.list() : orders.byReference(ref);
      return sendJson(
        res,
        200,
        found.map((o) => orders.json(o)),
      );
    }
    const match = /^orders\/([0-9A-F]{16})(\/transactions|\/refunds|\/refunds\/latest\/status)?$/.exec(path);
    const order = match ? orders.list().find((o) => o.id === match[1]) : undefined;
    if (!match || !order) return error(res, 404, ecsterSandboxCodes.notFound, 'Order not found');
    if (match[2] === undefined && method === 'GET') return sendJson(res, 200, orders.json(orders.read(order.id) ?? order));
    // The Swish refund flow (§1.10): POST a refund, then poll the latest refund's status.
    if (match[2] === '/refunds' && method === 'POST') {
      const json = parseJson(ctx.body);
      if (!json.ok) return error(res, 400, ecsterSandboxCodes.malformed, 'Request body is not valid JSON');
      const result = orders.swishRefund(order, json.value, ctx.now());
      if (!result.ok) return error(res, result.status, result.code, result.message);
      return sendJson(res, 201, result.body);
    }
    if (match[2] === '/refunds/latest/status' && method === 'GET') {
      const status = orders.latestSwishRefund(order);
      if (status === null) return error(res, 404, ecsterSandboxCodes.notFound, 'The order has no refund');
      return sendJson(res, 200, { status });
    }
    if (match[2] === '/transactions' && method === 'POST') {
      const json = parseJson(ctx.body);
      if (!json.ok) return error(res, 400, ecsterSandboxCodes.malformed, 'Request body is not valid JSON');
      const result = orders.transact(order, json.value, ctx.now());
      if (!result.ok) return error(res, result.status, result.code, result.message);
      return sendJson(res, 201, result.body);
    }
    return error(res, 405, ecsterSandboxCodes.malformed, 'Method not allowed');
  }

  const payLinkUrl = (ctx: SandboxContext, key: string) => `${ctx.baseUrl}${PAGE}${key}`;
  const echo = (ctx: SandboxContext, link: StoredLink) => ({
    paymentLink: { key: link.key, payLinkUrl: payLinkUrl(ctx, link.key), ...link.body, tags: ['APIv1', ...(link.body.tags ?? [])] },
  });
  const error = (res: ServerResponse, status: number, code: number, message: string) => sendJson(res, status, { code, message });

  function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false };
    }
  }

  function store(ctx: SandboxContext, existing: StoredLink | null): void {
    const json = parseJson(ctx.body);
    if (!json.ok) return error(ctx.res, 400, ecsterSandboxCodes.malformed, 'Request body is not valid JSON');
    const result = validateLinkBody(json.value, ctx.now());
    if (!result.ok) return error(ctx.res, 400, result.error.code, result.error.message);
    if (existing) {
      existing.body = result.body;
      existing.validToMs = result.validToMs;
      return sendJson(ctx.res, 200, echo(ctx, existing));
    }
    const link: StoredLink = {
      key: newKey(),
      body: result.body,
      createdAt: ctx.now(),
      validToMs: result.validToMs,
      paid: false,
      deleted: false,
      declines: 0,
    };
    links.set(link.key, link);
    sendJson(ctx.res, 200, echo(ctx, link));
  }

  function search(ctx: SandboxContext): void {
    const q = ctx.url.searchParams;
    const now = ctx.now();
    const limit = Math.min(Number(q.get('limit') ?? 50) || 50, 500);
    const offset = Number(q.get('offset') ?? 0) || 0;
    // The seed marks these `(date)`: a calendar day, never a time.
    const dates = ['createdfrom', 'expiredTo', 'activefrom'].map((name) => {
      const v = q.get(name);
      return { name, value: v, day: v === null ? null : parseSearchDate(v) };
    });
    const unreadable = dates.find((d) => d.value !== null && d.day === null);
    if (unreadable) return error(ctx.res, 400, ecsterSandboxCodes.malformed, `${unreadable.name} must be a date (YYYY-MM-DD)`);
    const [createdFrom, expiredTo, activeFrom] = dates.map((d) => d.day);
    const result = [...links.values()]
      .filter((l) => {
        const contact = l.body.consumer?.contactInfo;
        if (q.has('orderReference') && l.body.orderReference !== q.get('orderReference')) return false;
        if (q.has('email') && contact?.email !== q.get('email')) return false;
        if (q.has('cellular') && contact?.cellular?.number !== q.get('cellular')) return false;
        if (q.has('status') && ecsterStatus(l, now) !== q.get('status')) return false;
        if (createdFrom && l.createdAt < createdFrom.startMs) return false;
        // "expires until the submission date": on that day or before.
        if (expiredTo && l.validToMs >= expiredTo.endMs) return false;
        // "valid at least to this date": still valid when that day begins.
        if (activeFrom && l.validToMs < activeFrom.startMs) return false;
        return true;
      })
      .slice(offset, offset + limit)
      .map((l) => ({
        key: l.key,
        orderReference: l.body.orderReference,
        created: ecsterDateOf(l.createdAt),
        validTo: ecsterTimestampOf(l.validToMs),
        status: ecsterStatus(l, now),
        cellular: l.body.consumer?.contactInfo?.cellular?.number ?? null,
        email: l.body.consumer?.contactInfo?.email ?? null,
        amount: l.body.cart.amount,
        currency: l.body.cart.currency,
      }));
    sendJson(ctx.res, 200, result);
  }

  function api(ctx: SandboxContext, path: string): void {
    const { req, res } = ctx;
    if (req.headers['x-api-key'] !== options.apiKey || req.headers['x-merchant-key'] !== options.merchantKey) {
      return error(res, 401, ecsterSandboxCodes.unauthorized, 'Unauthorized: invalid API key or merchant key');
    }
    const method = req.method ?? 'GET';
    const key = ctx.url.searchParams.get('key');
    const link = key === null ? null : (links.get(key) ?? null);
    if (path === 'orders' || path.startsWith('orders/')) return orderApi(ctx, path, method);
    if (path === 'paymentlinks' && method === 'POST') return store(ctx, null);
    if (path === 'paymentlinks' && method === 'GET' && key === null) return search(ctx);
    if (path !== 'paymentlinks' && path !== 'paymentlinks/orderReference') return error(res, 404, ecsterSandboxCodes.notFound, 'Not found');
    if (key === null) return error(res, 400, ecsterSandboxCodes.malformed, 'Query parameter key is required');
    if (!link) return error(res, 404, ecsterSandboxCodes.notFound, 'Payment link not found');
    const status = ecsterStatus(link, ctx.now());
    if (path === 'paymentlinks/orderReference' && method === 'PUT') {
      const json = parseJson(ctx.body);
      const ref = json.ok ? (json.value as { orderReference?: unknown } | null)?.orderReference : undefined;
      if (typeof ref !== 'string' || ref.length === 0 || ref.length > 22) {
        return error(res, 400, ecsterSandboxCodes.orderReference, 'orderReference must be 1 to 22 characters');
      }
      if (link.deleted) return error(res, 409, ecsterSandboxCodes.conflict, 'Payment link is deleted');
      link.body = { ...link.body, orderReference: ref };
      return sendJson(res, 200, echo(ctx, link));
    }
    if (path !== 'paymentlinks') return error(res, 405, ecsterSandboxCodes.malformed, 'Method not allowed');
    if (method === 'GET') return sendJson(res, 200, echo(ctx, link));
    if (method === 'PUT') {
      if (status !== 'OPEN') return error(res, 409, ecsterSandboxCodes.conflict, `Payment link is ${status} and cannot be updated`);
      return store(ctx, link);
    }
    if (method === 'DELETE') {
      if (link.paid) return error(res, 409, ecsterSandboxCodes.conflict, 'Payment link is ORDER_CREATED and cannot be deleted');
      link.deleted = true;
      res.writeHead(204).end();
      return;
    }
    return error(res, 405, ecsterSandboxCodes.malformed, 'Method not allowed');
  }

  function pageState(link: StoredLink, now: number, declined: boolean): PageState {
    const status = ecsterStatus(link, now);
    if (status === 'ORDER_CREATED') return 'paid';
    if (status === 'INVALID') return 'invalid';
    return declined ? 'declined' : 'open';
  }

  function page(ctx: SandboxContext, rest: string): void {
    const { req, res } = ctx;
    const [key = '', action] = rest.split('/');
    const link = links.get(key);
    const html = (status: number, body: string) => {
      res.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': pageCsp,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    };
    if (!link) return html(404, renderNotFoundPage());
    if (req.method === 'POST' && (action === 'pay' || action === 'decline')) {
      const open = ecsterStatus(link, ctx.now()) === 'OPEN';
      if (open && action === 'pay') pay(link, methodOf(new URLSearchParams(ctx.body).get('method')), ctx.now());
      if (open && action === 'decline') link.declines++;
      res.writeHead(303, { Location: `${PAGE}${key}${open && action === 'decline' ? '?declined=1' : ''}` }).end();
      return;
    }
    if (req.method !== 'GET' || action !== undefined) return html(404, renderNotFoundPage());
    const cart = link.body.cart;
    html(
      200,
      renderPaymentPage({
        title: 'Pay with Ecster',
        note: `Ecster Pay sandbox — no real money moves. Order ${link.body.orderReference ?? ''}`,
        message: cart.message ?? '',
        rows: cart.rows.map((r) => ({
          name: r.name ?? '',
          detail: [r.description, r.quantity === 1 ? '' : `${r.quantity} ×`].filter(Boolean).join(' '),
          amountMinor: Math.round(r.unitAmount * r.quantity) - r.discountAmount,
        })),
        amountMinor: cart.amount,
        currency: cart.currency,
        state: pageState(link, ctx.now(), ctx.url.searchParams.get('declined') === '1'),
        actionBase: `${PAGE}${key}`,
        methods: { name: 'method', options: ecsterPaymentMethods.map((m) => ({ value: m, label: methodLabels[m] })) },
      }),
    );
  }

  function sentTo(l: StoredLink): string | null {
    if (!l.body.parameters.sendLink) return null;
    const contact = l.body.consumer?.contactInfo;
    if (contact?.email) return contact.email;
    return contact?.cellular ? `${contact.cellular.country ?? ''}${contact.cellular.number ?? ''}` : null;
  }

  function control(ctx: SandboxContext, rest: string): void {
    const { res } = ctx;
    const now = ctx.now();
    const view = (l: StoredLink) => ({
      key: l.key,
      orderReference: l.body.orderReference,
      status: ecsterStatus(l, now),
      deleted: l.deleted,
      declines: l.declines,
      amount: l.body.cart.amount,
      currency: l.body.cart.currency,
      payLinkUrl: payLinkUrl(ctx, l.key),
      validTo: new Date(l.validToMs).toISOString(),
      // Where Ecster would have sent the link (sendLink): e-mail wins over cellular, as documented.
      sentTo: sentTo(l),
    });
    if (rest === 'links' && ctx.req.method === 'GET') return sendJson(res, 200, [...links.values()].map(view));
    if (rest === 'orders' && ctx.req.method === 'GET')
      return sendJson(
        res,
        200,
        orders.list().map((o) => orders.json(o)),
      );
    if (rest === 'next-order' && ctx.req.method === 'POST') {
      const json = parseJson(ctx.body);
      const plan = orderPlanSchema.safeParse(json.ok ? json.value : undefined);
      if (!plan.success) return error(res, 400, ecsterSandboxCodes.malformed, 'Expected {statuses: [...], readsPerStep?, method?}');
      orders.plan(plan.data);
      return sendJson(res, 200, plan.data);
    }
    const moving = /^orders\/([0-9A-F]{16})\/status$/.exec(rest);
    if (moving && ctx.req.method === 'POST') {
      const order = orders.list().find((o) => o.id === moving[1]);
      if (!order) return error(res, 404, ecsterSandboxCodes.notFound, 'Order not found');
      const json = parseJson(ctx.body);
      const status = z.object({ status: z.enum(ecsterOrderStatuses) }).safeParse(json.ok ? json.value : undefined);
      if (!status.success) return error(res, 400, ecsterSandboxCodes.malformed, 'Expected {status: <an order status>}');
      if (!orders.move(order, status.data.status))
        return error(res, 409, ecsterSandboxCodes.conflict, 'The order is settled by a transaction');
      return sendJson(res, 200, orders.json(order));
    }
    if (rest === 'reset' && ctx.req.method === 'POST') {
      links.clear();
      orders.clear();
      return sendJson(res, 200, []);
    }
    const match = /^links\/([0-9A-F]{32})\/(pay|decline|expire)$/.exec(rest);
    const link = match ? links.get(match[1] ?? '') : undefined;
    if (!match || !link || ctx.req.method !== 'POST') return error(res, 404, ecsterSandboxCodes.notFound, 'Not found');
    const open = ecsterStatus(link, now) === 'OPEN';
    if (match[2] === 'expire') {
      if (!link.paid) link.validToMs = now - 1;
      return sendJson(res, 200, view(link));
    }
    if (!open) return error(res, 409, ecsterSandboxCodes.conflict, `Payment link is ${ecsterStatus(link, now)}`);
    if (match[2] === 'pay') pay(link, methodOf(ctx.url.searchParams.get('method')), now);
    else link.declines++;
    sendJson(res, 200, view(link));
  }

  return {
    handler: (ctx) => {
      const path = ctx.url.pathname;
      if (path.startsWith(API)) api(ctx, path.slice(API.length).replace(/\/$/, ''));
      else if (path.startsWith(PAGE)) page(ctx, path.slice(PAGE.length));
      else if (path.startsWith(CONTROL)) control(ctx, path.slice(CONTROL.length));
      else return Promise.resolve(false);
      return Promise.resolve(true);
    },
    state: {
      snapshot: () => ({ links: [...links.values()], orders: orders.list() }),
      restore: (data) => {
        const saved = savedList<StoredLink>(data, 'links', (l) => typeof l.key === 'string' && typeof l.validToMs === 'number');
        orders.restore(savedList<SandboxOrder>(data, 'orders', (o) => typeof o.id === 'string' && Array.isArray(o.path)));
        links.clear();
        for (const link of saved) links.set(link.key, link);
      },
    },
  };
}
