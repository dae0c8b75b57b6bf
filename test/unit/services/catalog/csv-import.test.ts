import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { productSchema } from '../../../../shared/domain/schemas';
import {
  CatalogFileError,
  ImportCancelledError,
  MAX_REPORTED_ERRORS,
  detectDelimiter,
  parseCatalogCsv,
  type ImportRowError,
} from '../../../../electron/services/catalog/csv-import';

/** The English side of row errors (their Messages are checked on their own below). */
const english = (errors: readonly ImportRowError[]) => errors.map(({ line, reason }) => ({ line, reason }));

const fixture = (name: string) => readFileSync(path.join(__dirname, '../../../fixtures/catalog', name), 'utf8');
const strictProducts = z.array(productSchema.strict());

describe('parseCatalogCsv: formats', () => {
  it('reads an English, comma-separated file with decimal points and a quoted comma', async () => {
    const result = await parseCatalogCsv(fixture('english-comma.csv'));
    expect(result.errors).toEqual([]);
    expect(result.products).toEqual([
      {
        barcode: '7310865000125',
        name: 'Coffee, medium roast 450 g',
        priceMinor: 5995,
        vatRate: 2500,
        unit: 'st',
        partNumber: 'LIV-1001',
        weighed: false,
      },
      { barcode: '2304011000003', name: 'Bananas', priceMinor: 2995, vatRate: 1200, unit: 'kg', partNumber: 'FRU-4011', weighed: true },
    ]);
    expect(strictProducts.parse(result.products)).toEqual(result.products);
  });

  it('reads Swedish headers in any case and spacing, a BOM, semicolons, decimal commas, a space thousands separator and escaped quotes', async () => {
    const result = await parseCatalogCsv(fixture('swedish-semicolon-bom.csv'));
    expect(result.errors).toEqual([]);
    expect(result.products).toEqual([
      {
        barcode: '7310865000125',
        name: 'Kaffe; mellanrost "Extra" 450 g',
        priceMinor: 123450,
        vatRate: 1200,
        unit: 'st',
        partNumber: 'LIV-1001',
        weighed: false,
      },
      // An empty unit defaults to kg for weighed goods.
      { barcode: '2304011000003', name: 'Bananer', priceMinor: 2995, vatRate: 1200, unit: 'kg', partNumber: 'FRU-4011', weighed: true },
    ]);
  });

  it('accepts the other header aliases and needs only barcode, name, price and VAT', async () => {
    const result = await parseCatalogCsv('EAN;Namn;Pris;Moms;Leverantör\n7310865000125;Kaffe;59,95;12;Gevalia AB\n');
    expect(result.products).toEqual([
      { barcode: '7310865000125', name: 'Kaffe', priceMinor: 5995, vatRate: 1200, unit: 'st', partNumber: '', weighed: false },
    ]);
    const english = await parseCatalogCsv('gtin,product name,price incl. VAT,VAT rate,partnumber\n1,A,1,25,P1\n');
    expect(english.products[0]).toMatchObject({ name: 'A', partNumber: 'P1' });
  });

  it('reads tab-separated files and old Mac line endings', async () => {
    const result = await parseCatalogCsv('barcode\tname\tprice\tvat\r1\tA\t1,00\t25\r2\tB\t2\t6\r');
    expect(result.products.map((p) => [p.barcode, p.priceMinor, p.vatRate])).toEqual([
      ['1', 100, 2500],
      ['2', 200, 600],
    ]);
  });

  it.each([
    ['12', 1200],
    ['12,5', 1250],
    ['12.50', 1250],
    ['0,05', 5],
    [',5', 50],
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u202f234,50', 123450],
    ['1.234,50', 123450],
    ['1,234.50', 123450],
    ['1.234.567', 123456700],
    ['12:-', 1200],
    ['12,50 kr', 1250],
    ['007', 700],
    ['0', 0],
  ])('reads the price %j as %i öre', async (price, minor) => {
    const result = await parseCatalogCsv(`barcode;name;price;vat\n1;A;"${price}";25\n`);
    expect(result.errors).toEqual([]);
    expect(result.products[0]?.priceMinor).toBe(minor);
  });

  it.each([
    ['25', 2500],
    ['25%', 2500],
    ['25 %', 2500],
    ['25,5', 2550],
    ['25.50', 2550],
    ['13,5', 1350],
    ['12,00', 1200],
    ['6', 600],
    ['0', 0],
  ])('reads the VAT rate %j as %i basis points', async (vat, basisPoints) => {
    const result = await parseCatalogCsv(`barcode;name;price;vat\n1;A;1;${vat}\n`);
    expect(result.errors).toEqual([]);
    expect(result.products[0]?.vatRate).toBe(basisPoints);
  });

  it.each([
    ['ja', true],
    ['JA', true],
    ['yes', true],
    ['1', true],
    ['x', true],
    ['nej', false],
    ['no', false],
    ['0', false],
    ['', false],
  ])('reads weighed %j as %s', async (value, weighed) => {
    const result = await parseCatalogCsv(`barcode;name;price;vat;vikt\n1;A;1;25;${value}\n`);
    expect(result.products[0]?.weighed).toBe(weighed);
  });

  it('detects the separator from the header line, ignoring separators inside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('"a;x;y",b,c\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
  });
});

