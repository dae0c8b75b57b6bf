import { toProviderRows } from '../../../../shared/domain/cart';
import type { CartTotals } from '../../../../shared/domain/schemas';
import { ProviderError } from '../provider';
import type { EcsterRow } from './schemas';
import { msg } from '../../../../shared/messages';

/**
 * Ecster's longest part number: Krokedil's plugin cuts it to 32 (providers.md 1.5), and the catalog
 * allows 64. The part number is the merchant's own reference on the row, so a cut one still reads.
 */
export const PART_NUMBER_MAX = 32;

/** At most PART_NUMBER_MAX UTF-16 units, never cutting a character in two. */
function partNumberFor(partNumber: string): string {
  let cut = '';
  for (const char of partNumber) {
    if (cut.length + char.length > PART_NUMBER_MAX) break;
    cut += char;
  }
  return cut;
}

/**
 * Cart lines → Ecster rows via the shared toProviderRows rule (pieces at unit price, weighed goods
 * as one row at the line's gross), so Σ(unitAmount × quantity − discountAmount) is the sale's total
 * exactly. Empty optional strings are left out rather than sent as "", and part numbers are cut to
 * PART_NUMBER_MAX.
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
    ...(r.partNumber ? { partNumber: partNumberFor(r.partNumber) } : {}),
    ...(r.unit ? { unit: r.unit } : {}),
    ...(r.description ? { description: r.description } : {}),
  }));
}

/** Σ(unitAmount × quantity − discountAmount), the sum Ecster checks against cart.amount. */
export function rowsAmount(rows: readonly EcsterRow[]): number {
  return rows.reduce((sum, r) => sum + r.unitAmount * r.quantity - r.discountAmount, 0);
}
