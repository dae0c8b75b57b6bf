import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCatalogCsv } from '../../../../electron/services/catalog/csv-import';
import { sampleProducts, sampleProductsOn, sampleQuickKeys } from '../../../../electron/services/catalog/sample-catalog';
import { productSchema } from '../../../../shared/domain/schemas';

/** EAN-13 check digit computed here from the GS1 rule (weights 1,3,1,3… from the left), independently of the app. */
function ean13CheckDigitOk(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

describe('sample catalog', () => {
  it('checks its own check-digit rule against known real codes', () => {
    expect(ean13CheckDigitOk('4006381333931')).toBe(true);
    expect(ean13CheckDigitOk('4006381333932')).toBe(false);
  });

  it('has about 30 products that satisfy the product schema exactly', () => {
    expect(sampleProducts.length).toBeGreaterThanOrEqual(25);
    expect(z.array(productSchema.strict()).parse(sampleProducts)).toEqual(sampleProducts);
  });

  it('uses only EAN-13 barcodes with correct check digits, all different', () => {
    for (const p of sampleProducts) expect([p.barcode, ean13CheckDigitOk(p.barcode)]).toEqual([p.barcode, true]);
    expect(new Set(sampleProducts.map((p) => p.barcode)).size).toBe(sampleProducts.length);
  });

  it('covers the Swedish VAT rates and sells weighed goods per kg under in-store codes', () => {
    expect(new Set(sampleProducts.map((p) => p.vatRate))).toEqual(new Set([2500, 1200, 600]));
    const weighed = sampleProducts.filter((p) => p.weighed);
    expect(weighed.length).toBeGreaterThanOrEqual(2);
    for (const p of weighed) {
      expect(p.unit).toBe('kg');
      // 23 = weight-embedded scale labels; the catalog lists the item with the weight zeroed.
      expect(p.barcode).toMatch(/^23\d{5}00000\d$/);
    }
  });

  it('pins quick keys that are all in the sample', () => {
    const barcodes = new Set(sampleProducts.map((p) => p.barcode));
    expect(sampleQuickKeys.length).toBeGreaterThan(0);
    for (const b of sampleQuickKeys) expect(barcodes.has(b)).toBe(true);
  });

  it("takes each item's VAT from the rate in force on the day: groceries 12 % before and 6 % from 1 April 2026", () => {
    const milk = (date: string) => sampleProductsOn(new Date(date)).find((p) => p.partNumber === 'LIV-2001')!.vatRate;
    const bun = (date: string) => sampleProductsOn(new Date(date)).find((p) => p.partNumber === 'CAF-0002')!.vatRate;
    expect(milk('2026-03-31T12:00:00Z')).toBe(1200);
    expect(milk('2026-04-01T12:00:00Z')).toBe(600);
    expect(bun('2026-04-01T12:00:00Z')).toBe(1200); // café service stays at 12 %
  });

  it('is exactly what examples/catalog.csv imports to (the file carries the rates of the 6 % food period)', async () => {
    const csv = readFileSync(path.join(__dirname, '../../../../examples/catalog.csv'), 'utf8');
    const result = await parseCatalogCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.products).toEqual(sampleProductsOn(new Date('2026-11-21T12:00:00Z')));
  });
});