describe('parseCatalogCsv: errors', () => {
  it('reports every kind of bad row by its physical line, counting quoted line breaks and blank lines', async () => {
    const result = await parseCatalogCsv(fixture('errors.csv'));
    expect(english(result.errors)).toEqual([
      { line: 6, reason: 'barcode missing' },
      { line: 7, reason: 'price is not a number (abc)' },
      { line: 8, reason: 'VAT rate 17 % is not a rate we know' },
      { line: 9, reason: 'duplicate barcode (first on line 2)' },
      { line: 10, reason: 'name missing' },
      { line: 11, reason: 'price cannot be negative' },
    ]);
    expect(result.products.map((p) => p.barcode)).toEqual(['1', '2', '7']);
    expect(result.products[1]).toMatchObject({ name: 'Två rader', priceMinor: 2050 });
    expect(result).toMatchObject({ errorCount: 6, rowsRead: 9 });
  });

  it.each([
    ['1;A;;25', 'price missing'],
    ['1;A;12,345;25', 'price 12,345 has more than two decimals'],
    ['1;A;1.2.3,4;25', 'price is not a number (1.2.3,4)'],
    ['1;A;123456789;25', 'price is too large'],
    ['1;A;1;', 'VAT rate missing'],
    ['1;A;1;moms', 'VAT rate is not a number (moms)'],
    ['1;A;1;25,55', 'VAT rate 25.55 % is not a rate we know'],
    ['1;A;1;0.25', 'VAT rate 0.25 % is not a rate we know (write the rate in percent, e.g. 25)'],
    ['7,31087E+12;A;1;25', 'barcode 7,31087E+12 was turned into a number by the spreadsheet; format the column as text and export again'],
    [`${'9'.repeat(65)};A;1;25`, 'barcode is longer than 64 characters'],
    [`1;${'n'.repeat(201)};1;25`, 'name is longer than 200 characters'],
    ['1;A;1;25;kanske', 'weighed must be yes or no (got kanske)'],
    ['1;A;x;17', 'price is not a number (x); VAT rate 17 % is not a rate we know'],
    ['1;A;1;25;nej;extra', 'the row has 6 fields but the first line names 5 columns'],
  ])('rejects the row %j: %s', async (row, reason) => {
    const result = await parseCatalogCsv(`barcode;name;price;vat;weighed\n${row}\n`);
    expect(english(result.errors)).toEqual([{ line: 2, reason }]);
    expect(result.products).toEqual([]);
  });

  it('explains an unquoted decimal comma in a comma-separated file', async () => {
    const result = await parseCatalogCsv('barcode,name,price,vat\n1,A,12,50,25\n');
    expect(result.errors[0]?.reason).toBe(
      'the row has 5 fields but the first line names 4 columns (in a comma-separated file, a decimal comma must be inside quotes)',
    );
  });

  it('reports an unclosed quote on the line where the row starts', async () => {
    const result = await parseCatalogCsv('barcode;name;price;vat\n1;A;1;25\n2;"Never closed;1;25\n3;C;1;25\n');
    expect(english(result.errors)).toEqual([{ line: 3, reason: 'a quoted field is never closed (missing ")' }]);
    expect(result.products.map((p) => p.barcode)).toEqual(['1']);
  });

  it("gives each reason of a row as a Message, for the clerk's language", async () => {
    const result = await parseCatalogCsv('barcode;name;price;vat\n1;A;x;17\n1;B;1;25\n1;C;1;25\n');
    expect(result.errors.map((e) => e.messages)).toEqual([
      [
        { key: 'rowPriceNotNumber', params: { value: 'x' } },
        { key: 'rowVatUnknown', params: { value: '17' } },
      ],
      [{ key: 'rowDuplicate', params: { line: 3 } }],
    ]);
  });

  it('treats barcodes that differ only in GTIN leading zeros as duplicates', async () => {
    const result = await parseCatalogCsv('barcode;name;price;vat\n012345678905;A;1;25\n0012345678905;B;1;25\n');
    expect(english(result.errors)).toEqual([{ line: 3, reason: 'duplicate barcode (first on line 2)' }]);
  });

  it('does not count a rejected row as the first of a duplicate', async () => {
    const result = await parseCatalogCsv('barcode;name;price;vat\n1;A;bad;25\n1;B;1;25\n');
    expect(english(result.errors)).toEqual([{ line: 2, reason: 'price is not a number (bad)' }]);
    expect(result.products.map((p) => p.name)).toEqual(['B']);
  });

  it('skips rows with only separators, as spreadsheets export below the data', async () => {
    const result = await parseCatalogCsv('barcode;name;price;vat\n1;A;1;25\n;;;\n ; ; ; \n');
    expect(result).toMatchObject({ rowsRead: 1, errorCount: 0 });
  });

  it('lists the first 500 errors and counts them all', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => `${i};Namn;fel;25`);
    const result = await parseCatalogCsv(`barcode;name;price;vat\n${rows.join('\n')}\n`);
    expect(result.errorCount).toBe(700);
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(result.errors.at(-1)?.line).toBe(501);
  });

  it.each([
    ['', 'The file is empty.'],
    ['PK\u0003\u0004binary', 'This is not a CSV text file'],
    ['barcode;name;price;vat\n1;Mj\ufffdlk;1;25', 'not saved as UTF-8'],
    ['streckkod;namn;pris\n1;A;1\n', 'it has no VAT (moms) column'],
    ['foo;bar\n1;2\n', 'it has no barcode (streckkod), name (namn), price (pris), VAT (moms) column'],
    ['ean;streckkod;namn;pris;moms\n', 'The file has two barcode (streckkod) columns (columns 1 and 2)'],
  ])('rejects the whole file %j', async (text, message) => {
    const attempt = parseCatalogCsv(text);
    await expect(attempt).rejects.toBeInstanceOf(CatalogFileError);
    await expect(attempt).rejects.toThrow(message);
  });
});

