import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countryDate,
  countryForCurrency,
  currencyForCountry,
  isKnownRate,
  isVatCountry,
  rateForCategory,
  upcomingVatChanges,
  vatCategories,
  vatCountries,
  vatRatesFor,
  type VatCategory,
} from '../../../shared/domain/vat';
import { currencies } from '../../../shared/domain/money';

type OfficialRate = { country: string; category: string; date: string; percent: string; source: string };
const official = JSON.parse(readFileSync(new URL('../../fixtures/vat/official-rates.json', import.meta.url), 'utf8')) as {
  sources: Record<string, string>;
  rates: OfficialRate[];
};

/** "13.5" → 1350, read from the digits (the fixture writes percent as the authorities do). */
function basisPoints(percent: string): number {
  const [whole = '', fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const isCategory = (value: string): value is VatCategory => (vatCategories as readonly string[]).includes(value);

describe('VAT rates against the authorities (test/fixtures/vat/official-rates.json)', () => {
  it('has a source for every official rate, and rows for every country', () => {
    for (const row of official.rates) expect(official.sources[row.source], row.source).toBeDefined();
    expect(new Set(official.rates.map((r) => r.country))).toEqual(new Set(vatCountries));
  });

  it.each(official.rates.map((r) => [r.country, r.category, r.date, r.percent] as const))(
    '%s %s on %s is %s %%',
    (country, category, date, percent) => {
      if (!isVatCountry(country) || !isCategory(category)) throw new Error(`Unknown ${country} ${category}`);
      expect(rateForCategory(country, category, date)).toBe(basisPoints(percent));
    },
  );
});

describe('VAT rates by country and date', () => {
  it('moves Swedish food from 12 % to 6 % on 2026-04-01', () => {
    expect(rateForCategory('SE', 'food', '2026-03-31')).toBe(1200);
    expect(rateForCategory('SE', 'food', '2026-04-01')).toBe(600);
    expect(rateForCategory('SE', 'hospitality', '2026-04-01')).toBe(1200);
    expect(rateForCategory('SE', 'standard', '2026-04-01')).toBe(2500);
  });

  it('uses the Swedish calendar day for an instant: 00:30 on 1 April in Stockholm is already April', () => {
    const justAfterMidnight = new Date('2026-03-31T22:30:00Z'); // 00:30 CEST
    expect(countryDate('SE', justAfterMidnight)).toBe('2026-04-01');
    expect(rateForCategory('SE', 'food', justAfterMidnight)).toBe(600);
    expect(rateForCategory('SE', 'food', new Date('2026-03-31T21:30:00Z'))).toBe(1200);
  });

  it('ends the Swedish food cut with 2027: 12 % again from 2028-01-01', () => {
    expect(rateForCategory('SE', 'food', '2027-12-31')).toBe(600);
    expect(rateForCategory('SE', 'food', '2028-01-01')).toBe(1200);
    const newYearInStockholm = new Date('2027-12-31T23:00:00Z'); // 00:00 CET on 1 January 2028
    expect(rateForCategory('SE', 'food', newYearInStockholm)).toBe(1200);
    expect(rateForCategory('SE', 'food', new Date('2027-12-31T22:59:59Z'))).toBe(600);
  });

  it('raises the Finnish standard rate to 25.5 % from 2024-09-01', () => {
    expect(rateForCategory('FI', 'standard', '2024-08-31')).toBe(2400);
    expect(rateForCategory('FI', 'standard', '2024-09-01')).toBe(2550);
  });

  it('moves Finnish books, culture and transport to 14 % in 2025 and the whole 14 % band to 13.5 % in 2026', () => {
    expect(vatRatesFor('FI', '2024-12-31')).toEqual([2550, 1400, 1000]);
    expect(vatRatesFor('FI', '2025-06-01')).toEqual([2550, 1400, 1000]);
    expect(rateForCategory('FI', 'culture', '2025-06-01')).toBe(1400);
    expect(rateForCategory('FI', 'food', '2025-06-01')).toBe(1400);
    expect(vatRatesFor('FI', '2026-01-01')).toEqual([2550, 1350, 1000]);
    expect(rateForCategory('FI', 'press', '2026-01-01')).toBe(1000);
  });

  it.each([
    ['SE', '2026-05-01', [2500, 1200, 600]],
    ['NO', '2026-05-01', [2500, 1500, 1200, 0]],
    ['DK', '2026-05-01', [2500, 0]],
    ['IS', '2026-05-01', [2400, 1100]],
  ] as const)('lists the rates in force in %s, highest first', (country, day, rates) => {
    expect(vatRatesFor(country, day)).toEqual(rates);
  });

  it('knows which rates are real on a day', () => {
    expect(isKnownRate('SE', 600, '2026-05-01')).toBe(true);
    expect(isKnownRate('SE', 1500, '2026-05-01')).toBe(false);
    expect(isKnownRate('FI', 2550, '2024-08-31')).toBe(false);
    expect(isKnownRate('FI', 2550, '2024-09-01')).toBe(true);
  });

  it('has a rate for every category in every country, and a currency', () => {
    for (const country of vatCountries) {
      for (const category of vatCategories) {
        const rate = rateForCategory(country, category, '2026-01-01');
        expect(Number.isInteger(rate) && rate >= 0 && rate <= 10_000).toBe(true);
      }
    }
    expect(vatCountries.map(currencyForCountry)).toEqual(['SEK', 'NOK', 'DKK', 'EUR', 'ISK']);
  });

  it('finds the country of each currency', () => {
    expect(currencies.map(countryForCurrency)).toEqual(['SE', 'NO', 'DK', 'FI', 'IS']);
    for (const country of vatCountries) expect(countryForCurrency(currencyForCountry(country))).toBe(country);
  });

  it('refuses a date it cannot read', () => {
    expect(() => vatRatesFor('SE', '1 april')).toThrow(RangeError);
    expect(() => vatRatesFor('SE', new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('upcoming VAT changes', () => {
  const food2028 = { category: 'food', from: '2028-01-01', rate: 1200, previousRate: 600 };

  it('announces a change from seven days before it until the day before', () => {
    expect(upcomingVatChanges('SE', '2027-12-24')).toEqual([]);
    expect(upcomingVatChanges('SE', '2027-12-25')).toEqual([food2028]);
    expect(upcomingVatChanges('SE', '2027-12-31')).toEqual([food2028]);
    expect(upcomingVatChanges('SE', '2028-01-01')).toEqual([]);
  });

  it('counts days in the country: 23:30 UTC on 24 December is already the 25th in Stockholm', () => {
    expect(upcomingVatChanges('SE', new Date('2027-12-24T23:30:00Z'))).toEqual([food2028]);
    expect(upcomingVatChanges('SE', new Date('2027-12-24T23:00:00Z'))).toEqual([food2028]);
    expect(upcomingVatChanges('SE', new Date('2027-12-24T22:59:59Z'))).toEqual([]);
  });

  it('lists every category of a day in category order', () => {
    expect(upcomingVatChanges('FI', '2025-12-28').map((c) => [c.category, c.rate, c.previousRate])).toEqual([
      ['food', 1350, 1400],
      ['hospitality', 1350, 1400],
      ['culture', 1350, 1400],
      ['transport', 1350, 1400],
    ]);
  });

  it('tells only of changes to rates the catalog sells at', () => {
    expect(upcomingVatChanges('SE', '2027-12-28', { ratesInUse: new Set([2500, 1200]) })).toEqual([]);
    expect(upcomingVatChanges('SE', '2027-12-28', { ratesInUse: new Set([2500, 600]) })).toEqual([food2028]);
    expect(upcomingVatChanges('SE', '2026-03-28', { ratesInUse: new Set([1200]) })).toEqual([
      { category: 'food', from: '2026-04-01', rate: 600, previousRate: 1200 },
    ]);
  });

  it('is quiet where nothing changes', () => {
    for (const country of ['NO', 'DK', 'IS'] as const) expect(upcomingVatChanges(country, '2025-12-28')).toEqual([]);
  });

  it('takes a longer look-ahead when asked', () => {
    expect(upcomingVatChanges('FI', '2024-08-01', { days: 31 }).map((c) => c.category)).toEqual(['standard']);
    expect(upcomingVatChanges('FI', '2024-08-01', { days: 30 })).toEqual([]);
  });
});
