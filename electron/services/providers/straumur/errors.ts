import { ProviderError } from '../provider';
import { errorBodySchema } from './schemas';
import { msg, type MessageKey } from '../../../../shared/messages';

/**
 * Clerk-facing sentences for the codes a POS can meet (providers.md 2.7). Straumur's own
 * `errorMessage` is kept out of the clerk's message: it is English developer text that may echo
 * request fields.
 */
const messages: Readonly<Record<number, MessageKey>> = {
  2002: 'straumurAmountNotPositive',
  2005: 'straumurExpiresEarly',
  2007: 'straumurLinesNotTotal',
  2010: 'straumurTheme',
  2011: 'straumurCurrency',
  2014: 'straumurUnknownLink',
  2016: 'straumurTerminalUnknown',
  2017: 'straumurTerminalLength',
  2018: 'straumurDuplicate',
  2019: 'straumurAmountTooHigh',
  2020: 'straumurContactSupport',
  2022: 'straumurBelowMinimum',
  2025: 'straumurDiscountRaises',
  2026: 'straumurWholeKronur',
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
    return new ProviderError('auth', msg('straumurAuth'), detail);
  }
  if (code === 2014 || (status === 404 && code === null)) {
    return new ProviderError('not-found', msg('straumurUnknownLink'), detail);
  }
  if (code !== null && code >= 1000 && code <= 1006) {
    return new ProviderError('rejected', msg('straumurUnreadable', { code }), detail);
  }
  const known = code === null ? undefined : messages[code];
  if (known) return new ProviderError('rejected', msg(known), detail);
  return new ProviderError('rejected', code === null ? msg('straumurRefused') : msg('straumurRefusedCode', { code }), detail);
}
