import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/services/sandbox/server';
import type { Sandbox } from '../../../electron/services/sandbox/server';
import { ecsterSandboxCodes } from '../../../electron/services/sandbox/ecster';
import { providers, sandboxRoutes } from '../../../electron/services/providers/registry';

const KEYS = { 'x-api-key': 'k-api', 'x-merchant-key': 'k-merchant', 'Content-Type': 'application/json' };
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/ecster/create-request.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

let sandbox: Sandbox;
let clock = Date.parse('2026-03-01T10:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox({
    host: '127.0.0.1',
    now: () => clock,
    routes: sandboxRoutes(providers, { ecster: { apiKey: 'k-api', merchantKey: 'k-merchant' }, straumur: { apiKey: 'x' } }),
  });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  clock = Date.parse('2026-03-01T10:00:00Z');
  sandbox.setFaults([]);
  await fetch(`${sandbox.baseUrl}/__sandbox/ecster/reset`, { method: 'POST' });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body each test breaks freely, one rule at a time
type Json = any;

/** A valid in-person body, built fresh so each test can break one thing. */
function body(): Json {
  return {
    locale: { language: 'sv', country: 'SE' },
    parameters: { sendLink: false, inPerson: true, validTo: '2026-03-01T10:15:00Z' },
    cart: {
      amount: 3 * 9900 - 500 + 4482,
      currency: 'SEK',
      rows: [
        { name: 'Socks', quantity: 3, unitAmount: 9900, vatRate: 2500, discountAmount: 500 },
        { name: 'Cheese', description: '0.345 kg', quantity: 1, unitAmount: 4482, vatRate: 1200, discountAmount: 0 },
      ],
    },
    orderReference: 'LP-T001-260301-7',
    tags: ['source:LinkPOS'],
  };
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.baseUrls.ecster}${path}`, { ...init, headers: { ...KEYS, ...(init.headers as Record<string, string>) } });
const create = (b: unknown) => api('paymentlinks', { method: 'POST', body: JSON.stringify(b) });

async function createKey(b: unknown = body()): Promise<string> {
  const res = await create(b);
  expect(res.status).toBe(200);
  return ((await res.json()) as { paymentLink: { key: string } }).paymentLink.key;
}

async function statusOf(key: string): Promise<string> {
  const links = (await (await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links`)).json()) as Array<{ key: string; status: string }>;
  return links.find((l) => l.key === key)?.status ?? 'missing';
}

