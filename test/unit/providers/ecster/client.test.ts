import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEcsterProvider } from '../../../../electron/services/providers/ecster/client';
import type { EcsterProviderOptions } from '../../../../electron/services/providers/ecster/client';
import { changeOrderReference } from '../../../../electron/services/providers/ecster/operations';
import { mapEcsterError } from '../../../../electron/services/providers/ecster/errors';
import { createHttpClient } from '../../../../electron/services/providers/http';
import type { PaymentLinkProvider } from '../../../../electron/services/providers/provider';
import { startSandbox } from '../../../../electron/services/sandbox/server';
import type { Sandbox } from '../../../../electron/services/sandbox/server';
import type { FaultRule } from '../../../../electron/services/sandbox/faults';
import { caught, sampleRequest } from './support';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';

const SENTINEL = 'SENTINEL-API-KEY-123456';
const MERCHANT = 'SENTINEL-MERCHANT-98765';
const API = '/ecster/rest/public/v1/paymentlinks';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    host: '127.0.0.1',
    routes: sandboxRoutes(providers, { ecster: { apiKey: SENTINEL, merchantKey: MERCHANT }, straumur: { apiKey: 'unused' } }),
  });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.setFaults([]);
  await fetch(`${sandbox.baseUrl}/__sandbox/ecster/reset`, { method: 'POST' });
});

interface Harness {
  provider: ReturnType<typeof createEcsterProvider>;
  sleeps: number[];
  calls: string[];
}

function harness(overrides: Partial<EcsterProviderOptions> = {}): Harness {
  const sleeps: number[] = [];
  const calls: string[] = [];
  const provider = createEcsterProvider({
    baseUrl: sandbox.baseUrls.ecster,
    credentials: { apiKey: SENTINEL, merchantKey: MERCHANT },
    link: { locale: { language: 'da', country: 'SE' }, version: 'test' },
    timeoutMs: 400,
    random: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    fetch: (input, init) => {
      const req = input instanceof Request ? input : new Request(input, init);
      calls.push(`${req.method} ${new URL(req.url).pathname}`);
      return fetch(input, init);
    },
    ...overrides,
  });
  return { provider, sleeps, calls };
}

type ServerLink = { key: string; status: string; amount: number; orderReference: string; declines: number };

