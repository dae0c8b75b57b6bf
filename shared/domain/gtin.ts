/**
 * Barcodes as a scanner types them. GTINs (EAN-8, UPC-A, EAN-13, GTIN-14) have their check digit
 * verified, because a misread digit would otherwise ring up the wrong product. GS1 in-store codes
 * (EAN-13 starting 20–29) carry a price or a weight printed by the shop's scale and are decoded by a
 * rule table. Anything else printable (Code 128 labels, internal codes) is passed on as a lookup key.
 * Nothing here throws: a bad scan is an answer with a reason code, which the renderer says in the
 * clerk's language (`scan.reasons.*`); no English sentence leaves this file.
 */

export type GtinFormat = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

const formatByLength: Readonly<Record<number, GtinFormat>> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

/** The GS1 check digit for the digits before it (weights 3,1,3,… from the right). */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('A GTIN body is digits only');
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    total += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (total % 10)) % 10;
}

export function gtinFormat(code: string): GtinFormat | null {
  return /^\d+$/.test(code) ? (formatByLength[code.length] ?? null) : null;
}

/** True for an 8, 12, 13 or 14 digit code whose last digit is its check digit. */
export function isValidGtin(code: string): boolean {
  if (gtinFormat(code) === null) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** The same GTIN as 14 digits (zeros on the left), so UPC-A 12 and its EAN-13 form compare equal. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/**
 * How a shop's scale encodes an in-store EAN-13: `prefix` + item code (`itemDigits`) + value
 * (`valueDigits`) + check digit, so prefix length + itemDigits + valueDigits must be 12.
 * The value is a price in the major unit with `valueDecimals` decimals (`kind: 'price'`), or a
 * weight in kilograms with `valueDecimals` decimals (`kind: 'weight'`).
 */
export type InStoreRule = {
  prefix: string;
  kind: 'price' | 'weight';
  itemDigits: number;
  valueDigits: number;
  valueDecimals: number;
};

/**
 * Default, after common Swedish scale practice: 2X IIIII VVVVV C.
 * - prefix 23: weight in grams (5 digits, 3 decimals of a kg: at most 99.999 kg);
 * - prefixes 20–22 and 24–29: price with 2 decimals (at most 999.99 in the major unit).
 * Shops whose scales differ configure their own table.
 */
export const defaultInStoreRules: readonly InStoreRule[] = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'].map(
  (prefix): InStoreRule =>
    prefix === '23'
      ? { prefix, kind: 'weight', itemDigits: 5, valueDigits: 5, valueDecimals: 3 }
      : { prefix, kind: 'price', itemDigits: 5, valueDigits: 5, valueDecimals: 2 },
);

/** What can be wrong with an in-store rule (prefix not 2…, no item digits, not 12 digits in all …). */
export type InStoreRuleProblem = 'prefix' | 'item-digits' | 'value-digits' | 'length' | 'decimals';

/** Problems with a rule, as codes; a rule with problems never matches a scan. */
export function inStoreRuleProblems(rule: InStoreRule): InStoreRuleProblem[] {
  const problems: InStoreRuleProblem[] = [];
  if (!/^2\d*$/.test(rule.prefix)) problems.push('prefix');
  if (!Number.isInteger(rule.itemDigits) || rule.itemDigits < 1) problems.push('item-digits');
  if (!Number.isInteger(rule.valueDigits) || rule.valueDigits < 1) problems.push('value-digits');
  if (rule.prefix.length + rule.itemDigits + rule.valueDigits !== 12) problems.push('length');
  if (!Number.isInteger(rule.valueDecimals) || rule.valueDecimals < 0 || rule.valueDecimals > rule.valueDigits) {
    problems.push('decimals');
  }
  return problems;
}

export type EmbeddedValue = { kind: 'price'; priceMinor: number } | { kind: 'weight'; quantityMilli: number };

export type ParsedBarcode =
  | { kind: 'gtin'; gtin: string; format: GtinFormat; gtin14: string }
  | {
      kind: 'in-store';
      gtin: string;
      /**
       * Catalog keys for the item. `lookupKey` is prefix + item code ("2300123" for 2300123004563);
       * `lookupGtin` is the same code with the value zeroed and the check digit recomputed
       * ("2300123000004"), the form many catalog exports list. A catalog may use either.
       */
      lookupKey: string;
      lookupGtin: string;
      embedded: EmbeddedValue;
    }
  | { kind: 'invalid'; reason: BarcodeProblem }
  | { kind: 'other'; code: string };

