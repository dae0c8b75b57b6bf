import { ProviderError } from '../provider';
import { messages } from '../http';
import { isEncodableLinkUrl } from '../../../../shared/domain/link-url';

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

/**
 * The URL goes into a QR code a customer's phone opens, so it must be https; plain http is only
 * tolerated on a loopback host (the sandbox in demo mode and tests). Shared rule with the renderer.
 */
export function checkPayLinkUrl(raw: string): string {
  if (!isEncodableLinkUrl(raw)) throw new ProviderError('bad-response', messages.badResponse);
  return raw;
}
