import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../electron/services/providers/http';
import type { HttpClientOptions, RetryNotice } from '../../../electron/services/providers/http';
import { ProviderError } from '../../../electron/services/providers/provider';
import { msg } from '../../../shared/messages';

const SENTINEL = 'SENTINEL-API-KEY-123456';
const okSchema = z.object({ ok: z.literal(true) });

type Reply = Response | 'hang' | Error;

/** A fetch stand-in: records every request and answers from a script, one reply per call. */
function scriptedFetch(replies: Array<Reply | ((req: Request) => Reply)>) {
  const requests: Request[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    requests.push(req.clone());
    const next = replies[Math.min(requests.length - 1, replies.length - 1)];
    const reply = typeof next === 'function' ? next(req) : next;
    if (reply === 'hang') {
      return new Promise((_, reject) => {
        const signal = init?.signal ?? req.signal;
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      });
    }
    if (reply instanceof Error) return Promise.reject(reply);
    // Clone, so one scripted reply can answer several attempts.
    return Promise.resolve(reply!.clone());
  };
  return { fetch, requests };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function client(fetch: typeof globalThis.fetch, extra: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const notices: RetryNotice[] = [];
  const http = createHttpClient({
    baseUrl: 'https://api.example.test/v1/',
    headers: { 'x-api-key': SENTINEL, 'Content-Type': 'application/json' },
    timeoutMs: 50,
    fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
    onRetry: (n) => notices.push(n),
    ...extra,
  });
  return { http, sleeps, notices };
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

const refused = () =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
const reset = () =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });

