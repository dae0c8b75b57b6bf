import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import type { Currency } from '../../../../shared/domain/money';
import type { CartLine } from '../../../../shared/domain/schemas';
import { ProviderError, type LinkRequest, type PaymentLinkProvider } from '../../../../electron/services/providers/provider';
import {
  createStraumurProvider,
  resolveStraumurBaseUrl,
  STRAUMUR_PRODUCTION_URL,
  STRAUMUR_STAGING_URL,
  type StraumurProviderOptions,
} from '../../../../electron/services/providers/straumur/client';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import type { SandboxContext } from '../../../../electron/services/sandbox/types';
import { createStraumurRoutes } from '../../../../electron/services/sandbox/straumur';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';

const KEY = 'test-straumur-key-0123456789';
const TERMINAL = 'T0000000TEST';
const START = Date.parse('2026-04-01T12:00:00.000Z');
let clock = START;
let sandboxClock = START;
let sandbox: Sandbox;
let sleeps: number[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => sandboxClock,
    routes: sandboxRoutes(providers, { ecster: { apiKey: 'e', merchantKey: 'm' }, straumur: { apiKey: KEY } }),
  });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  clock = START;
  sandboxClock = START;
  sleeps = [];
  sandbox.setFaults([]);
  await fetch(`${sandbox.baseUrl}/__sandbox/straumur/reset`, { method: 'POST' });
});
afterEach(() => sandbox.setFaults([]));

function provider(overrides: Partial<StraumurProviderOptions> = {}): PaymentLinkProvider {
  return createStraumurProvider({
    apiKey: KEY,
    environment: 'test',
    baseUrl: sandbox.baseUrls.straumur,
    linkConfig: { terminalIdentifier: TERMINAL, uiLanguage: 'is', themeKey: 'theme-1' },
    timeoutMs: 300,
    now: () => clock,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...overrides,
  });
}

function line(id: string, unitPriceMinor: number, quantityMilli = 1000): CartLine {
  return {
    id,
    barcode: '',
    name: `Item ${id}`,
    unitPriceMinor,
    vatRate: 2400,
    quantityMilli,
    weighed: false,
    unit: 'st',
    partNumber: '',
    discount: null,
    custom: false,
  };
}

function sale(
  orderReference = 'LP-T001-260401-42',
  currency: Currency = 'ISK',
  lines = [line('a', 50_000, 2000), line('b', 30_000)],
): LinkRequest {
  return { orderReference, totals: priceCart({ currency, lines, discount: null }), validTo: new Date(START + 15 * 60_000) };
}

const expectedOf = (request: LinkRequest) => ({
  amountMinor: request.totals.totalMinor,
  currency: request.totals.currency,
  orderReference: request.orderReference,
});

