import { describe, expect, it } from 'vitest';
import { uiLanguages, type UiLanguage } from '../../../shared/domain/settings';
import { i18n } from '../../../renderer/src/i18n';
import { locales } from '../../../renderer/src/i18n/resources';

/**
 * Every language has exactly English's keys, no empty string, the same {{variables}}, and no
 * string left in English by mistake.
 */

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Text beyond the variables and symbols, e.g. not "{{quantity}} × {{price}}". */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/**
 * Strings that are rightly the same as English in some languages: the brand, and words these
 * languages borrowed as they are (and a product's name: efsta EFR). Anything else identical to English
 * is a forgotten translation.
 */
const sameAsEnglish: Partial<Record<UiLanguage, readonly string[]>> = {
  sv: [
    'app.title',
    'settings.envTest',
    'history.status',
    'report.period',
    'receipt.orderReference',
    'settings.printer.port',
    'settings.sweden.efsta',
    'report.meansSwish',
  ],
  nb: [
    'app.title',
    'settings.envTest',
    'sendLink.send',
    'history.status',
    'settings.printer.port',
    'settings.sweden.efsta',
    'report.meansSwish',
  ],
  da: [
    'app.title',
    'settings.envTest',
    'sendLink.send',
    'sendLink.email',
    'history.email',
    'cart.subtotal',
    'receipt.subtotal',
    'sale.orderReference',
    'history.status',
    'history.reference',
    'receipt.linkReference',
    'settings.printer.port',
    'settings.sweden.efsta',
    'report.meansSwish',
  ],
  // Swish: the payment service's name.
  fi: ['app.title', 'settings.sweden.efsta', 'report.meansSwish'],
  is: ['app.title', 'settings.sweden.efsta', 'report.meansSwish'],
};

const english = flatten(locales.en);
const others = uiLanguages.filter((l) => l !== 'en');

describe.each(others)('the %s translation', (language) => {
  const strings = flatten(locales[language]);

  it('has every English key and no other', () => {
    expect([...strings.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty string', () => {
    expect([...strings].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same interpolation variables as English in every string', () => {
    const mismatched = [...english]
      .filter(([key, en]) => JSON.stringify(variables(strings.get(key) ?? '')) !== JSON.stringify(variables(en)))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('leaves nothing in English except the documented words', () => {
    const allowed = new Set(sameAsEnglish[language] ?? []);
    const identical = [...english].filter(([key, en]) => strings.get(key) === en && hasWords(en) && !allowed.has(key)).map(([key]) => key);
    expect(identical).toEqual([]);
  });

  it('keeps the key name first in each shortcut hint, as the key is labelled on the keyboard', () => {
    for (const [key, en] of english) {
      if (!key.startsWith('keys.') || key === 'keys.title') continue;
      expect(strings.get(key)?.split(' ')[0], key).toBe(en.split(' ')[0]);
    }
  });
});

describe('the documented same-as-English list', () => {
  it('names only strings that really are identical, so it cannot hide a real gap', () => {
    for (const [language, keys] of Object.entries(sameAsEnglish) as [UiLanguage, readonly string[]][]) {
      const strings = flatten(locales[language]);
      for (const key of keys) expect(strings.get(key), `${language} ${key}`).toBe(english.get(key));
    }
  });
});

describe('plurals', () => {
  const t = (lng: UiLanguage, count: number) => i18n.t('cart.items', { lng, count });

  it.each(uiLanguages)('%s picks the singular for one item and the plural for several', (lng) => {
    const strings = flatten(locales[lng]);
    expect(t(lng, 1)).toBe(strings.get('cart.items_one')?.replace('{{count}}', '1'));
    expect(t(lng, 2)).toBe(strings.get('cart.items_other')?.replace('{{count}}', '2'));
    expect(t(lng, 0)).toBe(strings.get('cart.items_other')?.replace('{{count}}', '0'));
  });

  it('follows Icelandic grammar: 21 takes the singular, 11 the plural', () => {
    expect(t('is', 21)).toBe('21 vara');
    expect(t('is', 11)).toBe('11 vörur');
  });
});

describe('Swedish', () => {
  it('calls the cart one thing throughout: varukorg, never kundvagn', () => {
    const strings = [...flatten(locales.sv).entries()];
    expect(strings.filter(([, text]) => /kundvagn/i.test(text)).map(([key]) => key)).toEqual([]);
    expect(flatten(locales.sv).get('cart.heading')).toBe('Varukorg');
  });
});
