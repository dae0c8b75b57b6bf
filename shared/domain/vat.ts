import type { Currency } from './money';
import type { VatRate } from './schemas';

/**
 * Nordic VAT rates as data. A product belongs to a category (food, books, …) and the category's rate
 * may change on a date, as Swedish food does on 2026-04-01, so a catalog keeps categories stable and
 * the rate is looked up for the day of the sale. Rates are basis points (2500 = 25 %).
 *
 * Dates are calendar days in the country's own time zone: a sale at 00:30 on 1 April in Stockholm is
 * an April sale although it is still 31 March in UTC.
 *
 * Every period says where it comes from (the law or the tax authority's page) and when that source
 * was checked. test/fixtures/vat/official-rates.json holds the authorities' rates for the days around
 * every change since 2024, compiled from the same sources and not from this table; a test holds the
 * table to it. A change that is only announced (a budget promise, a bill not yet passed) is not here.
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
  // Sweden: mervärdesskattelagen (2023:200) 9 kap. Food checked 2026-12-05 against prop. 2025/26:55
  // (rkrattsbaser.gov.se, the Government Offices' legal database); we found no Skatteverket page for it.
  SE: {
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
    categories: {
      standard: fixed(2500),
      // Prop. 2025/26:55 "Tillfälligt sänkt mervärdesskatt på livsmedel": 12 % → 6 % from 2026-04-01,
      // "gälla till och med den 31 december 2027"; the bill's second law puts 12 % back on 2028-01-01.
      // Passed with the 2026 budget (vatupdate.com 2025-11-26; PwC Tax Matters blog). Checked 2026-12-05.
      // Restaurant and catering services stay 12 % throughout (hospitality); take-away food is food.
      food: [
        { from: always, rate: 1200 },
        { from: '2026-04-01', rate: 600 },
        { from: '2028-01-01', rate: 1200 },
      ],
      hospitality: fixed(1200), // restaurants, catering, hotels
      // Books, admissions to concerts, theatre, museums, sport. Dance events join 6 % on 2026-07-01
      // (budget prop. 2025/26:1, momsfokus.se): they were standard-rated before, so no category changes.
      culture: fixed(600),
      press: fixed(600), // newspapers and magazines
      transport: fixed(600), // passenger transport
    },
  },
  // Norway: merverdiavgiftsloven §§ 5-2, 5-4 … 5-9 (reduced rates) and § 6-1 ff. (zero rate for
  // newspapers and books). No change since 2024: skatteetaten.no/satser/merverdiavgift lists 25 %,
  // food 15 %, passenger transport, cinema and accommodation 12 %. Checked 2026-12-05.
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
  // Denmark: momsloven § 33 (25 %) and § 34 (zero rate for newspapers). No rate change in force since
  // 2024 as far as we found (Avalara VATlive "Danish VAT rates"; Tolley key data; no skat.dk page in
  // our sources). Checked 2026-12-05. The government
  // announced in August 2025 that books will be VAT-free (nyheter24.se 2025-08-20, realtid.se
  // 2025-08-22); we found no enacted date in the authorities' pages, so books stay in `culture`
  // at 25 % here. When the law is in force, move books to `press` (0 %) or override per product.
  DK: {
    currency: 'DKK',
    timeZone: 'Europe/Copenhagen',
    categories: {
      standard: fixed(2500),
      food: fixed(2500),
      hospitality: fixed(2500),
      culture: fixed(2500),
      press: fixed(0),
      transport: fixed(2500),
    },
  },
  // Finland: arvonlisäverolaki (1501/1993) 84 §, 85 § and 85 a §. Checked 2026-12-05.
  FI: {
    currency: 'EUR',
    timeZone: 'Europe/Helsinki',
    categories: {
      // 24 % → 25.5 % from 2024-09-01 (vero.fi "The general VAT rate is 25.5% starting 1 September 2024").
      standard: [
        { from: always, rate: 2400 },
        { from: '2024-09-01', rate: 2550 },
      ],
      // The 14 % band (food, restaurant and catering) became 13.5 % on 2026-01-01: HE 93/2025 vp
      // (eduskunta.fi), passed with the 2026 budget (vatapi.com 2026-01-01; Aallon "Change in the VAT
      // rate from 14% to 13.5%"). It did not change in 2025 (vero.fi "Rates of VAT", 2025 edition).
      food: [
        { from: always, rate: 1400 },
        { from: '2026-01-01', rate: 1350 },
      ],
      // Restaurant and catering services as food. (Accommodation was 10 % until 2024 and 14 % in 2025;
      // a hotel selling rooms in those years overrides the rate per product.)
      hospitality: [
        { from: always, rate: 1400 },
        { from: '2026-01-01', rate: 1350 },
      ],
      // Books (printed and electronic), admissions to cultural and sports events, sports services:
      // 10 % → 14 % on 2025-01-01 (HE 141/2024 vp; vero.fi "Changes to VAT rates as of 1 January
      // 2025"), then with the whole 14 % band to 13.5 % on 2026-01-01 (HE 93/2025 vp). Books left the
      // 10 % band with the admissions, so they stay in this category, not in `press`.
      culture: [
        { from: always, rate: 1000 },
        { from: '2025-01-01', rate: 1400 },
        { from: '2026-01-01', rate: 1350 },
      ],
      // Newspapers and magazines stayed at 10 % in 2025 (HE 141/2024 vp) and in 2026 (HE 93/2025 vp
      // moves only public broadcasting out of the 10 % band).
      press: fixed(1000),
      // Passenger transport: as culture (HE 141/2024 vp, HE 93/2025 vp).
      transport: [
        { from: always, rate: 1000 },
        { from: '2025-01-01', rate: 1400 },
        { from: '2026-01-01', rate: 1350 },
      ],
    },
  },
  // Iceland: lög um virðisaukaskatt nr. 50/1988, 14. gr.: 24 %, and 11 % for food (also served),
  // accommodation, passenger transport, books, newspapers and magazines (skattalagasafn.rsk.is, the
  // law collection of Skatturinn). No change since 2024. Checked 2026-12-05.
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

/** The Nordic country whose money this is: each of our currencies is one country's (EUR is Finland's). */
export function countryForCurrency(currency: Currency): VatCountry {
  const country = vatCountries.find((c) => table[c].currency === currency);
  if (!country) throw new RangeError(`No VAT country for ${currency}`);
  return country;
}

