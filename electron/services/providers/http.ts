import ky from 'ky';
import type { KyInstance } from 'ky';
import type { z } from 'zod';
import { englishText, msg, type Message } from '../../../shared/messages';
import { ProviderError } from './provider';

/**
 * The one HTTP helper both provider clients use. Built on ky 2 for URL resolution, JSON bodies and
 * headers, but ky's own retry is off: reads are retried by our loop (so tests drive it with an
 * injected sleep), and writes are never retried because a repeated POST could create a second link.
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type SendMethod = 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type SearchParams = Record<string, string | number | boolean | undefined>;

export interface RetryNotice {
  /** The attempt that just failed, starting at 1. */
  readonly attempt: number;
  readonly delayMs: number;
  /** A sentence for the clerk, e.g. "Too many requests — retrying in 5 s." */
  readonly message: string;
}

export interface HttpClientOptions {
  readonly baseUrl: string;
  /** Sent on every call. Their values (API keys) are scrubbed from every error message. */
  readonly headers: Readonly<Record<string, string>>;
  /** Per attempt, covering both the answer's headers and its body. */
  readonly timeoutMs: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
  readonly sleep?: Sleep;
  /** For backoff jitter; injected so tests are deterministic. */
  readonly random?: () => number;
  /** Attempts for a GET, including the first. */
  readonly maxAttempts?: number;
  /** Lets each provider turn its own error body into a typed error; null falls back to the status mapping. */
  readonly mapErrorBody?: (status: number, body: unknown) => ProviderError | null;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface HttpClient {
  getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    options?: { searchParams?: SearchParams; signal?: AbortSignal },
  ): Promise<z.output<S>>;
  sendJson<S extends z.ZodType>(
    method: SendMethod,
    path: string,
    body: unknown,
    schema: S,
    options?: { searchParams?: SearchParams; signal?: AbortSignal },
  ): Promise<z.output<S>>;
}

export const MAX_RETRY_AFTER_MS = 30_000;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** Bodies bigger than this are not a payment-link answer; refuse rather than buffer them. */
const MAX_BODY_CHARS = 2_000_000;

/** The clerk's sentences for what the helper itself finds (shared/messages.ts has their text). */
export const messages = {
  auth: msg('providerAuth'),
  rejected: msg('providerRejected'),
  notFound: msg('providerNotFound'),
  rateLimited: (seconds: number): Message => msg('providerRateLimited', { seconds }),
  unavailable: msg('providerUnavailable'),
  offline: msg('providerOffline'),
  timeout: msg('providerTimeout'),
  unknownOutcome: msg('providerUnknownOutcome'),
  badResponse: msg('providerBadResponse'),
} as const;

/** Notices for the log only (RetryNotice.message), never shown to the clerk. */
const retrying = (seconds: number) => `Too many requests — retrying in ${seconds} s.`;

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Retry-After is either delta-seconds or an HTTP-date. Returns milliseconds, or null when absent/unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Exponential backoff with full jitter, so many tills do not retry in step. */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Connection failures where the request certainly never left the machine. */
function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH';
}