async function serverLinks(): Promise<ServerLink[]> {
  return (await (await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links`)).json()) as ServerLink[];
}

const control = (key: string, action: 'pay' | 'decline' | 'expire') =>
  fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${key}/${action}`, { method: 'POST' });

const planNextOrder = (plan: unknown) =>
  fetch(`${sandbox.baseUrl}/__sandbox/ecster/next-order`, { method: 'POST', body: JSON.stringify(plan) });

const expected = (request = sampleRequest()) => ({
  amountMinor: request.totals.totalMinor,
  currency: request.totals.currency,
  orderReference: request.orderReference,
});

describe('Ecster client against the sandbox', () => {
  it('creates a link the customer can open, with a 32-character key and the sandbox page as URL', async () => {
    const { provider } = harness();
    const request = sampleRequest();
    const link = await provider.create(request);
    expect(link.reference).toMatch(/^[0-9A-F]{32}$/);
    expect(link.url).toBe(`${sandbox.baseUrl}/pay/ecster/${link.reference}`);
    // The seed's own form, local time in whole seconds with the offset, for the sale's instant.
    expect(link.validTo).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(link.validTo ?? '')).toBe(Math.floor(request.validTo.getTime() / 1000) * 1000);
    const [stored] = await serverLinks();
    expect(stored).toMatchObject({
      key: link.reference,
      amount: request.totals.totalMinor,
      orderReference: request.orderReference,
      status: 'OPEN',
    });
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
  });

  it('reads open, then paid once the customer pays, with the amount checked against the sale', async () => {
    const { provider } = harness();
    const request = sampleRequest();
    const link = await provider.create(request);
    expect(await provider.status(link, expected(request))).toEqual({
      status: 'open',
      providerStatus: 'OPEN',
      amountMinor: request.totals.totalMinor,
      currency: 'SEK',
      mismatch: null,
      charged: false,
    });
    expect((await control(link.reference, 'pay')).status).toBe(200);
    expect(await provider.status(link, expected(request))).toMatchObject({
      status: 'paid',
      providerStatus: 'ORDER_CREATED/READY',
      mismatch: null,
      charged: true,
      order: { outcome: 'ready', method: 'CARD', needsCapture: true, amountMinor: request.totals.totalMinor, debitedMinor: 0 },
    });
  });

  it('finds the order by reference then reads it by id; once the order id is known, reads only the order', async () => {
    const { provider, calls } = harness();
    const request = sampleRequest();
    const link = await provider.create(request);
    await planNextOrder({ statuses: ['PENDING_SIGNATURE', 'READY'] });
    await control(link.reference, 'pay');
    calls.length = 0;
    const pending = await provider.status(link, expected(request));
    expect(pending).toMatchObject({
      status: 'unknown',
      mismatch: null,
      charged: true,
      order: { outcome: 'pending', providerStatus: 'PENDING_SIGNATURE' },
    });
    expect(calls).toEqual([
      'GET /ecster/rest/public/v1/paymentlinks',
      'GET /ecster/rest/public/v1/orders',
      `GET /ecster/rest/public/v1/orders/${pending.order?.id}`,
    ]);
    calls.length = 0;
    const ready = await provider.status(link, { ...expected(request), orderId: pending.order?.id ?? null });
    expect(ready.order).toMatchObject({ outcome: 'ready', id: pending.order?.id });
    expect(calls).toEqual([`GET /ecster/rest/public/v1/orders/${pending.order?.id}`]);
  });

  it('debits a READY order once; a second debit is invalid-state (4424), never a second transaction', async () => {
    const { provider } = harness();
    const request = sampleRequest();
    const link = await provider.create(request);
    await control(link.reference, 'pay');
    const { order } = await provider.status(link, expected(request));
    if (!order || !provider.capture) throw new Error('expected an order and a capture');
    const debit = { orderId: order.id, amountMinor: order.amountMinor, transactionReference: `${request.orderReference}-D` };
    expect(await provider.capture(debit)).toMatchObject({
      kind: 'captured',
      orderStatus: 'FULLY_DELIVERED',
      amountMinor: order.amountMinor,
    });
    expect(await provider.capture(debit)).toMatchObject({ kind: 'invalid-state' });
    const after = await provider.status(link, { ...expected(request), orderId: order.id });
    expect(after.order).toMatchObject({ outcome: 'delivered', debitedMinor: order.amountMinor });
    expect(after.order?.transactions.filter((t) => t.type === 'DEBIT')).toEqual([
      expect.objectContaining({ reference: debit.transactionReference, amountMinor: order.amountMinor }),
    ]);
  });

  it('never reports paid when the amount or currency differs from the sale', async () => {
    const { provider } = harness();
    const request = sampleRequest();
    const link = await provider.create(request);
    await control(link.reference, 'pay');
    const wrongAmount = await provider.status(link, { ...expected(request), amountMinor: request.totals.totalMinor + 100 });
    expect(wrongAmount.status).toBe('unknown');
    expect(wrongAmount.mismatch).toContain('amount');
    const wrongCurrency = await provider.status(link, { ...expected(request), currency: 'EUR' });
    expect(wrongCurrency.status).toBe('unknown');
    expect(wrongCurrency.mismatch).toContain('currency');
  });

  it('reads a link past its validTo as expired', async () => {
    const { provider } = harness();
    const link = await provider.create(sampleRequest());
    await control(link.reference, 'expire');
    expect((await provider.status(link, expected())).status).toBe('expired');
  });

  it('updates the cart of an open link in place and refuses to update a paid one', async () => {
    const { provider } = harness();
    const link = await provider.create(sampleRequest());
    const smaller = sampleRequest({
      totals: { ...sampleRequest().totals, lines: sampleRequest().totals.lines.slice(0, 1), totalMinor: 19800 },
    });
    const updated = await provider.update(link, smaller);
    expect(updated.reference).toBe(link.reference);
    expect((await serverLinks())[0]?.amount).toBe(19800);
    await control(link.reference, 'pay');
    const error = await caught(provider.update(link, smaller));
    expect(error.kind).toBe('rejected');
    expect(error.detail.status).toBe(409);
  });

  it('changes the order reference of a link', async () => {
    const { provider } = harness();
    const link = await provider.create(sampleRequest());
    const http = createHttpClient({
      baseUrl: sandbox.baseUrls.ecster,
      headers: { 'x-api-key': SENTINEL, 'x-merchant-key': MERCHANT, 'Content-Type': 'application/json' },
      timeoutMs: 1000,
      mapErrorBody: mapEcsterError,
    });
    await changeOrderReference(http, link.reference, 'LP-T001-260101-99');
    expect((await serverLinks())[0]?.orderReference).toBe('LP-T001-260101-99');
    const tooLong = await caught(changeOrderReference(http, link.reference, 'X'.repeat(23)));
    expect(tooLong.kind).toBe('rejected');
  });

  it('cancels an open link (then INVALID) and refuses to cancel a paid one', async () => {
    const { provider } = harness();
    const open = await provider.create(sampleRequest());
    await provider.cancel(open);
    expect((await provider.status(open, expected())).status).toBe('expired');
    const paid = await provider.create(sampleRequest({ orderReference: 'LP-T001-260101-2' }));
    await control(paid.reference, 'pay');
    expect((await caught(provider.cancel(paid))).kind).toBe('rejected');
  });

  it('answers not-found for a link the provider does not know', async () => {
    const { provider } = harness();
    const ghost = { reference: '0'.repeat(32), url: 'https://x.example/', validTo: null };
    expect((await caught(provider.cancel(ghost))).kind).toBe('not-found');
    expect((await caught(provider.status(ghost, expected()))).kind).toBe('not-found');
  });

  it('searches with filters and maps statuses', async () => {
    const { provider } = harness();
    const a = await provider.create(sampleRequest({ orderReference: 'REF-A', sendTo: { kind: 'email', email: 'a@shop.se' } }));
    await provider.create(sampleRequest({ orderReference: 'REF-B' }));
    await control(a.reference, 'pay');
    const paid = await provider.search({ status: 'ORDER_CREATED' });
    expect(paid.map((s) => [s.reference, s.status])).toEqual([[a.reference, 'paid']]);
    expect((await provider.search({ email: 'a@shop.se' })).map((s) => s.orderReference)).toEqual(['REF-A']);
    expect(await provider.search({ limit: 1 })).toHaveLength(1);
    expect(await provider.search({})).toHaveLength(2);
  });

  it('searches by the dates the seed marks (date), sent as YYYY-MM-DD', async () => {
    const urls: string[] = [];
    const { provider } = harness({
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : new Request(input, init).url);
        return fetch(input, init);
      },
    });
    await provider.create(sampleRequest({ orderReference: 'REF-D' }));
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const found = await provider.search({ createdFrom: today, activeFrom: today, expiringBefore: '2999-12-31' });
    expect(found.map((s) => s.orderReference)).toEqual(['REF-D']);
    const query = new URL(urls.at(-1) ?? '').searchParams;
    expect([query.get('createdfrom'), query.get('activefrom'), query.get('expiredTo')]).toEqual([today, today, '2999-12-31']);
  });

  it('finds the link of a sale by order reference, with its URL, or null', async () => {
    const { provider } = harness();
    const link = await provider.create(sampleRequest());
    expect(await provider.findByOrderReference(sampleRequest().orderReference)).toEqual(link);
    expect(await provider.findByOrderReference('NOPE')).toBeNull();
  });

  it('pings with the keys and reports a rejected key as auth', async () => {
    await expect(harness().provider.ping()).resolves.toBeUndefined();
    const wrong = harness({ credentials: { apiKey: SENTINEL, merchantKey: 'someone-else' } });
    const error = await caught(wrong.provider.ping());
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('The payment service rejected the API key or merchant key.');
  });

  it('passes on Ecster validation errors with their code', async () => {
    const { provider } = harness();
    const totals = sampleRequest().totals;
    const badVat = { ...totals, lines: totals.lines.map((l) => ({ ...l, vatRate: 2400 })) };
    const error = await caught(provider.create(sampleRequest({ totals: badVat })));
    expect(error.kind).toBe('rejected');
    expect(error.detail).toEqual({ status: 400, providerCode: 4006 });
    expect(error.message).toContain('vatRate 2400');
    expect(await serverLinks()).toHaveLength(0);
  });
});

