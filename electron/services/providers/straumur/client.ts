import type { ProviderEnvironment } from '../../../../shared/domain/settings';
import { straumurInfo } from '../../../../shared/providers/straumur';
import type { PaymentLink } from '../../../../shared/domain/sale';
import { createHttpClient, type RetryNotice, type Sleep } from '../http';
import {
  ProviderError,
  type LinkRequest,
  type LinkSearchQuery,
  type LinkSummary,
  type PaymentLinkProvider,
  type ProviderCapabilities,
} from '../provider';
import { msg } from '../../../../shared/messages';
import { classifyLink } from './classify';
import { mapStraumurError } from './errors';
import { buildCreateBody, orderReferenceFromDescription, type StraumurLinkConfig } from './mapping';
import { createResponseSchema, disableResponseSchema, getResponseSchema, listResponseSchema, type StraumurLinkSummary } from './schemas';

export const STRAUMUR_STAGING_URL = 'https://checkout-api.staging.straumur.is/api/v1/';
// The official plugins' production host (providers.md 2.1); LINKPOS_STRAUMUR_BASE_URL overrides it.
export const STRAUMUR_PRODUCTION_URL = 'https://greidslugatt.straumur.is/api/v1/';

/** Straumur allows at most 100 links per list page. */
export const MAX_PAGE_SIZE = 100;

export const straumurCapabilities: ProviderCapabilities = straumurInfo.capabilities;

export interface StraumurProviderOptions {
  apiKey: string;
  environment: ProviderEnvironment;
  /** LINKPOS_STRAUMUR_BASE_URL here overrides the environment's host (a proxy, a sandbox). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Demo mode and tests: the sandbox's Straumur URL. Wins over env and environment. */
  baseUrl?: string;
  /** Read at every create, so a settings change needs no new client. */
  linkConfig: StraumurLinkConfig | (() => StraumurLinkConfig);
  timeoutMs?: number;
  /** List pages (of 100) read when looking for a sale's link; the list is newest first. */
  reconcilePages?: number;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  onRetry?: (notice: RetryNotice) => void;
}

/** Test and staging talk to staging; live and production to production. */
export function resolveStraumurBaseUrl(environment: ProviderEnvironment, env: Readonly<Record<string, string | undefined>> = {}): string {
  const override = env.LINKPOS_STRAUMUR_BASE_URL?.trim();
  const chosen = override || (environment === 'live' || environment === 'production' ? STRAUMUR_PRODUCTION_URL : STRAUMUR_STAGING_URL);
  // ky resolves paths against baseUrl like a browser: without the trailing slash, `api/v1` would be replaced.
  return chosen.endsWith('/') ? chosen : `${chosen}/`;
}

function toSummary(link: StraumurLinkSummary): LinkSummary {
  return {
    reference: link.paymentLinkReference,
    orderReference: orderReferenceFromDescription(link.description),
    description: link.description ?? null,
    createdAt: link.createdAt ?? null,
    // The list carries neither expiry nor status; the details call has them.
    validTo: null,
    providerStatus: null,
    status: 'unknown',
    amountMinor: link.amount ?? null,
    currency: link.currency ?? null,
  };
}

export function createStraumurProvider(options: StraumurProviderOptions): PaymentLinkProvider {
  const now = options.now ?? Date.now;
  const linkConfig = typeof options.linkConfig === 'function' ? options.linkConfig : () => options.linkConfig as StraumurLinkConfig;
  const reconcilePages = options.reconcilePages ?? 3;
  const http = createHttpClient({
    baseUrl: options.baseUrl ?? resolveStraumurBaseUrl(options.environment, options.env),
    headers: { 'X-API-key': options.apiKey },
    timeoutMs: options.timeoutMs ?? 20_000,
    mapErrorBody: mapStraumurError,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });

  const listPage = (page: number, pageSize: number, signal?: AbortSignal) =>
    http.getJson('paymentlinks', listResponseSchema, { searchParams: { page, pageSize }, ...(signal ? { signal } : {}) });

  const getLink = async (reference: string, signal?: AbortSignal) =>
    (await http.getJson(`paymentlinks/${encodeURIComponent(reference)}`, getResponseSchema, signal ? { signal } : {})).paymentLink;

  return {
    id: 'straumur',
    capabilities: straumurCapabilities,

    async create(request: LinkRequest, signal?: AbortSignal): Promise<PaymentLink> {
      const body = buildCreateBody(request, linkConfig(), now());
      try {
        const created = await http.sendJson('POST', 'paymentlinks/create', body, createResponseSchema, signal ? { signal } : {});
        return { reference: created.paymentLinkReference, url: created.url, validTo: body.expiresAt };
      } catch (error) {
        // A 2xx we cannot read means Straumur most likely made the link: reconcile, never create blindly.
        if (error instanceof ProviderError && error.kind === 'bad-response') {
          throw new ProviderError('unknown-outcome', msg('providerBadResponseCheck'));
        }
        throw error;
      }
    },

    update(): Promise<PaymentLink> {
      return Promise.reject(new ProviderError('rejected', msg('straumurCannotUpdate')));
    },

    async cancel(link: PaymentLink, signal?: AbortSignal): Promise<void> {
      await http.sendJson(
        'POST',
        'paymentlinks/disable',
        { paymentLinkReference: link.reference },
        disableResponseSchema,
        signal ? { signal } : {},
      );
    },

    async status(link, expected, signal) {
      return classifyLink(await getLink(link.reference, signal), expected);
    },

    async findByOrderReference(orderReference: string, signal?: AbortSignal): Promise<PaymentLink | null> {
      const matches: StraumurLinkSummary[] = [];
      for (let page = 0; page < reconcilePages; page++) {
        const { links, totalCount } = await listPage(page, MAX_PAGE_SIZE, signal);
        matches.push(...links.filter((l) => orderReferenceFromDescription(l.description) === orderReference));
        const seen = (page + 1) * MAX_PAGE_SIZE;
        if (matches.length > 0 || links.length < MAX_PAGE_SIZE || (totalCount !== null && seen >= totalCount)) break;
      }
      // Newest first: if a sale somehow has two links, the one a retry just made is the live one.
      const newest = matches.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
      if (!newest) return null;
      const details = await getLink(newest.paymentLinkReference, signal);
      return { reference: details.paymentLinkReference, url: details.url, validTo: details.validUntil ?? null };
    },

    async search(query: LinkSearchQuery, signal?: AbortSignal): Promise<LinkSummary[]> {
      // Straumur pages by number; an offset that is not a multiple of the limit starts at its page.
      const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, query.limit ?? 50));
      const page = Math.floor(Math.max(0, query.offset ?? 0) / pageSize);
      const { links } = await listPage(page, pageSize, signal);
      const summaries = links.map(toSummary);
      return query.orderReference ? summaries.filter((s) => s.orderReference === query.orderReference) : summaries;
    },

    async ping(signal?: AbortSignal): Promise<void> {
      await listPage(0, 1, signal);
    },
  };
}
