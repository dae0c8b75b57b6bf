/**
 * The order reference sent to the payment provider and printed on the receipt.
 *
 * Since till identities (issue 16): `LP-<till code>-<epoch>-<sale number>`, e.g. `LP-7K3QZ9-A2-42`.
 * The till code (six Crockford base-32 characters, 30 bits, from the till's permanent identity)
 * keeps two tills of one shop apart; the epoch (two characters, drawn again whenever the till starts
 * a fresh journal) keeps a reinstalled till from repeating its own references, since its sale
 * numbers start again at 1. At most 20 characters, so a re-created link's `-<attempt>` still fits.
 *
 * Before: `LP-<till>-<yymmdd>-<sale number>` from a till id every till shared (`till1`). Those
 * references stay in old journals as they were written; nothing derives them again.
 *
 * Ecster allows at most 22 characters; both providers accept [A-Za-z0-9-] (Straumur carries the
 * reference in the link's description, which has no documented limit).
 */

export const MAX_ORDER_REFERENCE_LENGTH = 22;
/** Seven digits: 'LP-' + 6 + '-' + 2 + '-' + 7 is 20 characters (the old form was 22). */
export const MAX_SALE_NUMBER = 9_999_999;

/** Crockford's base 32: digits and capitals without I, L, O and U, so a code read aloud is not misread. */
export const TILL_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TILL_CODE_LENGTH = 6;
export const EPOCH_LENGTH = 2;
const codePattern = (length: number) => new RegExp(`^[${TILL_CODE_ALPHABET}]{${length}}$`);
const tillCodePattern = codePattern(TILL_CODE_LENGTH);
const epochPattern = codePattern(EPOCH_LENGTH);

export const isTillCode = (value: string): boolean => tillCodePattern.test(value);
export const isEpoch = (value: string): boolean => epochPattern.test(value);

/** `value` (0 ≤ value < 32^length) in Crockford base 32, `length` characters. */
export function base32(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = TILL_CODE_ALPHABET[rest % 32]! + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * The till code of an identity (a random UUID): its first 30 bits in base 32. A shop of n tills
 * has two tills sharing a code with a chance of about n²/2^31 (under 1 in 20 million for ten).
 */
export function tillCodeOf(identity: string): string {
  const hex = identity.replace(/-/g, '').slice(0, 8);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new RangeError('A till identity is a UUID');
  return base32(Number.parseInt(hex, 16) >>> 2, TILL_CODE_LENGTH);
}

/** What a till puts in every order reference it makes. */
export interface TillReferenceParts {
  readonly code: string;
  readonly epoch: string;
}

/** An order reference in the current form: `LP-<till code>-<epoch>-<sale number>`. */
export function makeTillOrderReference(till: TillReferenceParts, saleNumber: number): string {
  checkSaleNumber(saleNumber);
  if (!isTillCode(till.code) || !isEpoch(till.epoch)) throw new RangeError('Not a till code and epoch');
  return `LP-${till.code}-${till.epoch}-${saleNumber}`;
}

function checkSaleNumber(saleNumber: number): void {
  if (!Number.isSafeInteger(saleNumber) || saleNumber < 1 || saleNumber > MAX_SALE_NUMBER) {
    throw new RangeError(`A sale number runs from 1 to ${MAX_SALE_NUMBER}`);
  }
}

/** The old form's input; the checkout passes it, and the app's maker ignores what it does not need. */
export type OrderReferenceInput = { tillId: string; saleNumber: number; now: Date | number };

/**
 * The old form's till part. Four characters for the till: a short alphanumeric id is kept as it is (upper-cased, padded with
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

/**
 * An order reference in the old form, `LP-<till>-<yymmdd>-<sale number>`. The app no longer makes
 * these (every till was `till1`); tests of the checkout that do not care about tills still use it.
 */
export function makeOrderReference({ tillId, saleNumber, now }: OrderReferenceInput): string {
  checkSaleNumber(saleNumber);
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
 * characters. When it must be shortened, the `LP-` every reference starts with goes first (it tells
 * no two sales apart); then characters go from the middle, never from the final segment (the sale
 * number) or the attempt. A current-form reference loses only `LP-` for any attempt below 10 000.
 */
export function deriveOrderReference(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  if (base.length + suffix.length <= MAX_ORDER_REFERENCE_LENGTH) return `${base}${suffix}`;
  if (base.startsWith('LP-')) return deriveShortened(base.slice(3), suffix);
  return deriveShortened(base, suffix);
}

function deriveShortened(base: string, suffix: string): string {
  if (base.length + suffix.length <= MAX_ORDER_REFERENCE_LENGTH) return `${base}${suffix}`;
  const cut = base.lastIndexOf('-');
  const tail = cut > 0 ? base.slice(cut) : '';
  const head = cut > 0 ? base.slice(0, cut) : base;
  return `${head.slice(0, Math.max(0, MAX_ORDER_REFERENCE_LENGTH - tail.length - suffix.length))}${tail}${suffix}`.slice(
    -MAX_ORDER_REFERENCE_LENGTH,
  );
}
