import type { PaymentLink } from '../../../../shared/domain/sale';
import type { LinkSummary, PaymentLinkProvider } from '../../../../electron/services/providers/provider';
import { ProviderError } from '../../../../electron/services/providers/provider';
import { msg } from '../../../../shared/messages';
import { fakeInfo, FAKE_ID } from './info';
import type { FakeLink } from './sandbox';

/** The fake provider's client: plain fetch against its API (the sandbox's fake routes). */
export function createFakeClient(options: { baseUrl: string; apiKey: string; fetch?: typeof globalThis.fetch }): PaymentLinkProvider {
  const fetcher = options.fetch ?? globalThis.fetch;
  const call = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    const response = await fetcher(new URL(path, options.baseUrl), {
      method,
      headers: { 'x-api-key': options.apiKey, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    }).catch(() => {
      throw new ProviderError(method === 'POST' ? 'unknown-outcome' : 'unavailable', msg('settingsInvalid'));
    });
    if (response.status === 401) throw new ProviderError('auth', msg('settingsInvalid'));
    if (!response.ok) throw new ProviderError('rejected', msg('settingsInvalid'));
    return (await response.json()) as T;
  };
  const asLink = (link: FakeLink & { url?: string }): PaymentLink => ({
    reference: link.id,
    url: link.url ?? new URL(`/fake/pay/${link.id}`, options.baseUrl).href,
    validTo: null,
  });
  const summary = (link: FakeLink): LinkSummary => ({
    reference: link.id,
    orderReference: link.orderReference,
    description: null,
    createdAt: null,
    validTo: null,
    providerStatus: link.status,
    status: link.status,
    amountMinor: link.amountMinor,
    currency: link.currency,
  });

  return {
    id: FAKE_ID,
    capabilities: fakeInfo.capabilities,
    async create(request, signal) {
      const { orderReference, totals } = request;
      const body = { orderReference, amountMinor: totals.totalMinor, currency: totals.currency };
      return asLink(await call<FakeLink & { url: string }>('POST', 'links', body, signal));
    },
    update: () => Promise.reject(new ProviderError('rejected', msg('settingsInvalid'))),
    async cancel(link, signal) {
      await call('DELETE', `links/${link.reference}`, undefined, signal);
    },
    async status(link, expected, signal) {
      const found = await call<FakeLink>('GET', `links/${link.reference}`, undefined, signal);
      const matches = found.amountMinor === expected.amountMinor && found.currency === expected.currency;
      return {
        status: matches ? found.status : 'unknown',
        providerStatus: found.status,
        amountMinor: found.amountMinor,
        currency: found.currency,
        mismatch: matches ? null : `charged ${found.amountMinor} ${found.currency}`,
        charged: found.status === 'paid',
      };
    },
    async findByOrderReference(orderReference, signal) {
      const found = await call<FakeLink[]>('GET', `links?orderReference=${encodeURIComponent(orderReference)}`, undefined, signal);
      return found[0] ? asLink(found[0]) : null;
    },
    async search(_query, signal) {
      return (await call<FakeLink[]>('GET', 'links', undefined, signal)).map(summary);
    },
    async ping(signal) {
      await call('GET', 'links', undefined, signal);
    },
  };
}