describe('Ecster client under faults', () => {
  it('a create whose answer never comes is unknown-outcome, and reconciliation adopts the one stored link', async () => {
    const { provider, calls } = harness();
    sandbox.setFaults([{ kind: 'hang', match: { method: 'POST', path: API }, count: 1 }]);
    const request = sampleRequest();
    const error = await caught(provider.create(request));
    expect(error.kind).toBe('unknown-outcome');
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
    const adopted = await provider.findByOrderReference(request.orderReference);
    const links = await serverLinks();
    expect(links).toHaveLength(1);
    expect(adopted?.reference).toBe(links[0]?.key);
    expect(adopted?.url).toBe(`${sandbox.baseUrl}/pay/ecster/${links[0]?.key}`);
  });

  it('waits out a 429 on a read for the Retry-After, capped at 30 s', async () => {
    const { provider, sleeps } = harness();
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 3, match: { method: 'GET' }, count: 1 }]);
    await provider.search({});
    expect(sleeps).toEqual([3000]);
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 120, match: { method: 'GET' }, count: 1 }]);
    await provider.ping();
    expect(sleeps).toEqual([3000, 30_000]);
  });

  it('turns a truncated create answer into bad-response, leaving no link', async () => {
    const { provider } = harness();
    sandbox.setFaults([{ kind: 'truncate', match: { method: 'POST' }, count: 1 }]);
    const error = await caught(provider.create(sampleRequest()));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe('The payment service sent an answer LinkPOS could not read.');
    expect(await serverLinks()).toHaveLength(0);
  });

  it('retries a 5xx on a read and succeeds', async () => {
    const { provider, calls, sleeps } = harness();
    await provider.create(sampleRequest());
    sandbox.setFaults([{ kind: 'error', status: 502, match: { method: 'GET' }, count: 2 }]);
    expect(await provider.search({})).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('never retries a 5xx on a create', async () => {
    const { provider, calls } = harness();
    sandbox.setFaults([{ kind: 'error', status: 500, match: { method: 'POST' }, count: 1 }]);
    const error = await caught(provider.create(sampleRequest()));
    expect(error.kind).toBe('unknown-outcome');
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
    expect(await serverLinks()).toHaveLength(0);
    expect(await provider.findByOrderReference(sampleRequest().orderReference)).toBeNull();
  });

  it('reports a sandbox that is gone as unavailable with a connection hint', async () => {
    const gone = await startSandbox({
      host: '127.0.0.1',
      routes: sandboxRoutes(providers, { ecster: { apiKey: 'a', merchantKey: 'b' }, straumur: { apiKey: 'c' } }),
    });
    const baseUrl = gone.baseUrls.ecster;
    await gone.close();
    const error = await caught(harness({ baseUrl }).provider.create(sampleRequest()));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('Cannot reach the payment service. Check the internet connection.');
  });
});

