import { ProviderError } from '../provider';
import { messages } from '../http';

export const ecsterBaseUrls = {
  test: 'https://labs.ecster.se/rest/public/v1/',
  live: 'https://secure.ecster.se/rest/public/v1/',
} as const;

/** `test`/`staging` use Ecster's labs host, `live`/`production` the real one; the env variable wins. */
export function ecsterBaseUrl(environment: string, env: Readonly<Record<string, string | undefined>>): string {
  const override = env.LINKPOS_ECSTER_BASE_URL?.trim();
  if (override) return override.endsWith('/') ? override : `${override}/`;
  return environment === 'live' || environment === 'production' ? ecsterBaseUrls.live : ecsterBaseUrls.test;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The URL goes into a QR code a customer's phone opens, so it must be https. Plain http is only
 * tolerated for the loopback sandbox used in demo mode and tests.
 */
export function checkPayLinkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProviderError('bad-response', messages.badResponse);
  }
  if (url.protocol === 'https:') return raw;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return raw;
  throw new ProviderError('bad-response', messages.badResponse);
}