describe('Ecster sandbox API', () => {
  it('accepts the documented example and echoes it with key, payLinkUrl and APIv1 prepended to the tags', async () => {
    const res = await create(fixture);
    expect(res.status).toBe(200);
    const { paymentLink } = (await res.json()) as { paymentLink: Record<string, unknown> };
    expect(paymentLink.key).toMatch(/^[0-9A-F]{32}$/);
    expect(paymentLink.payLinkUrl).toBe(`${sandbox.baseUrl}/pay/ecster/${String(paymentLink.key)}`);
    expect(paymentLink.tags).toEqual(['APIv1', 'testTagType1:testTagMsg1', 'testTagType2:testTagMsg2']);
    expect(paymentLink.cart).toEqual(fixture.cart);
    expect(paymentLink.notificationUrl).toBe(fixture.notificationUrl);
  });

  const invalid: Array<[string, (b: Json) => void, number]> = [
    [
      'no rows',
      (b) => {
        b.cart.rows = [];
        b.cart.amount = 0;
      },
      ecsterSandboxCodes.noRows,
    ],
    [
      'an amount that is not the row sum',
      (b) => {
        b.cart.amount += 1;
      },
      ecsterSandboxCodes.amountMismatch,
    ],
    [
      'a missing order reference',
      (b) => {
        delete b.orderReference;
      },
      ecsterSandboxCodes.orderReference,
    ],
    [
      'an order reference of 23 characters',
      (b) => {
        b.orderReference = 'X'.repeat(23);
      },
      ecsterSandboxCodes.orderReference,
    ],
    [
      'no shop terms when not in person',
      (b) => {
        b.parameters.inPerson = false;
      },
      ecsterSandboxCodes.shopTermsRequired,
    ],
    [
      'sendLink without e-mail or phone',
      (b) => {
        b.parameters.sendLink = true;
      },
      ecsterSandboxCodes.contactRequired,
    ],
    [
      'a VAT rate outside 0/6/12/25 %',
      (b) => {
        b.cart.rows[0].vatRate = 2400;
      },
      ecsterSandboxCodes.vatRate,
    ],
    [
      'a row without quantity',
      (b) => {
        delete b.cart.rows[0].quantity;
      },
      ecsterSandboxCodes.malformed,
    ],
    [
      'an unreadable validTo',
      (b) => {
        b.parameters.validTo = 'tomorrow';
      },
      ecsterSandboxCodes.validTo,
    ],
    [
      'a validTo without an offset',
      (b) => {
        b.parameters.validTo = '2026-03-01T10:15:00';
      },
      ecsterSandboxCodes.validTo,
    ],
    [
      'a missing locale',
      (b) => {
        delete b.locale;
      },
      ecsterSandboxCodes.malformed,
    ],
    [
      'a missing sendLink',
      (b) => {
        delete b.parameters.sendLink;
      },
      ecsterSandboxCodes.malformed,
    ],
    [
      'a missing inPerson',
      (b) => {
        delete b.parameters.inPerson;
      },
      ecsterSandboxCodes.malformed,
    ],
    [
      'a row with no name',
      (b) => {
        delete b.cart.rows[0].name;
      },
      ecsterSandboxCodes.malformed,
    ],
    [
      'a row with an empty name',
      (b) => {
        b.cart.rows[0].name = ' ';
      },
      ecsterSandboxCodes.row,
    ],
    [
      'a negative unitAmount',
      (b) => {
        b.cart.rows[1].unitAmount = -4482;
        b.cart.amount -= 2 * 4482;
      },
      ecsterSandboxCodes.row,
    ],
    [
      'a discount larger than its row',
      (b) => {
        b.cart.rows[1].discountAmount = 4483;
        b.cart.amount -= 4483;
      },
      ecsterSandboxCodes.row,
    ],
    [
      'a currency it does not know',
      (b) => {
        b.cart.currency = 'XYZ';
      },
      ecsterSandboxCodes.currency,
    ],
    [
      'a currency the merchant does not sell in',
      (b) => {
        b.cart.currency = 'USD';
      },
      ecsterSandboxCodes.currency,
    ],
    [
      'a language that is not ISO 639-1',
      (b) => {
        b.locale.language = 'xx';
      },
      ecsterSandboxCodes.locale,
    ],
    [
      'a country that is not ISO 3166-1 alpha-2',
      (b) => {
        b.locale.country = 'ZZ';
      },
      ecsterSandboxCodes.locale,
    ],
    [
      'a country in lower case',
      (b) => {
        b.locale.country = 'se';
      },
      ecsterSandboxCodes.locale,
    ],
    [
      'a row name longer than 200 characters',
      (b) => {
        b.cart.rows[0].name = 'S'.repeat(201);
      },
      ecsterSandboxCodes.tooLong,
    ],
    [
      'a part number longer than 32 characters',
      (b) => {
        b.cart.rows[0].partNumber = 'P'.repeat(33);
      },
      ecsterSandboxCodes.tooLong,
    ],
    [
      'platform without its reference',
      (b) => {
        b.platform = { info: 'LinkPOS 1.0.0' };
      },
      ecsterSandboxCodes.platform,
    ],
    [
      'a delivery method without a name',
      (b) => {
        b.deliveryMethods = [{ id: 'pickup', price: 0 }];
      },
      ecsterSandboxCodes.malformed,
    ],
  ];
  it.each(invalid)('refuses %s with 400 {code, message}', async (_name, breakIt, code) => {
    const b = body();
    breakIt(b);
    const res = await create(b);
    expect(res.status).toBe(400);
    const error = (await res.json()) as { code: number; message: string };
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    expect(await (await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links`)).json()).toEqual([]);
  });

  it('accepts a language Ecster falls back from, names of 200 characters and platform with its reference', async () => {
    const b = body();
    b.locale = { language: 'de', country: 'DE' };
    b.cart.rows[0].name = 'S'.repeat(200);
    b.cart.rows[0].partNumber = 'P'.repeat(32);
    b.platform = { reference: '2cc5c43d-fb92-472f-828a-1a5ad703d512', info: 'LinkPOS 1.0.0' };
    b.cart.currency = 'EUR';
    expect((await create(b)).status).toBe(200);
  });

  it('accepts what those rules allow: 22 characters, shop terms when not in person, a phone with sendLink', async () => {
    const b = body();
    b.orderReference = 'X'.repeat(22);
    b.parameters.inPerson = false;
    b.parameters.shopTermsUrl = 'https://shop.example/terms';
    b.parameters.sendLink = true;
    b.consumer = { contactInfo: { cellular: { country: '+46', number: '701234567' } } };
    expect((await create(b)).status).toBe(200);
  });

  it('refuses malformed JSON', async () => {
    const res = await api('paymentlinks', { method: 'POST', body: '{"cart":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }).code).toBe(ecsterSandboxCodes.malformed);
  });

  it('answers 401 for a wrong API key or merchant key, on every endpoint', async () => {
    for (const headers of [{ 'x-api-key': 'nope' }, { 'x-merchant-key': 'nope' }] as Array<Record<string, string>>) {
      for (const [method, path] of [
        ['POST', 'paymentlinks'],
        ['GET', 'paymentlinks'],
        ['DELETE', 'paymentlinks?key=A'],
      ] as const) {
        const res = await api(path, { method, headers, ...(method === 'POST' ? { body: JSON.stringify(body()) } : {}) });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { code: number }).code).toBe(ecsterSandboxCodes.unauthorized);
      }
    }
  });

  it('reads one link by key, searches by order reference and deletes with 204', async () => {
    const key = await createKey();
    const one = (await (await api(`paymentlinks?key=${key}`)).json()) as { paymentLink: { key: string; orderReference: string } };
    expect(one.paymentLink).toMatchObject({ key, orderReference: 'LP-T001-260301-7' });
    const found = (await (await api('paymentlinks?orderReference=LP-T001-260301-7')).json()) as Array<Record<string, unknown>>;
    expect(found).toEqual([
      {
        key,
        orderReference: 'LP-T001-260301-7',
        // The seed's own forms, at this machine's offset: a date with offset, a timestamp in whole seconds.
        created: expect.stringMatching(/^2026-0[23]-\d{2}[+-]\d{2}:\d{2}$/),
        validTo: expect.stringMatching(/^2026-0[23]-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/),
        status: 'OPEN',
        cellular: null,
        email: null,
        amount: 33682,
        currency: 'SEK',
      },
    ]);
    expect(Date.parse(String(found[0]?.validTo))).toBe(Date.parse('2026-03-01T10:15:00Z'));
    expect((await api(`paymentlinks?key=${key}`, { method: 'DELETE' })).status).toBe(204);
    expect(await statusOf(key)).toBe('INVALID');
    expect((await api(`paymentlinks?key=${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('filters the search by dates, as the seed marks createdfrom, expiredTo and activefrom', async () => {
    const day = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const early = await createKey();
    clock += 3 * 24 * 3600_000;
    const late = body();
    late.orderReference = 'LP-T001-260304-8';
    late.parameters.validTo = new Date(clock + 10 * 24 * 3600_000).toISOString();
    const lateKey = await createKey(late);
    const keys = async (query: string) =>
      ((await (await api(`paymentlinks?${query}`)).json()) as Array<{ key: string }>).map((l) => l.key).sort();
    const today = day(clock);
    expect(await keys(`createdfrom=${today}`)).toEqual([lateKey]);
    expect(await keys(`createdfrom=${day(clock - 3 * 24 * 3600_000)}`)).toEqual([early, lateKey].sort());
    // The early link expires on its first day: it expires "until" that day, and is not valid on a later one.
    expect(await keys(`expiredTo=${day(Date.parse('2026-03-01T10:15:00Z'))}`)).toEqual([early]);
    expect(await keys(`activefrom=${today}`)).toEqual([lateKey]);
  });

  it.each(['2026-03-01T00:00:00Z', '2026-03-01T00:00:00.000+01:00', '01/03/2026', '2026-02-30', 'today'])(
    'refuses a date filter that is not a date (YYYY-MM-DD): %s',
    async (value) => {
      for (const name of ['createdfrom', 'expiredTo', 'activefrom']) {
        const res = await api(`paymentlinks?${name}=${encodeURIComponent(value)}`);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ code: ecsterSandboxCodes.malformed, message: expect.stringContaining(name) });
      }
    },
  );

  it('turns a link INVALID once its validTo has passed', async () => {
    const key = await createKey();
    clock = Date.parse('2026-03-01T10:15:01Z');
    expect(await statusOf(key)).toBe('INVALID');
    const search = (await (await api('paymentlinks?status=INVALID')).json()) as unknown[];
    expect(search).toHaveLength(1);
  });

  it('updates an open link and answers 409 once it is paid', async () => {
    const key = await createKey();
    const b = body();
    b.cart.rows = [b.cart.rows[1]];
    b.cart.amount = 4482;
    const res = await api(`paymentlinks?key=${key}`, { method: 'PUT', body: JSON.stringify(b) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { paymentLink: { cart: { amount: number } } }).paymentLink.cart.amount).toBe(4482);
    await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${key}/pay`, { method: 'POST' });
    expect((await api(`paymentlinks?key=${key}`, { method: 'PUT', body: JSON.stringify(b) })).status).toBe(409);
    expect((await api(`paymentlinks?key=${key}`, { method: 'DELETE' })).status).toBe(409);
  });
});

describe('Ecster customer page', () => {
  it('shows the cart and amount on a phone-friendly page with a strict CSP and no scripts or inline styles', async () => {
    const key = await createKey();
    const res = await fetch(`${sandbox.baseUrl}/pay/ecster/${key}`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('name="viewport"');
    expect(html).toContain('Socks');
    expect(html).toContain('336.82 SEK');
    expect(html).not.toMatch(/<script|style=|<style|https?:\/\/(?!127\.0\.0\.1)/);
    expect(html).toContain('>Pay</button>');
    expect(html).toContain('>Decline</button>');
    const css = await fetch(`${sandbox.baseUrl}/pay/assets/sandbox.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('escapes what the merchant sent', async () => {
    const b = body();
    b.cart.rows[0].name = '<img src=x onerror=alert(1)>';
    const key = await createKey(b);
    const html = await (await fetch(`${sandbox.baseUrl}/pay/ecster/${key}`)).text();
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });

  it('Pay moves the link to ORDER_CREATED and the page says it is paid', async () => {
    const key = await createKey();
    const res = await fetch(`${sandbox.baseUrl}/pay/ecster/${key}/pay`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(await statusOf(key)).toBe('ORDER_CREATED');
    const html = await (await fetch(`${sandbox.baseUrl}${res.headers.get('location')}`)).text();
    expect(html).toContain('Payment complete');
    expect(html).not.toContain('>Pay</button>');
  });

  it('Decline keeps the link OPEN, records the decline and says "Payment declined"', async () => {
    const key = await createKey();
    const res = await fetch(`${sandbox.baseUrl}/pay/ecster/${key}/decline`, { method: 'POST', redirect: 'manual' });
    const html = await (await fetch(`${sandbox.baseUrl}${res.headers.get('location')}`)).text();
    expect(html).toContain('Payment declined');
    const links = (await (await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links`)).json()) as Array<{ status: string; declines: number }>;
    expect(links[0]).toMatchObject({ status: 'OPEN', declines: 1 });
  });

  it('says a deleted or expired link is no longer valid and cannot be paid', async () => {
    const deleted = await createKey();
    await api(`paymentlinks?key=${deleted}`, { method: 'DELETE' });
    const expired = await createKey();
    await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${expired}/expire`, { method: 'POST' });
    for (const key of [deleted, expired]) {
      const html = await (await fetch(`${sandbox.baseUrl}/pay/ecster/${key}`)).text();
      expect(html).toContain('no longer valid');
      expect(html).not.toContain('>Pay</button>');
      await fetch(`${sandbox.baseUrl}/pay/ecster/${key}/pay`, { method: 'POST', redirect: 'manual' });
      expect(await statusOf(key)).toBe('INVALID');
    }
    expect((await fetch(`${sandbox.baseUrl}/pay/ecster/NOPE`)).status).toBe(404);
  });

  it('the control endpoint refuses to pay a link that is not open', async () => {
    const key = await createKey();
    await api(`paymentlinks?key=${key}`, { method: 'DELETE' });
    expect((await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links/${key}/pay`, { method: 'POST' })).status).toBe(409);
  });
});
