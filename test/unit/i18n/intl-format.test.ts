import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/domain/format';
import { uiLanguages } from '../../../shared/domain/settings';
import { formatCalendarDate, formatDateTime, intlLocale, providerCode } from '../../../renderer/src/i18n';

// Intl puts no-break spaces (U+00A0, U+202F) in money; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money in the chosen language and the sale currency', () => {
  it('writes Swedish kronor the Swedish way', () => {
    expect(plain(formatMoney(2500, 'SEK', intlLocale('sv')))).toBe('25,00 kr');
    expect(plain(formatMoney(123456, 'SEK', intlLocale('sv')))).toBe('1 234,56 kr');
  });

  it('shows Icelandic krónur without decimals in every language', () => {
    for (const language of uiLanguages) {
      const text = plain(formatMoney(250000, 'ISK', intlLocale(language)));
      expect(text, language).toMatch(/2[ .,]?500/);
      expect(text, language).not.toMatch(/2[ .,]?500[.,]\d/);
    }
    expect(plain(formatMoney(250000, 'ISK', intlLocale('is')))).toBe('2.500 kr.');
  });

  it('writes Norwegian, Danish and Finnish amounts with a decimal comma', () => {
    // CLDR moved the Norwegian sign after the amount in 2023; either order is correct Norwegian.
    expect(plain(formatMoney(4990, 'NOK', intlLocale('nb')))).toMatch(/^(kr 49,90|49,90 kr)$/);
    expect(plain(formatMoney(4990, 'DKK', intlLocale('da')))).toBe('49,90 kr.');
    expect(plain(formatMoney(4990, 'EUR', intlLocale('fi')))).toBe('49,90 €');
  });

  it('falls back to British English for an unknown language rather than failing', () => {
    expect(intlLocale('xx')).toBe('en-GB');
    expect(plain(formatMoney(4990, 'EUR', intlLocale('en')))).toBe('€49.90');
  });
});

describe('dates in the chosen language', () => {
  const when = new Date(2026, 2, 3, 14, 5); // local time, so the test is the same in every time zone

  it('names the month in the language and uses a 24-hour clock', () => {
    expect(formatDateTime(when, 'sv')).toMatch(/3 mars 2026.*14:05/);
    expect(formatDateTime(when, 'fi')).toMatch(/3\.3\.2026.*14\.05/);
    expect(formatDateTime(when.toISOString(), 'da')).toMatch(/3\. mar\.? 2026.*14[.:]05/);
  });
});

describe('a date filter’s chosen day in the clerk’s language (a date input shows the computer’s)', () => {
  it('names the day as the language does, whatever the computer’s time zone', () => {
    expect(formatCalendarDate('2026-03-03', 'sv')).toBe('3 mars 2026');
    expect(formatCalendarDate('2026-03-03', 'en')).toBe('3 March 2026');
    expect(formatCalendarDate('2026-12-31', 'fi')).toBe('31. joulukuuta 2026');
  });

  it('says nothing for an empty or broken value rather than throwing', () => {
    expect(formatCalendarDate('', 'sv')).toBe('');
    expect(formatCalendarDate('2026-13-45', 'sv')).toBe('');
  });
});

describe('a provider’s own status code', () => {
  it('is taken from the Message for a hover title, and absent when there is none', () => {
    expect(providerCode({ key: 'reasonOrderDenied', params: { status: 'DENIED', provider: 'Ecster' } })).toBe('DENIED');
    expect(providerCode({ key: 'reasonLinkUnknown' })).toBeUndefined();
    expect(providerCode(null)).toBeUndefined();
  });
});
