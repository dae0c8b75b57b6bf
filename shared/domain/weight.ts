/**
 * Weights typed by the clerk. A weight is an integer count of grams (a weighed line's `quantityMilli`
 * is thousandths of a kilogram), read from the digits as a string: no float is involved.
 */

/** The most a weighed line may weigh: more than any counter scale shows, less than a typo's 1250 kg. */
export const MAX_WEIGHT_GRAMS = 999_999;

/** Why a typed weight was refused; the renderer says it in the clerk's language. */
export type WeightInputProblem = 'empty' | 'not-a-number' | 'too-many-decimals' | 'zero' | 'too-heavy';

export type WeightInputResult = { ok: true; grams: number } | { ok: false; problem: WeightInputProblem };

/**
 * Reads a weight in kilograms: "1,25", "1.250", "0,3", ",5", "2 kg". A comma or a point is the
 * decimal mark (a scale shows at most three decimals, so a mark is never a thousands separator).
 */
export function parseWeightInput(text: string): WeightInputResult {
  const fail = (problem: WeightInputProblem): WeightInputResult => ({ ok: false, problem });
  const s = text.trim().replace(/\s*kg$/i, '');
  if (s === '') return fail('empty');
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!match || !/\d/.test(s)) return fail('not-a-number');
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = match[2] ?? '';
  if (fraction.length > 3) return fail('too-many-decimals');
  if (whole.length > 4) return fail('too-heavy');
  const grams = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  if (grams === 0) return fail('zero');
  if (grams > MAX_WEIGHT_GRAMS) return fail('too-heavy');
  return { ok: true, grams };
}