describe('parseCatalogCsv: streaming', () => {
  const bigCsv = (rows: number, badEvery = 0) => {
    const lines = ['streckkod;namn;pris;moms'];
    for (let i = 0; i < rows; i++) {
      const price = badEvery && i % badEvery === 0 ? 'x' : `${i % 900},${String(i % 100).padStart(2, '0')}`;
      lines.push(i % 1000 === 0 ? `${i};"Rad\n${i}";${price};25` : `${i};Rad ${i};${price};12`);
    }
    return lines.join('\n');
  };

  it('reports progress every N rows and keeps line numbers right across its pauses', async () => {
    const progress: number[] = [];
    const result = await parseCatalogCsv(bigCsv(12_000, 997), { progressEvery: 5_000, onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([5_000, 10_000]);
    expect(result.rowsRead).toBe(12_000);
    // Row i sits on line i + 2 plus one extra line for every multi-line row before it.
    const expectedLine = (i: number) => i + 2 + Math.ceil(i / 1000);
    const bad = Array.from({ length: 12_000 }, (_, i) => i).filter((i) => i % 997 === 0);
    expect(result.errors.map((e) => e.line)).toEqual(bad.map(expectedLine));
    expect(result.products).toHaveLength(12_000 - bad.length);
  });

  it('yields to the event loop between batches', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await parseCatalogCsv(bigCsv(20_000), { progressEvery: 1_000 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const attempt = parseCatalogCsv(bigCsv(20_000), {
      progressEvery: 1_000,
      signal: controller.signal,
      onProgress: (n) => {
        if (n === 2_000) controller.abort();
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(ImportCancelledError);
  });

  it('produces products that satisfy the product schema for a large generated file', async () => {
    const result = await parseCatalogCsv(bigCsv(3_000));
    expect(strictProducts.safeParse(result.products).success).toBe(true);
  });
});

describe('parseCatalogCsv: goods or service, and the main group (Swedish day reports)', () => {
  it('reads the kind (vara/tjänst, goods/service, empty = goods) and the group under their aliases', async () => {
    const csv = [
      'Streckkod;Namn;Pris;Moms;Artikeltyp;Huvudgrupp',
      '7310865000125;Kaffe;59,95;6;vara;Livsmedel',
      '7350000000429;Presentinslagning;20,00;25;Tjänst; Tjänster ',
      '7310555086439;Kanelbulle;15,00;12;;',
    ].join('\n');
    const result = await parseCatalogCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.products.map((p) => [p.name, p.kind, p.group])).toEqual([
      ['Kaffe', 'goods', 'Livsmedel'],
      ['Presentinslagning', 'service', 'Tjänster'],
      ['Kanelbulle', 'goods', undefined],
    ]);
    expect(strictProducts.parse(result.products)).toEqual(result.products);
    const english = await parseCatalogCsv('barcode,name,price,vat,kind,group\n7310865000125,Coffee,59.95,6,service,Drinks\n');
    expect(english.products[0]).toMatchObject({ kind: 'service', group: 'Drinks' });
    // Another system's "Type" and "Category" columns are not ours: ignored, as they always were.
    const other = await parseCatalogCsv(
      `barcode,name,price,vat,type,category\n7310865000125,Coffee,59.95,6,Food,${'Hot drinks and other things '.repeat(3)}\n`,
    );
    expect(other.errors).toEqual([]);
    expect(other.products[0]).not.toHaveProperty('kind');
    expect(other.products[0]).not.toHaveProperty('group');
  });

  it('gives a file without the columns products without a kind or group (as before)', async () => {
    const result = await parseCatalogCsv('barcode,name,price,vat\n7310865000125,Coffee,59.95,6\n');
    expect(result.products[0]).not.toHaveProperty('kind');
    expect(result.products[0]).not.toHaveProperty('group');
  });

  it('rejects an unknown kind and a group longer than 60 characters with a row message', async () => {
    const csv = `barcode;name;price;vat;typ;varugrupp\n7310865000125;Kaffe;59,95;6;gadget;Livsmedel\n7310555086439;Bulle;15;12;vara;${'x'.repeat(61)}\n`;
    const result = await parseCatalogCsv(csv);
    expect(result.products).toEqual([]);
    expect(english(result.errors)).toEqual([
      { line: 2, reason: 'kind must be goods or service (vara or tjänst) (got gadget)' },
      { line: 3, reason: 'group is longer than 60 characters' },
    ]);
  });
});
