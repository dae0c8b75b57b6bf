import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/services/sandbox/server';
import { providers, sandboxRoutes } from '../../../electron/services/providers/registry';

const KEY = 'sandbox-straumur-key';
const TERMINAL = 'T0000000TEST';
let clock = Date.parse('2026-04-01T12:00:00.000Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => clock,
    routes: sandboxRoutes(providers, { ecster: { apiKey: 'e', merchantKey: 'm' }, straumur: { apiKey: KEY } }),
  });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  clock = Date.parse('2026-04-01T12:00:00.000Z');
});

const api = (path: string, init: RequestInit = {}, key: string | null = KEY) =>
  fetch(`${sandbox.baseUrls.straumur}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(key === null ? {} : { 'X-API-key': key }),
      ...(init.headers as Record<string, string>),
    },
  });
const control = (path: string, body?: unknown) =>
  fetch(`${sandbox.baseUrl}/__sandbox/straumur/${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

function createBody(overrides: Record<string, unknown> = {}) {
  return {
    type: 'PayByLink',
    terminalIdentifier: TERMINAL,
    amount: 150_000,
    currency: 'ISK',
    items: [
      { name: 'Kaffi', quantity: 2, unitPrice: 50_000, amountWithoutDiscount: 100_000, amount: 100_000 },
      { name: 'Kaka <b>', quantity: 1, unitPrice: 60_000, amountWithoutDiscount: 60_000, amount: 50_000 },
    ],
    exactSalesCount: 1,
    expiresAt: '2026-04-01T12:15:00.000Z',
    culture: 'en',
    description: 'LinkPOS sale LP-T001-260401-7',
    ...overrides,
  };
}

interface CreateAnswer {
  paymentLinkReference: string;
  url: string;
  responseDateTime: string;
  responseIdentifier: string;
  errorCode?: number;
}

async function create(overrides: Record<string, unknown> = {}) {
  const res = await api('paymentlinks/create', { method: 'POST', body: JSON.stringify(createBody(overrides)) });
  const body: CreateAnswer = await res.json();
  return { status: res.status, body };
}

async function details(ref: string) {
  const res = await api(`paymentlinks/${ref}`);
  const body = await res.json();
  return body.paymentLink as Record<string, unknown>;
}

describe('Straumur sandbox API', () => {
  it('creates a link with a Straumur-like reference and answers it in full', async () => {
    const { status, body } = await create();
    expect(status).toBe(200);
    expect(body.paymentLinkReference).toMatch(/^[a-z0-9]{11}$/);
    expect(body.url).toBe(`${sandbox.baseUrl}/pay/straumur/${body.paymentLinkReference}`);
    expect(body.responseDateTime).toBe('2026-04-01T12:00:00.000000Z');
    expect(body.responseIdentifier).toMatch(/^[0-9a-f-]{36}$/);
    const link = await details(body.paymentLinkReference);
    expect(link).toMatchObject({
      status: 'Active',
      type: 'PayByLink',
      amount: 150_000,
      currency: 'ISK',
      validUntil: '2026-04-01T12:15:00.000000Z',
      maxSalesCount: 1,
      salesCount: 0,
      visitCount: 0,
      submissions: [],
      description: 'LinkPOS sale LP-T001-260401-7',
    });
  });

  it("accepts the seed's own 8-character terminal identifier as well as 12 characters", async () => {
    for (const terminalIdentifier of ['1adfe4a1', 'T0000000TEST']) {
      const { status, body } = await create({ terminalIdentifier });
      expect(status).toBe(200);
      expect((await details(body.paymentLinkReference)).terminalIdentifier).toBe(terminalIdentifier);
    }
  });

  it('answers 401 with the standard error body when the key is missing or wrong', async () => {
    for (const key of [null, 'wrong-key']) {
      const res = await api('paymentlinks?page=0&pageSize=1', {}, key);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toMatchObject({ errorCode: 401, errorMessage: expect.any(String), responseIdentifier: expect.any(String) });
      expect(JSON.stringify(body)).not.toContain(KEY);
    }
  });

  it.each([
    ['a terminal identifier shorter than 8 characters', { terminalIdentifier: '1adfe4a' }, 2017],
    ['a terminal identifier longer than 12 characters', { terminalIdentifier: 'T0000000TEST1' }, 2017],
    ['a terminal identifier with other than letters and digits', { terminalIdentifier: '1adf-e4a1' }, 2017],
    ['an ISK amount not ending in 00', { amount: 150_050, items: [] }, 2026],
    [
      'an item without a name',
      { amount: 100_000, items: [{ name: '  ', quantity: 2, unitPrice: 50_000, amountWithoutDiscount: 100_000, amount: 100_000 }] },
      2000,
    ],
    [
      'an item with a negative unit price',
      { amount: 100_000, items: [{ name: 'x', quantity: 1, unitPrice: -100, amountWithoutDiscount: 100_000, amount: 100_000 }] },
      2002,
    ],
    [
      'an item with a quantity of 0',
      { amount: 100_000, items: [{ name: 'x', quantity: 0, unitPrice: 100_000, amountWithoutDiscount: 100_000, amount: 100_000 }] },
      2002,
    ],
    [
      'an item name longer than 200 characters',
      {
        amount: 100_000,
        items: [{ name: 'x'.repeat(201), quantity: 1, unitPrice: 100_000, amountWithoutDiscount: 100_000, amount: 100_000 }],
      },
      2009,
    ],
    ['a description longer than 500 characters', { description: 'x'.repeat(501) }, 2009],
    ['a culture it does not know', { culture: 'de' }, 2008],
    [
      'an ISK item amount not ending in 00',
      {
        items: [
          { name: 'x', quantity: 1, unitPrice: 150_000, amountWithoutDiscount: 150_000, amount: 149_950 },
          { name: 'y', quantity: 1, unitPrice: 100, amountWithoutDiscount: 100, amount: 50 },
        ],
      },
      2026,
    ],
    [
      'an item dearer than its undiscounted amount',
      { items: [{ name: 'x', quantity: 1, unitPrice: 100_000, amountWithoutDiscount: 100_000, amount: 150_000 }] },
      2025,
    ],
    ['a zero amount', { amount: 0, items: [] }, 2002],
    ['an amount below the currency minimum', { amount: 100, items: [] }, 2022],
    ['an expiry in the past', { expiresAt: '2026-04-01T11:59:59.000Z' }, 2005],
    ['items that do not add up to the amount', { amount: 160_000 }, 2007],
    ['a currency without a contract', { currency: 'USD', amount: 1500, items: [] }, 2011],
    ['an unknown field', { reference: 'x' }, 1006],
    ['a field of the wrong type', { amount: '150000' }, 1005],
    ['an expiry in another format', { expiresAt: '2026-04-01T12:15:00Z' }, 1005],
    [
      'more than 200 items',
      {
        amount: 20_100,
        items: Array.from({ length: 201 }, () => ({ name: 'x', quantity: 1, unitPrice: 100, amountWithoutDiscount: 100, amount: 100 })),
      },
      2009,
    ],
  ])('refuses %s', async (_what, overrides, code) => {
    const { status, body } = await create(overrides);
    expect(status).toBe(400);
    expect(body.errorCode).toBe(code);
    expect(body.responseIdentifier).toEqual(expect.any(String));
    expect(body.responseDateTime).toEqual(expect.any(String));
  });

  it('answers 1000 to a body that is not JSON', async () => {
    const res = await api('paymentlinks/create', { method: 'POST', body: '{"type":"PayByLink",' });
    expect(res.status).toBe(400);
    expect((await res.json()).errorCode).toBe(1000);
  });

  it('lists newest first with paging and totalCount', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push((await create({ description: `page test ${i}` })).body.paymentLinkReference);
    const first = await (await api('paymentlinks?page=0&pageSize=2')).json();
    expect(first.totalCount).toBeGreaterThanOrEqual(3);
    expect(first.paymentLinks.map((l: { paymentLinkReference: string }) => l.paymentLinkReference)).toEqual([refs[2], refs[1]]);
    expect(Object.keys(first.paymentLinks[0]).sort()).toEqual([
      'amount',
      'createdAt',
      'currency',
      'description',
      'paymentLinkReference',
      'type',
    ]);
    const second = await (await api('paymentlinks?page=1&pageSize=2')).json();
    expect(second.paymentLinks[0].paymentLinkReference).toBe(refs[0]);
    expect((await api('paymentlinks?page=0&pageSize=101')).status).toBe(400);
  });

  it('disables a link, keeping its sales, and answers 2014 for an unknown one', async () => {
    const { body } = await create();
    const ref = body.paymentLinkReference;
    await control(`links/${ref}/pay`);
    const res = await api('paymentlinks/disable', { method: 'POST', body: JSON.stringify({ paymentLinkReference: ref }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ responseIdentifier: expect.any(String) });
    expect(await details(ref)).toMatchObject({ status: 'Disabled', salesCount: 1 });
    const missing = await api('paymentlinks/disable', { method: 'POST', body: JSON.stringify({ paymentLinkReference: 'nosuchlink1' }) });
    expect(missing.status).toBe(404);
    expect((await missing.json()).errorCode).toBe(2014);
    const get = await api('paymentlinks/nosuchlink1');
    expect(get.status).toBe(404);
    expect((await get.json()).errorCode).toBe(2014);
  });

  it('expires an unpaid link once validUntil has passed', async () => {
    const { body } = await create();
    clock = Date.parse('2026-04-01T12:15:00.001Z');
    expect((await details(body.paymentLinkReference)).status).toBe('Expired');
  });
});

describe('Straumur customer page', () => {
  const page = (ref: string, action = '') => fetch(`${sandbox.baseUrl}/pay/straumur/${ref}${action}`, action ? { method: 'POST' } : {});

  it('serves a self-contained phone page and counts the visit', async () => {
    const { body } = await create();
    const res = await page(body.paymentLinkReference);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('LinkPOS sale LP-T001-260401-7');
    expect(html).toContain('Kaka &lt;b&gt;'); // escaped, as every sandbox page escapes
    expect(html).toContain('1 500 kr.');
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(html).toMatch(/<button class="pay"/);
    expect((await details(body.paymentLinkReference)).visitCount).toBe(1);
  });

  it('pays once: a completed submission, salesCount 1, and the link closes as Used', async () => {
    const { body } = await create();
    const ref = body.paymentLinkReference;
    const res = await page(ref, '/pay');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Payment received');
    expect(await details(ref)).toMatchObject({
      status: 'Used',
      salesCount: 1,
      submissions: [{ completed: true, amount: 150_000, currency: 'ISK', token: null }],
    });
    const again = await page(ref, '/pay');
    expect(again.status).toBe(409);
    expect((await details(ref)).salesCount).toBe(1);
  });

  it('records a decline as a non-completed submission and keeps the link open', async () => {
    const { body } = await create();
    const ref = body.paymentLinkReference;
    expect(await (await page(ref, '/decline')).text()).toContain('Payment declined');
    expect(await details(ref)).toMatchObject({ status: 'Active', salesCount: 0, submissions: [{ completed: false }] });
  });

  it('keeps an unlimited link Active after a sale, as in the documentation example', async () => {
    const { body } = await create({ exactSalesCount: undefined });
    await page(body.paymentLinkReference, '/pay');
    expect(await details(body.paymentLinkReference)).toMatchObject({ status: 'Active', salesCount: 1, maxSalesCount: null });
  });

  it('refuses to pay a disabled or expired link', async () => {
    const a = (await create()).body.paymentLinkReference;
    await api('paymentlinks/disable', { method: 'POST', body: JSON.stringify({ paymentLinkReference: a }) });
    expect((await page(a, '/pay')).status).toBe(409);
    const b = (await create()).body.paymentLinkReference;
    await control(`links/${b}/expire`);
    expect((await page(b, '/pay')).status).toBe(409);
    expect((await details(b)).salesCount).toBe(0);
  });

  it('speaks Icelandic when the link culture is is', async () => {
    const { body } = await create({ culture: 'is' });
    const html = await (await page(body.paymentLinkReference)).text();
    expect(html).toContain('lang="is"');
    expect(html).toContain('Greiða');
  });

  it('answers 404 for an unknown link', async () => {
    expect((await page('nosuchlink1')).status).toBe(404);
  });
});

describe('Straumur sandbox controls', () => {
  it('pays a chosen amount, opens and lists links for tests', async () => {
    const { body } = await create();
    const ref = body.paymentLinkReference;
    expect((await control(`links/${ref}/open`)).status).toBe(200);
    const paid = await (await control(`links/${ref}/pay`, { amount: 100 })).json();
    expect(paid).toMatchObject({ visitCount: 1, salesCount: 1, submissions: [{ completed: true, amount: 100 }] });
    const all = (await (await fetch(`${sandbox.baseUrl}/__sandbox/straumur/links`)).json()) as Array<{ paymentLinkReference: string }>;
    expect(all.some((l) => l.paymentLinkReference === ref)).toBe(true);
    expect((await control('links/nosuchlink1/pay')).status).toBe(404);
  });
});
