/**
 * The order reference sent to the payment provider and printed on the receipt:
 * `LP-<till>-<yymmdd>-<sale number>`, e.g. `LP-T001-260401-42`.
 *
 * Ecster allows at most 22 characters; both providers accept [A-Za-z0-9-]. Uniqueness comes from the
 * till and the journal's gap-free sale number; the date is there for people reading it, and is the
 * UTC day so that every process derives the same reference for the same sale.
 */

export const MAX_ORDER_REFERENCE_LENGTH = 22;
/** 'LP-' + 4 + '-' + 6 + '-' leaves 7 characters for the number. */
export const MAX_SALE_NUMBER = 9_999_999;

export type OrderReferenceInput = { tillId: string; saleNumber: number; now: Date | number };

/**
 * Four characters for the till: a short alphanumeric id is kept as it is (upper-cased, padded with
 * zeros); anything longer or with other characters is hashed (FNV-1a, base 36) so that two long ids
 * sharing a prefix still differ.
 */
export function tillCode(tillId: string): string {
  const clean = tillId.toUpperCase();
  if (/^[A-Z0-9]{1,4}$/.test(clean)) return clean.padStart(4, '0');
  let hash = 0x811c9dc5;
  for (let i = 0; i < tillId.length; i++) {
    hash ^= tillId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % 36 ** 4).toString(36).toUpperCase().padStart(4, '0');
}

export function makeOrderReference({ tillId, saleNumber, now }: OrderReferenceInput): string {
  if (!Number.isSafeInteger(saleNumber) || saleNumber < 1 || saleNumber > MAX_SALE_NUMBER) {
    throw new RangeError(`A sale number runs from 1 to ${MAX_SALE_NUMBER}`);
  }
  const date = new Date(now);
  if (Number.isNaN(date.getTime())) throw new RangeError('Not a valid date for the order reference');
  const two = (n: number): string => String(n).padStart(2, '0');
  // Year modulo 100 (kept positive) so a wildly wrong clock still yields six digits.
  const yymmdd = two(((date.getUTCFullYear() % 100) + 100) % 100) + two(date.getUTCMonth() + 1) + two(date.getUTCDate());
  return `LP-${tillCode(tillId)}-${yymmdd}-${saleNumber}`;
}

export function isValidOrderReference(reference: string): boolean {
  return reference.length >= 1 && reference.length <= MAX_ORDER_REFERENCE_LENGTH && /^[A-Za-z0-9-]+$/.test(reference);
}

/**
 * A fresh order reference for attempt n of a sale, derived from its first one and within 22
 * characters. When it must be shortened, characters go from the middle (the date), never from the
 * final segment (the sale number) or the attempt, so two sales never derive the same reference.
 */
export function deriveOrderReference(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  if (base.length + suffix.length <= MAX_ORDER_REFERENCE_LENGTH) return `${base}${suffix}`;
  const cut = base.lastIndexOf('-');
  const tail = cut > 0 ? base.slice(cut) : '';
  const head = cut > 0 ? base.slice(0, cut) : base;
  return `${head.slice(0, Math.max(0, MAX_ORDER_REFERENCE_LENGTH - tail.length - suffix.length))}${tail}${suffix}`.slice(
    -MAX_ORDER_REFERENCE_LENGTH,
  );
}