type Outcome =
  | { readonly kind: 'response'; readonly status: number; readonly text: string; readonly retryAfter: string | null }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly neverSent: boolean }
  | { readonly kind: 'aborted'; readonly reason: unknown };

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 4;
  const secrets = Object.values(options.headers).filter((v) => v.length >= 4);

  const api: KyInstance = ky.create({
    baseUrl: options.baseUrl,
    headers: options.headers,
    // Our own per-attempt timer covers the body read too; ky's would stop at the headers.
    timeout: false,
    retry: { limit: 0 },
    throwHttpErrors: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  /** Defence in depth: no error message or detail may echo a header value, whatever a server sends back. */
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  const safeError = (error: ProviderError): ProviderError => {
    const detail = { ...error.detail };
    if (typeof detail.providerCode === 'string') detail.providerCode = scrub(detail.providerCode);
    return new ProviderError(error.kind, error.l10n, detail, scrub(error.message));
  };

  async function attempt(
    method: string,
    path: string,
    init: { json?: unknown; searchParams?: SearchParams; signal?: AbortSignal },
  ): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await api(path, {
        method,
        signal,
        ...(init.json === undefined ? {} : { json: init.json }),
        ...(init.searchParams ? { searchParams: init.searchParams } : {}),
      });
      const text = await response.text();
      return { kind: 'response', status: response.status, text, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      if (timedOut) return { kind: 'timeout' };
      if (init.signal?.aborted) return { kind: 'aborted', reason: init.signal.reason };
      return { kind: 'network', neverSent: neverSent(error) || neverSent((error as { cause?: unknown }).cause) };
    } finally {
      clearTimeout(timer);
    }
  }

  function parseBody<S extends z.ZodType>(text: string, schema: S): z.output<S> {
    if (text.length > MAX_BODY_CHARS) throw new ProviderError('bad-response', messages.badResponse);
    let value: unknown = undefined;
    if (text.trim() !== '') {
      try {
        value = JSON.parse(text);
      } catch {
        throw new ProviderError('bad-response', messages.badResponse);
      }
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ProviderError('bad-response', messages.badResponse);
    return parsed.data;
  }

  function errorFromStatus(status: number, text: string, retryAfterMs: number | null, isRead: boolean): ProviderError {
    let body: unknown = null;
    try {
      body = text.trim() === '' ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    const mapped = options.mapErrorBody?.(status, body) ?? null;
    if (mapped) return mapped;
    if (status === 401 || status === 403) return new ProviderError('auth', messages.auth, { status });
    if (status === 404) return new ProviderError('not-found', messages.notFound, { status });
    if (status === 429) {
      const waitMs = retryAfterMs ?? 5_000;
      return new ProviderError('rate-limited', messages.rateLimited(Math.ceil(waitMs / 1000)), { status, retryAfterMs: waitMs });
    }
    if (status >= 500) {
      // A write that failed inside the server may still have been carried out; 503 means it was turned away.
      if (!isRead && status !== 503) return new ProviderError('unknown-outcome', messages.unknownOutcome, { status });
      return new ProviderError('unavailable', messages.unavailable, { status });
    }
    if (status === 408 && !isRead) return new ProviderError('unknown-outcome', messages.unknownOutcome, { status });
    return new ProviderError('rejected', messages.rejected, { status });
  }

  async function getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    opts: { searchParams?: SearchParams; signal?: AbortSignal } = {},
  ): Promise<z.output<S>> {
    let lastError: ProviderError = new ProviderError('unavailable', messages.offline);
    for (let n = 1; n <= maxAttempts; n++) {
      const outcome = await attempt('GET', path, opts);
      let delayMs: number;
      let notice: string;
      if (outcome.kind === 'aborted') throw outcome.reason;
      if (outcome.kind === 'response') {
        if (outcome.status >= 200 && outcome.status < 300) return parseBody(outcome.text, schema);
        const retryAfterMs = parseRetryAfter(outcome.retryAfter, now());
        lastError = safeError(errorFromStatus(outcome.status, outcome.text, retryAfterMs, true));
        if (!isRetriableStatus(outcome.status)) throw lastError;
        delayMs = retryAfterMs === null ? backoffMs(n, random) : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
        const seconds = Math.max(1, Math.ceil(delayMs / 1000));
        notice = outcome.status === 429 ? retrying(seconds) : `${englishText(messages.unavailable)} Retrying in ${seconds} s.`;
      } else {
        lastError = new ProviderError('unavailable', outcome.kind === 'timeout' ? messages.timeout : messages.offline);
        delayMs = backoffMs(n, random);
        notice = `${lastError.message} Retrying in ${Math.max(1, Math.ceil(delayMs / 1000))} s.`;
      }
      if (n === maxAttempts) break;
      options.onRetry?.({ attempt: n, delayMs, message: notice });
      await sleep(delayMs, opts.signal);
    }
    throw lastError;
  }

  async function sendJson<S extends z.ZodType>(
    method: SendMethod,
    path: string,
    body: unknown,
    schema: S,
    opts: { searchParams?: SearchParams; signal?: AbortSignal } = {},
  ): Promise<z.output<S>> {
    const outcome = await attempt(method, path, { ...opts, json: body });
    if (outcome.kind === 'response') {
      if (outcome.status >= 200 && outcome.status < 300) return parseBody(outcome.text, schema);
      throw safeError(errorFromStatus(outcome.status, outcome.text, parseRetryAfter(outcome.retryAfter, now()), false));
    }
    if (outcome.kind === 'network' && outcome.neverSent) throw new ProviderError('unavailable', messages.offline);
    // Timed out, cut off or aborted after sending: the provider may have acted on it.
    throw new ProviderError('unknown-outcome', messages.unknownOutcome);
  }

  return { getJson, sendJson };
}