describe('getJson', () => {
  it('sends the headers and search parameters and parses the answer with the schema', async () => {
    const { fetch, requests } = scriptedFetch([json(200, { ok: true })]);
    const { http } = client(fetch);
    await expect(http.getJson('things', okSchema, { searchParams: { a: 'x y', skip: undefined, n: 3 } })).resolves.toEqual({ ok: true });
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe('/v1/things');
    expect(url.searchParams.get('a')).toBe('x y');
    expect(url.searchParams.get('n')).toBe('3');
    expect(url.searchParams.has('skip')).toBe(false);
    expect(requests[0]!.headers.get('x-api-key')).toBe(SENTINEL);
  });

  it('retries 5xx, 408 and network failures with growing backoff, then succeeds', async () => {
    const { fetch, requests } = scriptedFetch([json(500, {}), json(408, {}), reset(), json(200, { ok: true })]);
    const { http, sleeps } = client(fetch);
    await expect(http.getJson('x', okSchema)).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it('gives up after four attempts with an unavailable error', async () => {
    const { fetch, requests } = scriptedFetch([json(503, {})]);
    const { http } = client(fetch);
    const error = await caught(http.getJson('x', okSchema));
    expect(requests).toHaveLength(4);
    expect(error.kind).toBe('unavailable');
    expect(error.detail.status).toBe(503);
  });

  it('waits out a 429 for exactly its Retry-After and tells the clerk', async () => {
    const { fetch } = scriptedFetch([json(429, {}, { 'Retry-After': '5' }), json(200, { ok: true })]);
    const { http, sleeps, notices } = client(fetch);
    await http.getJson('x', okSchema);
    expect(sleeps).toEqual([5000]);
    expect(notices[0]?.message).toBe('Too many requests — retrying in 5 s.');
  });

  it('caps a long Retry-After at 30 s', async () => {
    const { fetch } = scriptedFetch([json(429, {}, { 'Retry-After': '3600' }), json(200, { ok: true })]);
    const { http, sleeps } = client(fetch);
    await http.getJson('x', okSchema);
    expect(sleeps).toEqual([MAX_RETRY_AFTER_MS]);
  });

  it('reports rate-limited with the wait when 429 persists', async () => {
    const { fetch } = scriptedFetch([json(429, {}, { 'Retry-After': '7' })]);
    const error = await caught(client(fetch).http.getJson('x', okSchema));
    expect(error.kind).toBe('rate-limited');
    expect(error.detail.retryAfterMs).toBe(7000);
    expect(error.message).toContain('7 s');
  });

  it('does not retry client errors', async () => {
    const { fetch, requests } = scriptedFetch([json(401, {})]);
    const error = await caught(client(fetch).http.getJson('x', okSchema));
    expect(requests).toHaveLength(1);
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('The payment service rejected the API key.');
  });

  it('times out a silent server and says so after the retries', async () => {
    const { fetch, requests } = scriptedFetch(['hang']);
    const error = await caught(client(fetch, { maxAttempts: 2 }).http.getJson('x', okSchema));
    expect(requests).toHaveLength(2);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('The payment service did not answer in time.');
  });

  it('tells the clerk to check the connection when the network is down', async () => {
    const { fetch } = scriptedFetch([refused()]);
    const error = await caught(client(fetch).http.getJson('x', okSchema));
    expect(error.message).toBe('Cannot reach the payment service. Check the internet connection.');
  });

  it('turns truncated JSON and schema violations into bad-response', async () => {
    const truncated = scriptedFetch([new Response('{"ok":tr', { status: 200 })]);
    const e1 = await caught(client(truncated.fetch).http.getJson('x', okSchema));
    expect(e1.kind).toBe('bad-response');
    expect(e1.message).toBe('The payment service sent an answer LinkPOS could not read.');
    const wrong = scriptedFetch([json(200, { ok: 'yes' })]);
    expect((await caught(client(wrong.fetch).http.getJson('x', okSchema))).kind).toBe('bad-response');
  });

  it('rethrows the caller abort instead of retrying', async () => {
    const { fetch, requests } = scriptedFetch(['hang']);
    const controller = new AbortController();
    const pending = client(fetch, { timeoutMs: 10_000 }).http.getJson('x', okSchema, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 5);
    await expect(pending).rejects.toThrow('stop');
    expect(requests).toHaveLength(1);
  });
});

describe('sendJson', () => {
  it('sends the JSON body with the method and never retries a 5xx', async () => {
    const { fetch, requests } = scriptedFetch([json(500, {}), json(200, { ok: true })]);
    const error = await caught(client(fetch).http.sendJson('POST', 'links', { a: 1 }, okSchema));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(await requests[0]!.text()).toBe('{"a":1}');
    expect(error.kind).toBe('unknown-outcome');
  });

  it('treats 503 on a write as turned away, not as unknown', async () => {
    const { fetch } = scriptedFetch([json(503, {})]);
    expect((await caught(client(fetch).http.sendJson('POST', 'links', {}, okSchema))).kind).toBe('unavailable');
  });

  it('never retries a 429 on a write but reports the wait', async () => {
    const { fetch, requests } = scriptedFetch([json(429, {}, { 'Retry-After': '9' })]);
    const { http, sleeps } = client(fetch);
    const error = await caught(http.sendJson('PUT', 'links', {}, okSchema));
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error.kind).toBe('rate-limited');
    expect(error.detail.retryAfterMs).toBe(9000);
  });

  it('reports unknown-outcome when a write times out or the connection drops after sending', async () => {
    const hang = scriptedFetch(['hang']);
    expect((await caught(client(hang.fetch).http.sendJson('POST', 'links', {}, okSchema))).kind).toBe('unknown-outcome');
    expect(hang.requests).toHaveLength(1);
    const dropped = scriptedFetch([reset()]);
    expect((await caught(client(dropped.fetch).http.sendJson('POST', 'links', {}, okSchema))).kind).toBe('unknown-outcome');
  });

  it('reports unavailable when the connection was refused, since nothing was sent', async () => {
    const { fetch } = scriptedFetch([refused()]);
    expect((await caught(client(fetch).http.sendJson('POST', 'links', {}, okSchema))).kind).toBe('unavailable');
  });

  it('accepts an empty 204 answer when the schema allows it', async () => {
    const { fetch } = scriptedFetch([new Response(null, { status: 204 })]);
    await expect(client(fetch).http.sendJson('DELETE', 'links', undefined, z.unknown())).resolves.toBeUndefined();
  });

  it('lets the provider map its own error body', async () => {
    const { fetch } = scriptedFetch([json(400, { code: 'E1', message: 'bad cart' })]);
    const error = await caught(
      client(fetch, {
        mapErrorBody: (status, body) =>
          new ProviderError(
            'rejected',
            msg('providerRejected'),
            { status, providerCode: 'E1' },
            `Refused: ${(body as { message: string }).message}`,
          ),
      }).http.sendJson('POST', 'links', {}, okSchema),
    );
    expect(error.message).toBe('Refused: bad cart');
    expect(error.detail).toEqual({ status: 400, providerCode: 'E1' });
  });
});

describe('credentials never leak', () => {
  const echoKey = (req: Request) =>
    json(400, { code: req.headers.get('x-api-key'), message: `Key ${req.headers.get('x-api-key')} is wrong` });
  const paths: Array<[string, Reply | ((req: Request) => Reply)]> = [
    ['400 echoing the key', echoKey],
    ['401', json(401, { message: SENTINEL })],
    ['404', json(404, {})],
    ['409', json(409, {})],
    ['429', json(429, {}, { 'Retry-After': '1' })],
    ['500', json(500, { message: SENTINEL })],
    ['timeout', 'hang'],
    ['refused', refused()],
    ['reset', reset()],
    ['truncated', new Response(`{"key":"${SENTINEL}`, { status: 200 })],
  ];
  it.each(paths)('keeps the API key out of the %s error', async (_name, reply) => {
    for (const method of ['GET', 'POST'] as const) {
      const { fetch } = scriptedFetch([reply]);
      const { http, notices } = client(fetch, {
        maxAttempts: 2,
        // A careless provider mapping that echoes the body must still not leak it.
        mapErrorBody: (status, body) =>
          status === 400
            ? new ProviderError(
                'rejected',
                msg('providerRejected'),
                { status, providerCode: (body as { code: string }).code },
                `Said: ${JSON.stringify(body)}`,
              )
            : null,
      });
      const error = await caught(method === 'GET' ? http.getJson('x', okSchema) : http.sendJson('POST', 'x', {}, okSchema));
      const everything = JSON.stringify({ message: error.message, detail: error.detail, error, stack: error.stack, notices });
      expect(everything).not.toContain(SENTINEL);
      expect(everything).not.toContain('SENTINEL-API');
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates and ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:20 GMT', now)).toBe(20_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