describe('the API key and merchant key never leak', () => {
  type Run = (provider: PaymentLinkProvider) => Promise<unknown>;
  const scenarios: Array<[string, FaultRule[], Run, Partial<EcsterProviderOptions>?]> = [
    ['auth', [], (p) => p.ping(), { credentials: { apiKey: SENTINEL, merchantKey: 'wrong-merchant' } }],
    [
      'validation',
      [],
      (p) =>
        p.create(
          sampleRequest({ totals: { ...sampleRequest().totals, lines: sampleRequest().totals.lines.map((l) => ({ ...l, vatRate: 1 })) } }),
        ),
    ],
    ['not found', [], (p) => p.cancel({ reference: 'F'.repeat(32), url: 'https://x.example/', validTo: null })],
    [
      'conflict',
      [],
      async (p) => {
        const link = await p.create(sampleRequest());
        await control(link.reference, 'pay');
        return p.cancel(link);
      },
    ],
    ['rate limited write', [{ kind: 'rate-limit', retryAfterSeconds: 2, match: { method: 'POST' } }], (p) => p.create(sampleRequest())],
    ['rate limited read', [{ kind: 'rate-limit', retryAfterSeconds: 2 }], (p) => p.ping()],
    ['5xx read', [{ kind: 'error', status: 500 }], (p) => p.search({})],
    ['5xx write', [{ kind: 'error', status: 500 }], (p) => p.create(sampleRequest())],
    ['hang write', [{ kind: 'hang' }], (p) => p.create(sampleRequest())],
    ['hang read', [{ kind: 'hang' }], (p) => p.search({})],
    ['truncated', [{ kind: 'truncate' }], (p) => p.create(sampleRequest())],
  ];

  it.each(scenarios)('on %s', async (_name, faults, run, overrides = {}) => {
    sandbox.setFaults(faults);
    const notices: unknown[] = [];
    const { provider } = harness({ timeoutMs: 150, onRetry: (n) => notices.push(n), ...overrides });
    const error = await caught(run(provider));
    const everything = JSON.stringify({
      message: error.message,
      detail: error.detail,
      error,
      stack: error.stack,
      notices,
      text: String(error),
    });
    expect(everything).not.toContain(SENTINEL);
    expect(everything).not.toContain(MERCHANT);
  });
});