async function sandboxLinks(): Promise<Array<Record<string, unknown>>> {
  return (await (await fetch(`${sandbox.baseUrl}/__sandbox/straumur/links`)).json()) as Array<Record<string, unknown>>;
}
const control = (ref: string, action: string, body?: unknown) =>
  fetch(`${sandbox.baseUrl}/__sandbox/straumur/links/${ref}/${action}`, {
    method: 'POST',
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('base URL', () => {
  it('uses staging for test and staging, production for live and production, and obeys the override', () => {
    expect(resolveStraumurBaseUrl('test')).toBe(STRAUMUR_STAGING_URL);
    expect(resolveStraumurBaseUrl('staging')).toBe(STRAUMUR_STAGING_URL);
    expect(resolveStraumurBaseUrl('live')).toBe(STRAUMUR_PRODUCTION_URL);
    expect(resolveStraumurBaseUrl('production')).toBe('https://greidslugatt.straumur.is/api/v1/');
    expect(resolveStraumurBaseUrl('production', { LINKPOS_STRAUMUR_BASE_URL: 'http://127.0.0.1:9/straumur/api/v1' })).toBe(
      'http://127.0.0.1:9/straumur/api/v1/',
    );
  });

  it('reaches the sandbox through LINKPOS_STRAUMUR_BASE_URL', async () => {
    const p = provider({ baseUrl: undefined, env: { LINKPOS_STRAUMUR_BASE_URL: sandbox.baseUrls.straumur } });
    await expect(p.ping()).resolves.toBeUndefined();
  });
});

describe('Straumur client against the sandbox', () => {
  it('creates a link the sandbox stores exactly as the sale describes it', async () => {
    const request = sale();
    const link = await provider().create(request);
    expect(link.reference).toMatch(/^[a-z0-9]{11}$/);
    expect(link.url).toBe(`${sandbox.baseUrl}/pay/straumur/${link.reference}`);
    expect(link.validTo).toBe('2026-04-01T12:15:00.000Z');
    const [stored] = await sandboxLinks();
    expect(stored).toMatchObject({
      type: 'PayByLink',
      terminalIdentifier: TERMINAL,
      amount: 130_000,
      currency: 'ISK',
      culture: 'is',
      themeKey: 'theme-1',
      description: 'LinkPOS sale LP-T001-260401-42',
      maxSalesCount: 1,
      validUntil: '2026-04-01T12:15:00.000000Z',
      items: [
        { name: 'Item a', quantity: 2, unitPrice: 50_000, amountWithoutDiscount: 100_000, amount: 100_000 },
        { name: 'Item b', quantity: 1, unitPrice: 30_000, amountWithoutDiscount: 30_000, amount: 30_000 },
      ],
    });
  });

  it('follows a link from open to opened to paid', async () => {
    const request = sale();
    const p = provider();
    const link = await p.create(request);
    expect((await p.status(link, expectedOf(request))).status).toBe('open');
    await control(link.reference, 'open');
    expect((await p.status(link, expectedOf(request))).status).toBe('opened');
    await control(link.reference, 'decline');
    expect((await p.status(link, expectedOf(request))).status).toBe('opened');
    await control(link.reference, 'pay');
    expect(await p.status(link, expectedOf(request))).toEqual({
      status: 'paid',
      providerStatus: 'Used',
      amountMinor: 130_000,
      currency: 'ISK',
      mismatch: null,
      charged: true,
    });
  });

  it('reports a payment of another amount as a mismatch, not paid', async () => {
    const request = sale();
    const p = provider();
    const link = await p.create(request);
    await control(link.reference, 'pay', { amount: 100 });
    const report = await p.status(link, expectedOf(request));
    expect(report.status).not.toBe('paid');
    expect(report.mismatch).not.toBeNull();
  });

  it('cancels by disabling, and reports an expired link as expired', async () => {
    const p = provider();
    const request = sale();
    const a = await p.create(request);
    await p.cancel(a);
    expect((await p.status(a, expectedOf(request))).status).toBe('cancelled');
    const b = await p.create(sale('LP-T001-260401-43'));
    sandboxClock = START + 16 * 60_000;
    expect((await p.status(b, expectedOf(request))).status).toBe('expired');
  });

  it('cannot update a link and says so before any call', async () => {
    const p = provider();
    const link = await p.create(sale());
    const error = await failure(p.update(link, sale()));
    expect(error.kind).toBe('rejected');
    expect(p.capabilities).toEqual({
      canUpdate: false,
      canSendLink: false,
      reportsOpened: true,
      searchFilters: false,
      capture: false,
      refund: false,
    });
  });

  it('searches one page, reading the order reference back from the description', async () => {
    const p = provider();
    for (let n = 1; n <= 5; n++) await p.create(sale(`LP-T001-260401-${n}`));
    const first = await p.search({ limit: 2 });
    expect(first.map((s) => s.orderReference)).toEqual(['LP-T001-260401-5', 'LP-T001-260401-4']);
    expect(first[0]).toMatchObject({
      amountMinor: 130_000,
      currency: 'ISK',
      status: 'unknown',
      description: 'LinkPOS sale LP-T001-260401-5',
    });
    const third = await p.search({ limit: 2, offset: 4 });
    expect(third.map((s) => s.orderReference)).toEqual(['LP-T001-260401-1']);
    expect((await p.search({ orderReference: 'LP-T001-260401-3' })).map((s) => s.orderReference)).toEqual(['LP-T001-260401-3']);
  });

  it('pings with an authenticated one-item list, and a bad key fails as auth without echoing it', async () => {
    await expect(provider().ping()).resolves.toBeUndefined();
    const error = await failure(provider({ apiKey: 'a-wrong-key-9876' }).ping());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/API key/);
    expect(error.message).not.toContain('a-wrong-key-9876');
  });

  it('reports an unknown link as not-found', async () => {
    const p = provider();
    const gone = { reference: 'nosuchlink1', url: 'https://example.com/x', validTo: null };
    expect((await failure(p.status(gone, { amountMinor: 1, currency: 'ISK', orderReference: 'x' }))).kind).toBe('not-found');
    expect((await failure(p.cancel(gone))).kind).toBe('not-found');
  });

  it("maps Straumur's refusal of an expiry its clock thinks is past (2005)", async () => {
    sandboxClock = START + 60 * 60_000;
    const error = await failure(provider().create(sale()));
    expect(error).toMatchObject({ kind: 'rejected', detail: { status: 400, providerCode: 2005 } });
    expect(error.message).toMatch(/expire/);
  });

  it('refuses an ISK cart that is not whole krónur without calling Straumur', async () => {
    const request = sale();
    const bad = {
      ...request,
      totals: {
        ...request.totals,
        totalMinor: 130_050,
        lines: [{ ...request.totals.lines[0]!, totalMinor: 100_050, grossBeforeDiscountMinor: 100_050 }, request.totals.lines[1]!],
      },
    };
    const error = await failure(provider().create(bad));
    expect(error.message).toMatch(/whole krónur/);
    expect(await sandboxLinks()).toHaveLength(0);
  });

  it('refuses a 201-line cart without calling Straumur', async () => {
    const lines = Array.from({ length: 201 }, (_, i) => line(`l${i}`, 1000));
    const error = await failure(provider().create(sale('LP-T001-260401-9', 'SEK', lines)));
    expect(error.message).toMatch(/200/);
    expect(await sandboxLinks()).toHaveLength(0);
  });
});

describe('Straumur client under faults', () => {
  const createPath = '/straumur/api/v1/paymentlinks/create';

  it('reconciles a timed-out create by its description: exactly one link exists', async () => {
    const request = sale('LP-T001-260401-77');
    const p = provider();
    sandbox.setFaults([{ kind: 'hang', match: { method: 'POST', path: createPath }, count: 1 }]);
    const error = await failure(p.create(request));
    expect(error.kind).toBe('unknown-outcome');
    const found = await p.findByOrderReference(request.orderReference);
    const links = await sandboxLinks();
    expect(links).toHaveLength(1);
    expect(found).toEqual({ reference: links[0]!.paymentLinkReference, url: links[0]!.url, validTo: '2026-04-01T12:15:00.000000Z' });
  });

  it('finds a link on a later list page, and nothing for a reference that only shares a prefix', async () => {
    const p = provider();
    await p.create(sale('LP-T001-260401-4'));
    for (let n = 100; n < 200; n++) await p.create(sale(`LP-T001-260401-${n}`, 'SEK', [line('x', 1000)]));
    const found = await p.findByOrderReference('LP-T001-260401-4');
    expect(found?.reference).toBe((await sandboxLinks())[0]!.paymentLinkReference);
    expect(await p.findByOrderReference('LP-T001-260401-41')).toBeNull();
  });

  it('never retries a create: a 429 fails at once and leaves no link', async () => {
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 2, match: { method: 'POST', path: createPath }, count: 1 }]);
    const error = await failure(provider().create(sale()));
    expect(error.kind).toBe('rate-limited');
    expect(sleeps).toEqual([]);
    expect(await sandboxLinks()).toHaveLength(0);
  });

  it('waits out a 429 on a status read for the Retry-After time', async () => {
    const request = sale();
    const p = provider();
    const link = await p.create(request);
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 2, match: { method: 'GET' }, count: 1 }]);
    expect((await p.status(link, expectedOf(request))).status).toBe('open');
    expect(sleeps).toEqual([2000]);
  });

  it('reports a truncated status answer as bad-response', async () => {
    const request = sale();
    const p = provider();
    const link = await p.create(request);
    sandbox.setFaults([{ kind: 'truncate', match: { method: 'GET' } }]);
    expect((await failure(p.status(link, expectedOf(request)))).kind).toBe('bad-response');
  });

  it('treats a truncated 2xx create answer as an unknown outcome, to be reconciled', async () => {
    sandbox.setFaults([{ kind: 'truncate', match: { method: 'POST', path: createPath }, count: 1 }]);
    expect((await failure(provider().create(sale()))).kind).toBe('unknown-outcome');
  });

  it('treats a 500 on create as an unknown outcome and a 503 as unavailable', async () => {
    sandbox.setFaults([{ kind: 'error', status: 500, match: { method: 'POST', path: createPath }, count: 1 }]);
    expect((await failure(provider().create(sale()))).kind).toBe('unknown-outcome');
    sandbox.setFaults([{ kind: 'error', status: 503, match: { method: 'POST', path: createPath }, count: 1 }]);
    expect((await failure(provider().create(sale()))).kind).toBe('unavailable');
  });
});

