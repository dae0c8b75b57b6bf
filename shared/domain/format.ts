import { MAX_MINOR, displayFractionDigits } from './money';
import type { Currency } from './money';

/**
 * Money and quantity as text. Amounts are turned into decimal *strings* from their integer minor
 * units and handed to Intl as strings (ES2023 NumberFormat accepts them), so no float ever stands
 * between the stored integer and the printed digits.
 */

/** `-1234` → `"-12.34"`: the exact decimal value of an integer count of hundredths. */
function minorToDecimalString(minor: number): `${number}` {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${major}.${cents}` as `${number}`;
}

/** `345` → `"0.345"`: thousandths as an exact decimal string. */
function milliToDecimalString(milli: number): `${number}` {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}` as `${number}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** e.g. formatMoney(12950, 'SEK', 'sv-SE') → "129,50 kr". ISK shows whole krónur. */
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError('formatMoney takes integer minor units');
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const digits = displayFractionDigits(currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format.format(minorToDecimalString(minor));
}

/**
 * Locale-free amount without a currency sign, e.g. "129.00" (ISK: "129"), for text sent to a
 * payment provider or written to a log, where the reader's locale is unknown.
 */
export function formatMinorPlain(minor: number, currency: Currency): string {
  const text = minorToDecimalString(minor);
  return displayFractionDigits(currency) === 0 ? text.slice(0, text.indexOf('.')) : text;
}

/** "3" for pieces, "0,345 kg" (in the locale) for weighed goods. */
export function formatQuantity(quantityMilli: number, weighed: boolean, locale: string): string {
  if (!Number.isSafeInteger(quantityMilli)) throw new RangeError('formatQuantity takes thousandths as an integer');
  if (weighed) {
    const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    return `${format.format(milliToDecimalString(quantityMilli))} kg`;
  }
  // Pieces are whole in a valid cart; an odd fraction is still shown truthfully rather than rounded.
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return format.format(milliToDecimalString(quantityMilli));
}

/** 2500 → "25 %", 2550 → "25,5 %" (in the locale), for receipts and VAT summaries. */
export function formatVatRate(basisPoints: number, locale: string): string {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError('A VAT rate is whole basis points');
  const fraction = `${Math.floor(basisPoints / 10_000)}.${String(basisPoints % 10_000).padStart(4, '0')}` as `${number}`;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(fraction);
}

/** Why a typed amount was refused, as a code the renderer says in the clerk's language. */
export type MoneyInputProblem = 'empty' | 'negative' | 'not-digits' | 'grouping' | 'decimals' | 'too-large';
export type MoneyInputResult = { ok: true; minor: number } | { ok: false; problem: MoneyInputProblem };

// Currency markers a clerk may type or paste along with the amount.
const currencyMarker = /^(?:kr\.?|sek|nok|dkk|isk|eur|€)\s*|\s*(?:kr\.?|sek|nok|dkk|isk|eur|€|,-|:-)$/i;
// Spaces a locale may group thousands with: space, no-break space, narrow no-break space, apostrophe.
const groupSpaces = /[\s\u00a0\u202f']/g;

/**
 * Reads an amount typed by the clerk: "12,50", "12.50", "12", "1 234,50", "1.234,50", "12 kr".
 * The digits are read as a string and assembled into minor units: no float is involved.
 * With both ',' and '.' present the last one is the decimal mark and the other groups thousands.
 */
export function parseMoneyInput(text: string, currency: Currency): MoneyInputResult {
  const fail = (problem: MoneyInputProblem): MoneyInputResult => ({ ok: false, problem });
  let s = text.trim();
  if (s === '') return fail('empty');
  for (let i = 0; i < 2; i++) s = s.replace(currencyMarker, '');
  s = s.replace(groupSpaces, '');
  if (s.startsWith('-') || s.startsWith('\u2212')) return fail('negative');
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail('not-digits');

  const lastMark = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  let whole = s;
  let fraction = '';
  if (lastMark >= 0) {
    const mark = s.charAt(lastMark);
    const other = mark === ',' ? '.' : ',';
    const head = s.slice(0, lastMark);
    const tail = s.slice(lastMark + 1);
    const marksOfSameKind = s.split(mark).length - 1;
    if (marksOfSameKind > 1 || head.includes(other)) {
      // Grouping marks are allowed only in the integer part, in groups of three.
      const groups = (marksOfSameKind > 1 ? s : head).split(/[.,]/);
      if (!isThousandsGrouping(groups)) return fail('grouping');
      if (marksOfSameKind > 1) {
        whole = groups.join('');
        fraction = '';
      } else {
        whole = groups.join('');
        fraction = tail;
      }
    } else {
      whole = head;
      fraction = tail;
    }
  }
  if (whole === '') whole = '0';
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return fail('not-digits');

  const digits = displayFractionDigits(currency);
  if (fraction.length > digits) {
    return fail('decimals');
  }
  // Leading zeros would not matter to the value, but a 20-digit string would overflow before the check.
  const wholeTrimmed = whole.replace(/^0+(?=\d)/, '');
  if (wholeTrimmed.length > 12) return fail('too-large');
  const minor = Number(wholeTrimmed) * 100 + Number(fraction.padEnd(2, '0'));
  if (minor > MAX_MINOR) return fail('too-large');
  return { ok: true, minor };
}

function isThousandsGrouping(groups: string[]): boolean {
  const [first, ...rest] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first)) return false;
  return rest.every((g) => /^\d{3}$/.test(g));
}
