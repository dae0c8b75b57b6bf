import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMinorPlain, formatMoney, formatQuantity, formatVatRate, parseMoneyInput } from '../../../shared/domain/format';

// Intl separates with no-break spaces in Nordic locales; compare with plain spaces.
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats minor units in the locale, two decimals', () => {
    expect(plain(formatMoney(12950, 'SEK', 'sv-SE'))).toBe('129,50 kr');
    expect(plain(formatMoney(123456789, 'EUR', 'fi-FI'))).toBe('1 234 567,89 €');
    expect(formatMoney(-5, 'EUR', 'en-IE')).toBe('-€0.05');
  });

  it('shows ISK in whole krónur', () => {
    expect(plain(formatMoney(129900, 'ISK', 'is-IS'))).toBe('1.299 kr.');
  });

  it('formats without floating point error at the largest amounts', () => {
    expect(plain(formatMoney(999_999_999, 'SEK', 'sv-SE'))).toBe('9 999 999,99 kr');
  });

  it('refuses a fractional amount', () => {
    expect(() => formatMoney(1.5, 'SEK', 'sv-SE')).toThrow(RangeError);
  });

  it('writes locale-free amounts for providers', () => {
    expect(formatMinorPlain(12900, 'SEK')).toBe('129.00');
    expect(formatMinorPlain(5, 'EUR')).toBe('0.05');
    expect(formatMinorPlain(129900, 'ISK')).toBe('1299');
  });
});

describe('formatQuantity', () => {
  it('shows pieces as a count and weighed goods in kg with three decimals', () => {
    expect(formatQuantity(3000, false, 'sv-SE')).toBe('3');
    expect(formatQuantity(345, true, 'sv-SE')).toBe('0,345 kg');
    expect(formatQuantity(1200, true, 'en-GB')).toBe('1.200 kg');
  });
});

describe('formatVatRate', () => {
  it('shows basis points as a percentage in the locale', () => {
    expect(plain(formatVatRate(2500, 'sv-SE'))).toBe('25 %');
    expect(plain(formatVatRate(2550, 'fi-FI'))).toBe('25,5 %');
    expect(formatVatRate(1350, 'en-GB')).toBe('13.5%');
    expect(formatVatRate(0, 'en-GB')).toBe('0%');
  });
});

describe('parseMoneyInput', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['12', 1200],
    ['12,5', 1250],
    [',50', 50],
    [' 1 234,50 ', 123450],
    ['1\u00a0234,50', 123450],
    ['1.234,50', 123450],
    ['1,234.50', 123450],
    ['1.234.567', 123456700],
    ['12 kr', 1200],
    ['12:-', 1200],
    ['0.07', 7],
    ['0.1', 10],
  ])('reads %j as %i minor units', (text, minor) => {
    expect(parseMoneyInput(text, 'SEK')).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'empty'],
    ['-5', 'negative'],
    ['abc', 'not-digits'],
    ['12,345', 'decimals'],
    ['1.23.4', 'grouping'],
    ['1e3', 'not-digits'],
    ['99999999999999', 'too-large'],
    ['10000000.01', 'too-large'],
  ])('refuses %j as %s', (text, problem) => {
    expect(parseMoneyInput(text, 'SEK')).toEqual({ ok: false, problem });
  });

  it('wants whole krónur for ISK', () => {
    expect(parseMoneyInput('1299', 'ISK')).toEqual({ ok: true, minor: 129900 });
    expect(parseMoneyInput('12,50', 'ISK')).toEqual({ ok: false, problem: 'decimals' });
  });

  it('reads back what formatMinorPlain wrote, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (minor) => {
        expect(parseMoneyInput(formatMinorPlain(minor, 'EUR'), 'EUR')).toEqual({ ok: true, minor });
      }),
    );
  });
});
