import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barcodeKey, buildCatalogIndex, normalizeSearchText } from '../../../shared/domain/catalog-search';
import type { Product } from '../../../shared/domain/schemas';

const product = (barcode: string, name: string, partNumber = ''): Product => ({
  barcode,
  name,
  priceMinor: 1000,
  vatRate: 2500,
  unit: 'st',
  partNumber,
  weighed: false,
});

const names = (products: Product[]) => products.map((p) => p.name);

describe('normalizeSearchText', () => {
  it('drops case and diacritics the way clerks type', () => {
    expect(normalizeSearchText('Kaffé')).toBe('kaffe');
    expect(normalizeSearchText('Åke Öberg')).toBe('ake oberg');
    expect(normalizeSearchText('Smørrebrød Æble þorskur')).toBe('smorrebrod aeble thorskur');
  });

  it('gives the same text for precomposed and decomposed input', () => {
    expect(normalizeSearchText('Cre\u0300me')).toBe(normalizeSearchText('Crème'));
  });

  it('collapses punctuation and whitespace runs to single spaces', () => {
    expect(normalizeSearchText('  AB-123 / x\t\ny  ')).toBe('ab 123 x y');
  });
});

describe('barcodeKey and byBarcode', () => {
  it('treats UPC-A, EAN-13 and GTIN-14 forms of one code as the same product', () => {
    const index = buildCatalogIndex([product('012345678905', 'Upc item')]);
    expect(index.byBarcode.get('012345678905')?.name).toBe('Upc item');
    expect(index.byBarcode.get('0012345678905')?.name).toBe('Upc item');
    expect(index.byBarcode.get('00012345678905')?.name).toBe('Upc item');
    expect(index.byBarcode.get(' 0012345678905\r\n')?.name).toBe('Upc item');
  });

  it('keeps short and non-numeric codes exact', () => {
    expect(barcodeKey('007')).not.toBe(barcodeKey('7'));
    expect(barcodeKey('AB0012')).toBe('AB0012');
    const index = buildCatalogIndex([product('007', 'Bond')]);
    expect(index.byBarcode.get('7')).toBeUndefined();
    expect(index.byBarcode.get('007')?.name).toBe('Bond');
  });

  it('keeps the first product when two barcodes share a key', () => {
    const index = buildCatalogIndex([product('7310865000125', 'First'), product('07310865000125', 'Second')]);
    expect(index.byBarcode.get('7310865000125')?.name).toBe('First');
    expect(index.size).toBe(2);
  });
});

describe('search', () => {
  const catalog = [
    product('1', 'Kaffé bönor mörkrost 500 g', 'LIV-1002'),
    product('2', 'Bryggkaffe mellanrost 450 g', 'LIV-1001'),
    product('3', 'Mjölk 3 % 1,5 l', 'LIV-2001'),
    product('4', 'Chokladmjölk 1 l', 'LIV-2010'),
    product('5', 'Åkes limpa', 'BRD-77'),
    product('6', 'Kaffefilter nr 4', 'HEM-0040'),
    product('7', 'Kaffe, kopp', 'CAF-0001'),
    product('8', 'Batterier AA 4-pack', 'AB-123'),
  ];
  const index = buildCatalogIndex(catalog);

  it('finds "Kaffé" when the clerk types "kaffe", and "Åke" from "ake"', () => {
    expect(names(index.search('kaffe'))).toContain('Kaffé bönor mörkrost 500 g');
    expect(names(index.search('ake'))).toEqual(['Åkes limpa']);
    expect(names(index.search('KAFFÉ BÖNOR'))).toEqual(['Kaffé bönor mörkrost 500 g']);
  });

  it('ranks words that start with the query before matches inside a word, by name within each group', () => {
    expect(names(index.search('kaffe'))).toEqual([
      'Kaffé bönor mörkrost 500 g',
      'Kaffe, kopp',
      'Kaffefilter nr 4',
      'Bryggkaffe mellanrost 450 g',
    ]);
    expect(names(index.search('mjolk'))).toEqual(['Mjölk 3 % 1,5 l', 'Chokladmjölk 1 l']);
  });

  it('requires every word of a multi-word query, in any order', () => {
    // "rost" is inside a word in both, so both rank as substring matches, by name.
    expect(names(index.search('rost kaffe'))).toEqual(['Bryggkaffe mellanrost 450 g', 'Kaffé bönor mörkrost 500 g']);
    expect(names(index.search('500 kaffe'))).toEqual(['Kaffé bönor mörkrost 500 g']);
    expect(index.search('kaffe mjolk')).toEqual([]);
  });

  it('finds products by part number, with or without its punctuation', () => {
    expect(names(index.search('hem-0040'))).toEqual(['Kaffefilter nr 4']);
    expect(names(index.search('ab123'))).toEqual(['Batterier AA 4-pack']);
    expect(names(index.search('ab 123'))).toEqual(['Batterier AA 4-pack']);
    expect(names(index.search('liv-20'))).toEqual(['Chokladmjölk 1 l', 'Mjölk 3 % 1,5 l']);
  });

  it('puts an exact barcode or part number first', () => {
    expect(names(index.search('LIV-2010')).at(0)).toBe('Chokladmjölk 1 l');
    expect(names(index.search('7'))[0]).toBe('Kaffe, kopp');
  });

  it('honours the limit and fills it with the best-ranked products', () => {
    const many = Array.from({ length: 300 }, (_, i) => product(String(1000 + i), `Vara ${String(i).padStart(3, '0')}`));
    const big = buildCatalogIndex([...many, product('9', 'Avara special')]);
    expect(big.search('vara')).toHaveLength(20);
    expect(names(big.search('vara', 3))).toEqual(['Vara 000', 'Vara 001', 'Vara 002']);
    expect(big.search('vara', 500).at(-1)?.name).toBe('Avara special');
    expect(big.search('vara', 0)).toEqual([]);
    expect(big.search('vara', Number.NaN)).toHaveLength(20);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('  -- ')).toEqual([]);
  });

  it('never throws and returns only catalog products, whatever is typed or pasted', () => {
    const inCatalog = new Set(catalog);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u0002', '\n', '\r', '\t', 'a', 'ö', '\u0301', ' '), maxLength: 2000 }),
      fc.constantFrom('a'.repeat(2000), 'å '.repeat(1000), '\u0002'.repeat(2000)),
    );
    fc.assert(
      fc.property(hostile, fc.integer({ min: -5, max: 600 }), (query, limit) => {
        const found = index.search(query, limit);
        expect(found.length).toBeLessThanOrEqual(Math.max(0, Math.min(limit, 500)));
        for (const p of found) expect(inCatalog.has(p)).toBe(true);
        expect(new Set(found).size).toBe(found.length);
      }),
      { numRuns: 300 },
    );
  });

  it('matches a product exactly when every normalised query word occurs in its name or part number', () => {
    const word = fc.constantFrom('kaffe', 'mjolk', 'rost', '500', 'liv', 'ab', 'a', 'k', 'o', '1');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (words) => {
        const expected = catalog.filter((p) => {
          const hay = `${normalizeSearchText(p.name)} ${normalizeSearchText(p.partNumber)} ${normalizeSearchText(p.partNumber).replace(/ /g, '')}`;
          return words.every((w) => hay.includes(w));
        });
        const found = index.search(words.join(' '), 500);
        expect(new Set(found)).toEqual(new Set(expected));
      }),
    );
  });
});