/** A category's rate that changes on `from` (a day in the country). */
export type VatChange = {
  readonly category: VatCategory;
  readonly from: string;
  readonly rate: VatRate;
  readonly previousRate: VatRate;
};

/** How many days ahead the merchant is told of a rate change. */
export const VAT_NOTICE_DAYS = 7;

/** The day `days` after an ISO day (calendar arithmetic in UTC, where no day is 23 or 25 hours). */
function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * The rate changes to announce on `date`: those taking effect within the next `days` days (from
 * seven days before the change to the day before it), in date order, then category order.
 *
 * `ratesInUse` narrows them to changes that touch the catalog: the catalog stores a rate per
 * product, not a category, so a change matters when the category's rate before it is one the
 * catalog sells at. (It may tell a shop of a change that does not touch it when two categories
 * share a rate, as Swedish food and books do at 6 %; it never keeps quiet about one that does.)
 */
export function upcomingVatChanges(
  country: VatCountry,
  date: VatDate,
  options: { days?: number; ratesInUse?: ReadonlySet<number> } = {},
): VatChange[] {
  const today = dayOf(country, date);
  const last = addDays(today, options.days ?? VAT_NOTICE_DAYS);
  const changes: VatChange[] = [];
  for (const category of vatCategories) {
    const periods = table[country].categories[category];
    periods.forEach((period, i) => {
      const previous = periods[i - 1];
      if (!previous || period.from <= today || period.from > last || period.rate === previous.rate) return;
      if (options.ratesInUse && !options.ratesInUse.has(previous.rate)) return;
      changes.push({ category, from: period.from, rate: period.rate, previousRate: previous.rate });
    });
  }
  return changes.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
