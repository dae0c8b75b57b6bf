import { ProviderError } from '../provider';
import { messages } from '../http';
import { ecsterErrorBodySchema } from './schemas';
import { englishText, msg } from '../../../../shared/messages';

/**
 * Ecster answers errors as `{code, message}`. Its message goes to the clerk only for a 400
 * (it says which field is wrong, which the clerk or support can act on), shortened and after the
 * HTTP helper has scrubbed any header value from it.
 */
export function mapEcsterError(status: number, body: unknown): ProviderError | null {
  const parsed = ecsterErrorBodySchema.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const text = parsed.success ? parsed.data.message : undefined;
  const detail = { status, ...(code === undefined ? {} : { providerCode: code }) };
  switch (status) {
    case 400:
    case 422:
      // Ecster's own words stay in the English message, never in the Message params; the renderer
      // shows them after the translated sentence (renderer/src/i18n messageText).
      return new ProviderError(
        'rejected',
        messages.rejected,
        detail,
        text ? `${englishText(messages.rejected)} Ecster says: ${shorten(text)}` : undefined,
      );
    case 401:
    case 403:
      return new ProviderError('auth', msg('ecsterAuth'), detail);
    case 404:
      return new ProviderError('not-found', messages.notFound, detail);
    case 409:
      return new ProviderError('rejected', msg('ecsterLinkClosed'), detail);
    default:
      // 429 and 5xx: the helper's own mapping knows about retries and unknown outcomes.
      return null;
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
}
