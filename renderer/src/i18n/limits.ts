import type { LimitHit } from '../../../shared/domain/cart-limits';
import { formatMoney } from '../../../shared/domain/format';
import type { Currency } from '../../../shared/domain/money';
import { i18n, intlLocale, t } from './index';

/** The limit an item went past, named with its amount: "At most SEK 1,000,000.00 per sale." */
export function limitText(hit: LimitHit, currency: Currency): string {
  if (hit.kind === 'lines') return t('limits.lines', { count: hit.maxLines });
  const amount = formatMoney(hit.maxMinor, currency, intlLocale(i18n.language));
  return hit.kind === 'sale' ? t('limits.sale', { amount }) : t('limits.line', { amount });
}
