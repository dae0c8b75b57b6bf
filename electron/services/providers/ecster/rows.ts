import type { CartTotals, PricedLine } from '../../../../shared/domain/schemas';
import type { EcsterRow } from './schemas';

/**
 * Cart lines → Ecster rows, so that Σ(unitAmount × quantity − discountAmount) equals the sale's
 * total exactly. Pieces go as whole quantities at the unit price; weighed goods (and anything not a
 * whole number of pieces) go as quantity 1 at the line's gross, because a fractional quantity
 * times a unit price would need rounding the provider might do differently.
 * (Same rule as toProviderRows in shared/domain/cart.ts, kept private until that lands.)
 */
export function toEcsterRows(totals: CartTotals): EcsterRow[] {
  return totals.lines.map(toRow);
}

function toRow(line: PricedLine): EcsterRow {
  const wholePieces = !line.weighed && line.quantityMilli % 1000 === 0;
  const base = {
    name: line.name,
    vatRate: line.vatRate,
    discountAmount: line.discountMinor,
    ...(line.partNumber ? { partNumber: line.partNumber } : {}),
    ...(line.unit ? { unit: line.unit } : {}),
  };
  if (wholePieces) return { ...base, quantity: line.quantityMilli / 1000, unitAmount: line.unitPriceMinor };
  return { ...base, quantity: 1, unitAmount: line.grossBeforeDiscountMinor, description: `${formatMilli(line.quantityMilli)} ${line.unit || 'kg'}` };
}

/** 345 → "0.345", 1500 → "1.500": exact, no float arithmetic. */
function formatMilli(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0');
  return `${whole}.${frac}`;
}

/** Σ(unitAmount × quantity − discountAmount), the sum Ecster checks against cart.amount. */
export function rowsAmount(rows: readonly EcsterRow[]): number {
  return rows.reduce((sum, r) => sum + r.unitAmount * r.quantity - r.discountAmount, 0);
}
