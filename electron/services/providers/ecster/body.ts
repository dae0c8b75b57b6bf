import type { LinkRequest } from '../provider';
import { ProviderError } from '../provider';
import type { EcsterCreateRequest } from './schemas';
import { rowsAmount, toEcsterRows } from './rows';
import { ecsterTimestamp } from './dates';
import { msg } from '../../../../shared/messages';

/** Ecster's payment page speaks these; Norwegian and Danish customers read Swedish best. */
const ecsterLanguages = new Set(['sv', 'en', 'fi']);

export function ecsterLanguage(language: string): string {
  const lower = language.toLowerCase();
  if (ecsterLanguages.has(lower)) return lower;
  if (lower === 'no' || lower === 'nb' || lower === 'nn' || lower === 'da') return 'sv';
  return 'en';
}

export interface EcsterLinkConfig {
  readonly locale: { readonly language: string; readonly country: string };
  readonly version: string;
  /** Empty string or absent: not sent. */
  readonly shopTermsUrl?: string;
  readonly returnUrl?: string;
  readonly notificationUrl?: string;
  readonly defaultDeliveryCountry?: string;
  readonly message?: string;
  readonly tags?: readonly string[];
  /**
   * The platform reference Ecster issued to the merchant, if any. `platform` is optional and its
   * reference "provided by Ecster": without one configured, `platform` is not sent at all.
   */
  readonly platformReference?: string;
}

const ORDER_REFERENCE_MAX = 22;

/** The full create/update body for one sale. Throws 'rejected' rather than send a cart that does not add up. */
export function buildLinkBody(request: LinkRequest, config: EcsterLinkConfig): EcsterCreateRequest {
  const { orderReference, totals } = request;
  if (orderReference.length < 1 || orderReference.length > ORDER_REFERENCE_MAX) {
    throw new ProviderError('rejected', msg('providerOrderReference'));
  }
  const rows = toEcsterRows(totals);
  if (rows.length === 0) throw new ProviderError('rejected', msg('providerCartEmpty'));
  const amount = rowsAmount(rows);
  if (amount !== totals.totalMinor) {
    throw new ProviderError('rejected', msg('providerRowsNotTotal'));
  }
  const contact = request.sendTo;
  return {
    locale: { language: ecsterLanguage(config.locale.language), country: config.locale.country },
    parameters: {
      sendLink: contact !== undefined,
      // The customer is standing at the till: always an in-person sale.
      inPerson: true,
      validTo: ecsterTimestamp(request.validTo),
      ...(config.shopTermsUrl ? { shopTermsUrl: config.shopTermsUrl } : {}),
      ...(config.returnUrl ? { returnUrl: config.returnUrl } : {}),
      ...(config.defaultDeliveryCountry ? { defaultDeliveryCountry: config.defaultDeliveryCountry } : {}),
    },
    // Goods leave the shop with the customer.
    deliveryMethods: [],
    cart: {
      amount,
      currency: totals.currency,
      ...(config.message ? { message: config.message } : {}),
      rows,
    },
    orderReference,
    ...(contact
      ? {
          consumer: {
            contactInfo:
              contact.kind === 'email' ? { email: contact.email } : { cellular: { country: contact.country, number: contact.number } },
          },
        }
      : {}),
    ...(config.notificationUrl ? { notificationUrl: config.notificationUrl } : {}),
    ...(config.platformReference ? { platform: { reference: config.platformReference, info: `LinkPOS ${config.version}` } } : {}),
    tags: [...(config.tags ?? ['source:LinkPOS'])],
  };
}