/**
 * Why a scan is not a barcode; each has its sentence in the locales (`scan.reasons.<code>`).
 * `check-digit`: probably misread, scan again. `keyboard-layout`: characters a scanner does not send
 * (é, § … for digits: the scanner's layout differs from the computer's). `no-letters-or-digits`: only
 * punctuation (AZERTY's digit row). `no-weight` / `no-price`: a scale label with zero in its value.
 */
export type BarcodeProblem =
  | 'nothing-scanned'
  | 'too-long'
  | 'control-characters'
  | 'keyboard-layout'
  | 'no-letters-or-digits'
  | 'too-short'
  | 'check-digit'
  | 'no-weight'
  | 'no-price';

export const barcodeProblems: readonly BarcodeProblem[] = [
  'nothing-scanned',
  'too-long',
  'control-characters',
  'keyboard-layout',
  'no-letters-or-digits',
  'too-short',
  'check-digit',
  'no-weight',
  'no-price',
];
export const MIN_OTHER_LENGTH = 6;
export const MAX_BARCODE_LENGTH = 64;

const invalid = (reason: BarcodeProblem): ParsedBarcode => ({ kind: 'invalid', reason });

function scale(value: number, fromDecimals: number, toDecimals: number): number {
  if (fromDecimals <= toDecimals) return value * 10 ** (toDecimals - fromDecimals);
  const divisor = 10 ** (fromDecimals - toDecimals);
  return Math.floor((value * 2 + divisor) / (2 * divisor));
}

function decodeInStore(code: string, rules: readonly InStoreRule[]): ParsedBarcode | null {
  const rule = rules
    .filter((r) => code.startsWith(r.prefix) && inStoreRuleProblems(r).length === 0)
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (!rule) return null;
  const itemEnd = rule.prefix.length + rule.itemDigits;
  const lookupKey = code.slice(0, itemEnd);
  const value = Number(code.slice(itemEnd, itemEnd + rule.valueDigits));
  const zeroed = lookupKey + '0'.repeat(rule.valueDigits);
  const lookupGtin = zeroed + String(gtinCheckDigit(zeroed));
  if (rule.kind === 'weight') {
    const quantityMilli = scale(value, rule.valueDecimals, 3);
    if (quantityMilli <= 0) return invalid('no-weight');
    return { kind: 'in-store', gtin: code, lookupKey, lookupGtin, embedded: { kind: 'weight', quantityMilli } };
  }
  // Prices are carried with two minor digits in every currency we sell in (ISK included).
  const priceMinor = scale(value, rule.valueDecimals, 2);
  if (priceMinor <= 0) return invalid('no-price');
  return { kind: 'in-store', gtin: code, lookupKey, lookupGtin, embedded: { kind: 'price', priceMinor } };
}

/** Classifies what a scanner typed. Never throws. */
export function parseBarcode(raw: unknown, rules: readonly InStoreRule[] = defaultInStoreRules): ParsedBarcode {
  if (typeof raw !== 'string') return invalid('nothing-scanned');
  // Scanners may send a trailing CR/LF or pad with spaces; those are not part of the code.
  const code = raw.replace(/^[ \r\n]+|[ \r\n]+$/g, '');
  if (code === '') return invalid('nothing-scanned');
  if (code.length > MAX_BARCODE_LENGTH) return invalid('too-long');
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(code)) return invalid('control-characters');
  // A scanner set to another keyboard layout than the computer's types é, §, ½ … for digits.
  if (/[^\u0020-\u007e]/.test(code)) {
    return invalid('keyboard-layout');
  }
  if (/^\d+$/.test(code)) {
    const format = gtinFormat(code);
    if (format !== null) {
      if (!isValidGtin(code)) return invalid('check-digit');
      if (format === 'EAN-13' && code.startsWith('2')) {
        const inStore = decodeInStore(code, rules);
        if (inStore) return inStore;
      }
      return { kind: 'gtin', gtin: code, format, gtin14: toGtin14(code) };
    }
  }
  // …or, on AZERTY, only punctuation (&é"'(-è_çà is its digit row).
  if (!/[A-Za-z0-9]/.test(code)) {
    return invalid('no-letters-or-digits');
  }
  if (code.length < MIN_OTHER_LENGTH) return invalid('too-short');
  return { kind: 'other', code };
}
