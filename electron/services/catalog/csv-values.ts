import { MAX_MINOR } from '../../../shared/domain/money';
import type { ArticleKind } from '../../../shared/domain/schemas';
import { msg, type Message, type MessageKey, type MessageParams } from '../../../shared/messages';

/**
 * Reading one cell of a catalog CSV. Numbers are parsed from their digits, never through a float,
 * so "19,90" is exactly 1990 öre. Each parser answers a value or a reason a clerk can act on.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Message };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (key: MessageKey, params?: MessageParams): Parsed<never> => ({ ok: false, reason: msg(key, params) });

/** Space, no-break space, narrow no-break space, thin space: what spreadsheets put between thousands. */
const SPACES = /[\s\u00a0\u202f\u2009]+/g;

/** Shortens a cell for an error message: a pasted paragraph must not flood the error list. */
export function quote(raw: string): string {
  const t = raw.trim();
  return t.length > 24 ? `${t.slice(0, 24)}…` : t;
}

/**
 * A decimal number as [integer digits, fraction digits]:
 * "1 234,50", "1234.5", "1.234,50", "1,234.50", "12". A lone separator followed by exactly three
 * digits ("1,234") is read as decimals, so it fails the decimals check rather than silently
 * becoming 1234 or 1.234.
 */
function splitDecimal(text: string): [string, string] | 'nan' {
  const s = text.replace(SPACES, '');
  if (/^\d+$/.test(s)) return [s, ''];
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return 'nan';
  const decimalAt = Math.max(lastDot, lastComma);
  const decimalSep = s[decimalAt]!;
  const groupSep = decimalSep === '.' ? ',' : '.';
  const intPart = s.slice(0, decimalAt);
  const fraction = s.slice(decimalAt + 1);
  const moreOfDecimal = intPart.includes(decimalSep);
  if (moreOfDecimal) {
    // "1.234.567": the one separator is a thousands separator throughout.
    if (intPart.includes(groupSep) || !/^\d{1,3}(\.\d{3})+$|^\d{1,3}(,\d{3})+$/.test(s)) return 'nan';
    return [s.replace(/[.,]/g, ''), ''];
  }
  if (!/^\d*$/.test(fraction) || fraction === '') return 'nan';
  let digits = intPart;
  if (intPart.includes(groupSep)) {
    const grouped = groupSep === '.' ? /^\d{1,3}(\.\d{3})+$/ : /^\d{1,3}(,\d{3})+$/;
    if (!grouped.test(intPart)) return 'nan';
    digits = intPart.split(groupSep).join('');
  }
  if (!/^\d*$/.test(digits)) return 'nan';
  return [digits === '' ? '0' : digits, fraction];
}

/** A price including VAT, in major units with up to two decimals, as minor units (×100). */
export function parsePriceMinor(raw: string): Parsed<number> {
  let s = raw.trim();
  if (s === '') return bad('rowPriceMissing');
  // "12:-" and "12 kr" are how Swedish shelves and spreadsheets write prices.
  s = s.replace(/\s*(:-|kr\.?|sek|nok|dkk|isk|eur|€)$/i, '');
  if (/^[-−]/.test(s)) return bad('rowPriceNegative');
  const split = splitDecimal(s);
  if (split === 'nan') return bad('rowPriceNotNumber', { value: quote(raw) });
  const [intDigits, fraction] = split;
  if (fraction.length > 2) return bad('rowPriceDecimals', { value: quote(raw) });
  const significant = intDigits.replace(/^0+(?=\d)/, '');
  if (significant.length > 8) return bad('rowPriceTooLarge');
  const minor = Number(significant) * 100 + Number(fraction.padEnd(2, '0'));
  if (minor > MAX_MINOR) return bad('rowPriceTooLarge');
  return ok(minor);
}

/**
 * VAT rates a Nordic shop can charge, in basis points of a percent: Sweden 25/12/6, Norway
 * 25/15/12, Denmark 25, Finland 25.5/14/13.5/10, Iceland 24/11, and 0 for exempt goods. Anything
 * else is far more likely a typo (or a fraction like 0.25) than a real rate.
 */
export const KNOWN_VAT_RATES: readonly number[] = [0, 600, 1000, 1100, 1200, 1350, 1400, 1500, 2400, 2500, 2550];

function formatRate(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** A VAT rate in percent ("25", "25 %", "25,5", "12.00") as basis points (2500, 2550, 1200). */
export function parseVatRate(raw: string): Parsed<number> {
  const s = raw.trim().replace(/\s*%$/, '');
  if (s === '') return bad('rowVatMissing');
  const split = splitDecimal(s);
  if (split === 'nan') return bad('rowVatNotNumber', { value: quote(raw) });
  const [intDigits, fraction] = split;
  const significant = intDigits.replace(/^0+(?=\d)/, '');
  if (fraction.length > 2 || significant.length > 3) return bad('rowVatUnknown', { value: quote(raw) });
  const basisPoints = Number(significant) * 100 + Number(fraction.padEnd(2, '0'));
  if (KNOWN_VAT_RATES.includes(basisPoints)) return ok(basisPoints);
  return bad(basisPoints > 0 && basisPoints < 100 ? 'rowVatFraction' : 'rowVatUnknown', { value: formatRate(basisPoints) });
}

const YES = new Set(['yes', 'y', 'ja', 'j', '1', 'true', 'sant', 'x', 'kg']);
const NO = new Set(['no', 'n', 'nej', '0', 'false', 'falskt', '']);

const SERVICE = new Set(['service', 'services', 'tjänst', 'tjänster', 'tjanst', 'tjanster']);
const GOODS = new Set(['goods', 'vara', 'varor', '']);

/** The optional "kind"/"typ" column: goods (vara) or service (tjänst); empty means goods. */
export function parseArticleKind(raw: string): Parsed<ArticleKind> {
  const s = raw.trim().toLowerCase();
  if (SERVICE.has(s)) return ok('service');
  if (GOODS.has(s)) return ok('goods');
  return bad('rowKind', { value: quote(raw) });
}

/** The optional "weighed"/"vikt" column: empty means no. */
export function parseWeighed(raw: string): Parsed<boolean> {
  const s = raw.trim().toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return bad('rowWeighed', { value: quote(raw) });
}
