import { z } from 'zod';

/**
 * Money is always an integer count of minor units (öre, aurar, cents). Never a float.
 * Currencies the POS sells in; ISK is priced in whole krónur but carried with two minor digits
 * because Straumur does (an ISK amount sent to it must end in 00).
 */
export const currencies = ['SEK', 'NOK', 'DKK', 'EUR', 'ISK'] as const;
export const currencySchema = z.enum(currencies);
export type Currency = z.infer<typeof currencySchema>;

/** The largest amount we ever handle: 10 million major units, far below 2^53. */
export const MAX_MINOR = 1_000_000_000;

export const minorSchema = z.number().int().safe();
export const nonNegativeMinorSchema = minorSchema.min(0).max(MAX_MINOR);

/** Minor digits we display. ISK has none on screen although we carry two internally. */
export function displayFractionDigits(currency: Currency): number {
  return currency === 'ISK' ? 0 : 2;
}

export function assertMinor(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of minor units`);
  return value;
}

/**
 * Divides an integer by a positive integer, rounding half away from zero.
 * Used wherever a product of integers must become minor units (weights, percentages, VAT).
 */
export function divRound(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('divRound takes safe integers and a positive denominator');
  }
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const q = Math.floor(n / denominator);
  const r = n - q * denominator;
  const result = sign * (2 * r >= denominator ? q + 1 : q);
  // No negative zero: Object.is-based comparisons (and tests) would tell it apart from 0.
  return result === 0 ? 0 : result;
}

/**
 * `a × b / c` rounded half away from zero, exact even when `a × b` exceeds 2^53 (a 1 000 000.00 line
 * times a weight in grams does). The intermediate product is a BigInt; the result must be a safe integer.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || c <= 0) {
    throw new RangeError('mulDivRound takes safe integers and a positive divisor');
  }
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const negative = product < 0n;
  const n = negative ? -product : product;
  let q = n / divisor;
  if (2n * (n - q * divisor) >= divisor) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('The amount is too large to handle exactly');
  return result;
}

/**
 * The smallest amount that may change hands in a currency, in minor units. ISK is carried with two
 * minor digits but paid in whole krónur (Straumur refuses ISK amounts that do not end in 00), so
 * every computed ISK amount is rounded to a multiple of 100.
 */
export function roundingStepMinor(currency: Currency): number {
  return currency === 'ISK' ? 100 : 1;
}
