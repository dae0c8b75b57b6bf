import { ProviderError } from '../provider';
import { errorBodySchema } from './schemas';

/**
 * Clerk-facing sentences for the codes a POS can meet (providers.md 2.7). Straumur's own
 * `errorMessage` is kept out of the clerk's message: it is English developer text that may echo
 * request fields.
 */
const messages: Readonly<Record<number, string>> = {
  2002: 'The amount to pay must be above zero.',
  2005: 'The link would expire before it is created. Check the clock and the link validity in Settings.',
  2007: 'The cart lines do not add up to the total.',
  2010: 'Straumur cannot use the checkout theme set in Settings. Check the theme key.',
  2011: 'Your Straumur agreement does not cover this currency.',
  2014: 'Straumur does not know this payment link.',
  2016: 'Straumur does not recognise the terminal identifier, or this API key cannot use it. Check Settings.',
  2017: 'The Straumur terminal identifier must be exactly 12 characters. Check it in Settings.',
  2018: 'Straumur has already processed a request with this reference.',
  2019: 'The amount is too high for Straumur.',
  2020: 'Straumur asks you to contact their support about this request.',
  2022: "The amount is below Straumur's minimum for this currency.",
  2025: 'A line costs more after its discount than before. Check the discounts.',
  2026: 'Straumur takes only whole krónur. Change the discount so every amount comes to whole krónur.',
};

function codeOf(raw: string | number | undefined): number | null {
  if (raw === undefined) return null;
  const n = typeof raw === 'number' ? raw : Number.parseInt(raw, 10);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Turns a non-2xx answer into the one error type providers throw. Null for 408, 429 and 5xx: the
 * HTTP helper's own mapping knows what those mean for a read or a write (retry, Retry-After, or an
 * unknown outcome for a POST), which a body code cannot change.
 */
export function mapStraumurError(status: number, body: unknown): ProviderError | null {
  if (status === 408 || status === 429 || status >= 500) return null;
  const parsed = errorBodySchema.safeParse(body);
  const code = parsed.success ? codeOf(parsed.data.errorCode) : null;
  const detail = { status, ...(code === null ? {} : { providerCode: code }) };

  if (status === 401 || status === 403) {
    return new ProviderError('auth', 'Straumur rejected the API key. Check the key in Settings.', detail);
  }
  if (code === 2014 || (status === 404 && code === null)) {
    return new ProviderError('not-found', messages[2014] ?? '', detail);
  }
  if (code !== null && code >= 1000 && code <= 1006) {
    return new ProviderError('rejected', `Straumur could not read the request from LinkPOS (code ${code}). Please report this to support.`, detail);
  }
  const known = code === null ? undefined : messages[code];
  if (known) return new ProviderError('rejected', known, detail);
  const suffix = code === null ? '' : ` (code ${code})`;
  return new ProviderError('rejected', `Straumur refused the request${suffix}.`, detail);
}
