import { describe, expect, it } from 'vitest';
import {
  countryDate,
  currencyForCountry,
  isKnownRate,
  rateForCategory,
  vatCategories,
  vatCountries,
  vatRatesFor,
} from '../../../shared/domain/vat';

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

  it('raises the Finnish standard rate to 25.5 % from 2024-09-01', () => {
    expect(rateForCategory('FI', 'standard', '2024-08-31')).toBe(2400);
    expect(rateForCategory('FI', 'standard', '2024-09-01')).toBe(2550);
    expect(vatRatesFor('FI', '2025-06-01')).toEqual([2550, 1350, 1000]);
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

  it('refuses a date it cannot read', () => {
    expect(() => vatRatesFor('SE', '1 april')).toThrow(RangeError);
    expect(() => vatRatesFor('SE', new Date('nonsense'))).toThrow(RangeError);
  });
});
