import { gtinCheckDigit } from '../../shared/domain/gtin';
import { seeded } from './stats';

/**
 * A synthetic shop catalog for the benchmarks: `count` rows with valid EAN-13 barcodes (prefix 73,
 * so none is a GS1 in-store code) and names built from a small grocery vocabulary, so a search
 * word matches many products the way it does in a real shop.
 */
const brands = [
  'Arla',
  'Skånemejerier',
  'Garant',
  'ICA',
  'Zeta',
  'Barilla',
  'Felix',
  'Marabou',
  'Löfbergs',
  'Pågen',
  'Oatly',
  'Kungsörnen',
  'Findus',
  'Abba',
  'Göteborgs',
  'Risenta',
];
const nouns = [
  'kaffe',
  'mjölk',
  'ost',
  'bröd',
  'pasta',
  'ris',
  'yoghurt',
  'smör',
  'juice',
  'te',
  'choklad',
  'kex',
  'müsli',
  'sylt',
  'senap',
  'ketchup',
  'sill',
  'korv',
  'skinka',
  'tonfisk',
  'havregryn',
  'mjöl',
  'socker',
  'flingor',
];
const kinds = [
  'mellanrost',
  'mörkrost',
  'lätt',
  'standard',
  'eko',
  'laktosfri',
  'original',
  'naturell',
  'vanilj',
  'jordgubb',
  'fullkorn',
  'glutenfri',
  'extra',
  'mild',
  'stark',
  'classic',
];
const sizes = ['250 g', '450 g', '500 g', '1 kg', '1 l', '1,5 l', '200 g', '750 g', '6-pack', '330 ml'];

export interface BenchProduct {
  barcode: string;
  name: string;
  partNumber: string;
}

export function benchBarcode(i: number): string {
  const body = `73${String(10_000_000_000 + i * 7919).slice(-10)}`;
  return body + String(gtinCheckDigit(body));
}

export function benchProducts(count: number, seed = 42): BenchProduct[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const products: BenchProduct[] = [];
  for (let i = 0; i < count; i++) {
    products.push({
      barcode: benchBarcode(i),
      name: `${pick(brands)} ${pick(nouns)} ${pick(kinds)} ${pick(sizes)}`,
      partNumber: `BN-${String(i).padStart(6, '0')}`,
    });
  }
  return products;
}

/** The catalog as a shop's spreadsheet would export it (English headers, comma separated). */
export function catalogCsv(products: readonly BenchProduct[], seed = 7): string {
  const random = seeded(seed);
  const lines = ['barcode,name,price,vat,unit,part number,weighed'];
  for (const p of products) {
    const cents = 100 + Math.floor(random() * 49_900);
    const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const name = p.name.includes(',') ? `"${p.name}"` : p.name;
    lines.push(`${p.barcode},${name},${price},${random() < 0.5 ? 25 : 12},st,${p.partNumber},no`);
  }
  return lines.join('\n') + '\n';
}
