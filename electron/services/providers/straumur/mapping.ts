import type { Currency } from '../../../../shared/domain/money';
import type { PricedLine } from '../../../../shared/domain/schemas';
import { ProviderError, type LinkRequest } from '../provider';
import type { CreateLinkBody, StraumurCulture, StraumurItem } from './schemas';
import { msg, type MessageKey, type MessageParams } from '../../../../shared/messages';
import { STRAUMUR_TERMINAL_IDENTIFIER } from '../../../../shared/providers/straumur';

/** What create needs from the settings; none of it is secret. */
export interface StraumurLinkConfig {
  terminalIdentifier: string;
  themeKey?: string;
  returnUrl?: string;
  /** The POS's UI language; Straumur's checkout speaks only Icelandic and English. */
  uiLanguage: string;
}

/** Straumur's item list is capped at 200 (S-PL-CREATE). */
export const MAX_ITEMS = 200;

/** The smallest amount Straumur accepts per currency, in minor units (S-CUR). */
export const CURRENCY_MINIMUM_MINOR: Readonly<Record<Currency, number>> = {
  ISK: 200,
  EUR: 1,
  DKK: 7,
  NOK: 13,
  SEK: 13,
};

/**
 * The description is the only free text Straumur keeps and lists, so it carries the order
 * reference: reconciliation after a timed-out create finds the link by it.
 */
export function describeSale(orderReference: string): string {
  return `LinkPOS sale ${orderReference}`;
}

/** Reads back the order reference describeSale wrote, or null for a link LinkPOS did not make. */
export function orderReferenceFromDescription(description: string | null | undefined): string | null {
  const match = /^LinkPOS sale (\S+)$/.exec(description ?? '');
  return match?.[1] ?? null;
}

export function cultureFor(uiLanguage: string): StraumurCulture {
  return uiLanguage === 'is' ? 'is' : 'en';
}

/**
 * `yyyy-MM-ddTHH:mm:ss.fffZ` in UTC, the format the docs ask for. toISOString produces exactly that
 * for years 0000–9999, which is every date a link can have.
 */
export function formatExpiresAt(date: Date): string {
  const text = date.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) throw new RangeError('expiresAt out of range');
  return text;
}

/**
 * One cart line as a Straumur item. Weighed goods have fractional quantities, which Straumur's
 * integer `quantity` cannot carry, so they go as one item priced at the weighed gross.
 */
export function toItem(line: PricedLine): StraumurItem {
  const wholePieces = !line.weighed && line.quantityMilli % 1000 === 0;
  if (wholePieces) {
    return {
      name: line.name,
      quantity: line.quantityMilli / 1000,
      unitPrice: line.unitPriceMinor,
      amountWithoutDiscount: line.grossBeforeDiscountMinor,
      amount: line.totalMinor,
    };
  }
  return {
    name: line.name,
    quantity: 1,
    unitPrice: line.grossBeforeDiscountMinor,
    amountWithoutDiscount: line.grossBeforeDiscountMinor,
    amount: line.totalMinor,
  };
}

function refuse(key: MessageKey, params?: MessageParams): never {
  throw new ProviderError('rejected', msg(key, params));
}

/**
 * Builds the create body, refusing (before any network call) every cart Straumur would reject or that
 * would let the customer pay a different amount than the sale: the terminal identifier (8 to 12
 * letters and digits; Straumur itself decides which lengths it takes), the item
 * cap, the currency minimum, ISK whole krónur, and item amounts that do not add up.
 */
export function buildCreateBody(request: LinkRequest, config: StraumurLinkConfig, now: number): CreateLinkBody {
  const { totals } = request;
  const currency = totals.currency;
  const amount = totals.totalMinor;

  if (!STRAUMUR_TERMINAL_IDENTIFIER.test(config.terminalIdentifier)) refuse('straumurTerminalFormat');
  if (totals.lines.length === 0) refuse('straumurCartEmpty');
  if (totals.lines.length > MAX_ITEMS) {
    refuse('straumurTooManyLines', { max: MAX_ITEMS });
  }
  if (!Number.isSafeInteger(amount) || amount <= 0) refuse('straumurAmountNotPositive');
  const minimum = CURRENCY_MINIMUM_MINOR[currency];
  if (amount < minimum) refuse('straumurBelowMinimumFor', { currency });

  const items = totals.lines.map(toItem);
  for (const item of items) {
    if (item.amount < 0 || item.amount > item.amountWithoutDiscount) {
      refuse('straumurLineDiscountRaises', { name: item.name });
    }
  }
  if (currency === 'ISK') {
    const fractional = [amount, ...items.flatMap((i) => [i.amount, i.unitPrice, i.amountWithoutDiscount])].some(
      (value) => value % 100 !== 0,
    );
    if (fractional) {
      refuse('straumurWholeKronurLines');
    }
  }
  const itemSum = items.reduce((sum, item) => sum + item.amount, 0);
  if (itemSum !== amount) refuse('straumurDiscountNotTotal');

  if (request.validTo.getTime() <= now) refuse('straumurValidityEarly');

  const body: CreateLinkBody = {
    type: 'PayByLink',
    terminalIdentifier: config.terminalIdentifier,
    amount,
    currency,
    items,
    exactSalesCount: 1,
    expiresAt: formatExpiresAt(request.validTo),
    culture: cultureFor(config.uiLanguage),
    description: describeSale(request.orderReference),
  };
  if (config.returnUrl) body.returnUrl = config.returnUrl;
  if (config.themeKey) body.themeKey = config.themeKey;
  return body;
}