describe('Straumur client with other servers', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/straumur/${name}`, import.meta.url), 'utf8');
  const answer =
    (text: string): typeof fetch =>
    () =>
      Promise.resolve(new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } }));
  const docsLink = { reference: '30001aylo2a', url: 'https://pay.example.com/link/30001aylo2a', validTo: null };
  const docsSale = { amountMinor: 20_000, currency: 'ISK' as const, orderReference: 'LP-T001-260401-1' };

  it('reads the documentation example as paid when it arrives as valid JSON', async () => {
    const p = provider({ baseUrl: 'https://straumur.invalid/api/v1/', fetch: answer(fixture('get-pay-by-link.json')) });
    expect((await p.status(docsLink, docsSale)).status).toBe('paid');
  });

  it('does not tolerate the documentation’s trailing commas from a live server', async () => {
    // Decided: a real JSON API does not send trailing commas; accepting malformed JSON would hide a broken answer.
    const p = provider({ baseUrl: 'https://straumur.invalid/api/v1/', fetch: answer(fixture('get-pay-by-link.txt')) });
    expect((await failure(p.status(docsLink, docsSale))).kind).toBe('bad-response');
  });

  it('refuses a link URL that is not https unless it is the loopback sandbox', async () => {
    const body = JSON.stringify({ paymentLinkReference: '30001aylo2a', url: 'http://pay.example.com/link/30001aylo2a' });
    const p = provider({ baseUrl: 'https://straumur.invalid/api/v1/', fetch: answer(body) });
    expect((await failure(p.create(sale()))).kind).toBe('unknown-outcome');
  });

  it('sends the key as X-API-key on every call and accepts a wrapped list under items', async () => {
    const seen: Array<{ url: string; key: string | null }> = [];
    const fake: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, key: request.headers.get('X-API-key') });
      return Promise.resolve(new Response(JSON.stringify({ items: [], totalCount: 0 }), { status: 200 }));
    };
    const p = provider({ baseUrl: 'https://straumur.invalid/api/v1/', fetch: fake });
    await p.ping();
    expect(await p.findByOrderReference('LP-T001-260401-1')).toBeNull();
    expect(seen).toEqual([
      { url: 'https://straumur.invalid/api/v1/paymentlinks?page=0&pageSize=1', key: KEY },
      { url: 'https://straumur.invalid/api/v1/paymentlinks?page=0&pageSize=100', key: KEY },
    ]);
  });

  it.each([
    ['an empty 200', 200, ''],
    ['a 204', 204, null],
    ['the response envelope', 200, JSON.stringify({ responseDateTime: '2025-01-04T09:50:14.343503Z', responseIdentifier: 'e3605f81' })],
  ])('takes %s to disable as success', async (_what, status, text) => {
    const calls: Array<{ method: string; url: string; body: string }> = [];
    const fake: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      calls.push({ method: request.method, url: request.url, body: await request.text() });
      return new Response(text, { status });
    };
    const p = provider({ baseUrl: 'https://straumur.invalid/api/v1/', fetch: fake });
    await expect(p.cancel(docsLink)).resolves.toBeUndefined();
    expect(calls).toEqual([
      { method: 'POST', url: 'https://straumur.invalid/api/v1/paymentlinks/disable', body: '{"paymentLinkReference":"30001aylo2a"}' },
    ]);
  });

  it('still reads an unreadable 200 to disable as bad-response', async () => {
    const p = provider({ baseUrl: 'https://straumur.invalid/api/v1/', fetch: answer('<html>') });
    expect((await failure(p.cancel(docsLink))).kind).toBe('bad-response');
  });

  it("turns a terminal Straumur does not know (2016) into the clerk's sentence", async () => {
    // The shared sandbox accepts any well-formed terminal; this one plays a merchant with one terminal.
    const routes = createStraumurRoutes({ apiKey: KEY, terminalIdentifier: 'OTHERTERM012' }).handler;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const ctx: SandboxContext = { req, res, url: new URL(req.url ?? '/', baseUrl), body, now: () => START, baseUrl };
        void routes(ctx);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/straumur/api/v1/`;
      const error = await failure(provider({ baseUrl }).create(sale()));
      expect(error).toMatchObject({ kind: 'rejected', detail: { providerCode: 2016 } });
      expect(error.message).toMatch(/terminal identifier/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
