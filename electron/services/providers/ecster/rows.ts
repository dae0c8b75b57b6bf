import { toProviderRows } from '../../../../shared/domain/cart';
import type { CartTotals } from '../../../../shared/domain/schemas';
import { ProviderError } from '../provider';
import type { EcsterRow } from './schemas';
import { msg } from '../../../../shared/messages';

/**
 * Cart lines → Ecster rows via the shared toProviderRows rule (pieces at unit price, weighed goods
 * as one row at the line's gross), so Σ(unitAmount × quantity − discountAmount) is the sale's total
 * exactly. Empty optional strings are left out rather than sent as "".
 */
export function toEcsterRows(totals: CartTotals): EcsterRow[] {
  let rows;
  try {
    rows = toProviderRows(totals);
  } catch {
    throw new ProviderError('rejected', msg('providerRowsNotTotal'));
  }
  return rows.map((r) => ({
    name: r.name,
    quantity: r.quantity,
    unitAmount: r.unitAmount,
    vatRate: r.vatRate,
    discountAmount: r.discountAmount,
    ...(r.partNumber ? { partNumber: r.partNumber } : {}),
    ...(r.unit ? { unit: r.unit } : {}),
    ...(r.description ? { description: r.description } : {}),
  }));
}

/** Σ(unitAmount × quantity − discountAmount), the sum Ecster checks against cart.amount. */
export function rowsAmount(rows: readonly EcsterRow[]): number {
  return rows.reduce((sum, r) => sum + r.unitAmount * r.quantity - r.discountAmount, 0);
}
