import type { Currency } from './money';
import type { VatRate } from './schemas';

/**
 * Nordic VAT rates as data. A product belongs to a category (food, books, …) and the category's rate
 * may change on a date, as Swedish food does on 2026-04-01, so a catalog keeps categories stable and
 * the rate is looked up for the day of the sale. Rates are basis points (2500 = 25 %).
 *
 * Dates are calendar days in the country's own time zone: a sale at 00:30 on 1 April in Stockholm is
 * an April sale although it is still 31 March in UTC.
 */

export const vatCountries = ['SE', 'NO', 'DK', 'FI', 'IS'] as const;
export type VatCountry = (typeof vatCountries)[number];

export const vatCategories = ['standard', 'food', 'hospitality', 'culture', 'press', 'transport'] as const;
export type VatCategory = (typeof vatCategories)[number];

/** A rate in force from `from` (inclusive, YYYY-MM-DD) until the next period's `from`. */
type Period = { readonly from: string; readonly rate: VatRate };
type CountryVat = {
  readonly currency: Currency;
  readonly timeZone: string;
  readonly categories: Readonly<Record<VatCategory, readonly Period[]>>;
};

const always = '0000-01-01';
const fixed = (rate: VatRate): readonly Period[] => [{ from: always, rate }];

const table: Readonly<Record<VatCountry, CountryVat>> = {
  SE: {
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
    categories: {
      standard: fixed(2500),
      // Food drops from 12 % to 6 % on 2026-04-01. The cut is announced as temporary (to 2027-12-31);
      // add the period that restores 12 % once that return is enacted.
      food: [
        { from: always, rate: 1200 },
        { from: '2026-04-01', rate: 600 },
      ],
      hospitality: fixed(1200), // restaurants, catering, hotels
      culture: fixed(600), // books, admissions to concerts, museums, sport
      press: fixed(600), // newspapers and magazines
      transport: fixed(600), // passenger transport
    },
  },
  NO: {
    currency: 'NOK',
    timeZone: 'Europe/Oslo',
    categories: {
      standard: fixed(2500),
      food: fixed(1500), // food and drink, not served in a restaurant
      hospitality: fixed(1200), // accommodation; served food is standard rate
      culture: fixed(1200), // cinema, museums, amusement parks, sport events
      press: fixed(0), // newspapers and books are zero-rated
      transport: fixed(1200),
    },
  },
  DK: {
    currency: 'DKK',
    timeZone: 'Europe/Copenhagen',
    categories: {
      // Denmark has one rate; only newspapers are zero-rated.
      standard: fixed(2500),
      food: fixed(2500),
      hospitality: fixed(2500),
      culture: fixed(2500),
      press: fixed(0),
      transport: fixed(2500),
    },
  },
  FI: {
    currency: 'EUR',
    timeZone: 'Europe/Helsinki',
    categories: {
      standard: [
        { from: always, rate: 2400 },
        { from: '2024-09-01', rate: 2550 },
      ],
      // 2025-01-01: the 14 % rate became 13.5 % and most 10 % goods moved to it; the press stayed at 10 %.
      food: [
        { from: always, rate: 1400 },
        { from: '2025-01-01', rate: 1350 },
      ],
      hospitality: [
        { from: always, rate: 1400 },
        { from: '2025-01-01', rate: 1350 },
      ],
      culture: [
        { from: always, rate: 1000 },
        { from: '2025-01-01', rate: 1350 },
      ],
      press: fixed(1000),
      transport: [
        { from: always, rate: 1000 },
        { from: '2025-01-01', rate: 1350 },
      ],
    },
  },
  IS: {
    currency: 'ISK',
    timeZone: 'Atlantic/Reykjavik',
    categories: {
      standard: fixed(2400),
      food: fixed(1100),
      hospitality: fixed(1100),
      culture: fixed(1100),
      press: fixed(1100),
      transport: fixed(1100),
    },
  },
};

export function isVatCountry(value: string): value is VatCountry {
  return (vatCountries as readonly string[]).includes(value);
}

export function currencyForCountry(country: VatCountry): Currency {
  return table[country].currency;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in the country. */
export function countryDate(country: VatCountry, instant: Date): string {
  const timeZone = table[country].timeZone;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Accepts a Date (an instant) or a calendar day "YYYY-MM-DD". */
export type VatDate = Date | string;

function dayOf(country: VatCountry, date: VatDate): string {
  if (typeof date !== 'string') {
    if (Number.isNaN(date.getTime())) throw new RangeError('Not a valid date');
    return countryDate(country, date);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError('A VAT date is written YYYY-MM-DD');
  return date;
}

function rateOn(periods: readonly Period[], day: string): VatRate {
  // Periods are in date order; ISO days compare correctly as strings.
  let rate = periods[0]?.rate ?? 0;
  for (const period of periods) if (period.from <= day) rate = period.rate;
  return rate;
}

export function rateForCategory(country: VatCountry, category: VatCategory, date: VatDate): VatRate {
  return rateOn(table[country].categories[category], dayOf(country, date));
}

/** The distinct rates in force on the day, highest first. */
export function vatRatesFor(country: VatCountry, date: VatDate): VatRate[] {
  const day = dayOf(country, date);
  const rates = new Set(vatCategories.map((category) => rateOn(table[country].categories[category], day)));
  return [...rates].sort((a, b) => b - a);
}

export function isKnownRate(country: VatCountry, rate: number, date: VatDate): boolean {
  return vatRatesFor(country, date).includes(rate);
}
