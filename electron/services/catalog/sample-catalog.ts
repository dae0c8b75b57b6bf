import type { Product } from '../../../shared/domain/schemas';
import { rateForCategory, type VatCategory } from '../../../shared/domain/vat';

/**
 * What a brand-new install sells until the merchant imports a catalog, so a first sale takes a
 * minute: everyday Swedish shop items with valid EAN-13 codes (check digits verified by the
 * tests), prices in öre including VAT. Each item has a VAT category and its rate is looked up
 * for the day (shared/domain/vat.ts): groceries are 6 % from 2026-04-01 (12 % before), café
 * service 12 %, newspapers and books 6 %, the rest 25 %. Weighed goods are priced per kg and listed by the scale-label form of an in-store code
 * (prefix 23, item code, weight zeroed: 23 IIIII 00000 C), so a label printed by a Swedish shop
 * scale finds them (see shared/domain/gtin.ts). examples/catalog.csv holds the same items.
 */
/**
 * Each item's main group (huvudgrupp, what a Swedish day report sums sales by), from its part
 * number's prefix; TJA is a service (tjänst), everything else goods.
 */
const groups: Readonly<Record<string, string>> = {
  LIV: 'Livsmedel',
  CAF: 'Café',
  FRU: 'Frukt och grönt',
  GOD: 'Godis',
  HEM: 'Hem och hushåll',
  KAS: 'Kassar',
  TID: 'Tidningar och böcker',
  BOK: 'Tidningar och böcker',
  TJA: 'Tjänster',
};

type Row = [barcode: string, name: string, priceMinor: number, category: VatCategory, partNumber: string, unit?: string, weighed?: boolean];
const p = (...row: Row): Row => row;

const rows: readonly Row[] = [
  p('7310865000125', 'Bryggkaffe mellanrost 450 g', 5995, 'food', 'LIV-1001'),
  p('7310865000293', 'Kaffé bönor mörkrost 500 g', 8995, 'food', 'LIV-1002'),
  p('7310865000361', 'Kaffe, kopp', 2500, 'hospitality', 'CAF-0001'),
  p('7310055012341', 'Mjölk 3 % 1,5 l', 1995, 'food', 'LIV-2001'),
  p('7310120003458', 'Lättmjölk 0,5 % 1 l', 1395, 'food', 'LIV-2002'),
  p('7310953001010', 'Filmjölk 3 % 1 l', 1695, 'food', 'LIV-2003'),
  p('7310953001188', 'Crème fraiche 34 % 2 dl', 1995, 'food', 'LIV-2004'),
  p('7310027004565', 'Smör normalsaltat 500 g', 5495, 'food', 'LIV-2005'),
  p('7310444007897', 'Ägg 12-pack frigående', 4495, 'food', 'LIV-2006'),
  p('7310444007965', 'Prästost 31 % 450 g', 6995, 'food', 'LIV-2007'),
  p('7311234001583', 'Knäckebröd råg 520 g', 2695, 'food', 'LIV-3001'),
  p('7310555086439', 'Kanelbulle', 1500, 'hospitality', 'CAF-0002'),
  p('7310777022116', 'Pasta penne 500 g', 1695, 'food', 'LIV-3002'),
  p('7310777022284', 'Falukorv 800 g', 3995, 'food', 'LIV-3003'),
  p('7310009004408', 'Mjölkchoklad 200 g', 3295, 'food', 'LIV-3004'),
  p('7310009004576', 'Apelsinjuice 1 l', 2795, 'food', 'LIV-4001'),
  p('7310998000177', 'Mineralvatten citron 1,5 l', 1495, 'food', 'LIV-4002'),
  p('7310998000245', 'Gurka', 1495, 'food', 'FRU-0001'),
  p('7310345009105', 'Tändstickor 10-pack', 2495, 'standard', 'HEM-1001'),
  p('7310345009273', 'Batterier AA 4-pack', 5995, 'standard', 'HEM-1002'),
  p('7310666001154', 'Värmeljus 30-pack', 4995, 'standard', 'HEM-1003'),
  p('7310666001222', 'Diskmedel 500 ml', 2495, 'standard', 'HEM-1004'),
  p('7310888003332', 'Toalettpapper 8-pack', 5995, 'standard', 'HEM-1005'),
  p('7310888003400', 'Tandkräm 75 ml', 2995, 'standard', 'HEM-1006'),
  p('7350000000115', 'Bärkasse papper', 300, 'standard', 'KAS-0001'),
  p('7350000000283', 'Dagstidning', 3500, 'press', 'TID-0001'),
  p('7350000000351', 'Pocketbok', 12900, 'culture', 'BOK-0001'),
  p('7350000000429', 'Presentinslagning', 2000, 'standard', 'TJA-0001'),
  p('2304011000003', 'Bananer', 2995, 'food', 'FRU-4011', 'kg', true),
  p('2304173000002', 'Äpplen Royal Gala', 3495, 'food', 'FRU-4173', 'kg', true),
  p('2304664000009', 'Tomater', 4995, 'food', 'FRU-4664', 'kg', true),
  p('2304072000004', 'Potatis fast', 1995, 'food', 'FRU-4072', 'kg', true),
  p('2309001000001', 'Lösgodis', 9900, 'food', 'GOD-9001', 'kg', true),
];

/** The sample with the VAT rates in force in Sweden on `date`. */
export function sampleProductsOn(date: Date): Product[] {
  return rows.map(([barcode, name, priceMinor, category, partNumber, unit = 'st', weighed = false]) => ({
    barcode,
    name,
    priceMinor,
    vatRate: rateForCategory('SE', category, date),
    unit,
    partNumber,
    weighed,
    kind: partNumber.startsWith('TJA-') ? 'service' : 'goods',
    group: groups[partNumber.slice(0, 3)] ?? '',
  }));
}

/** The sample as of when LinkPOS started. */
export const sampleProducts: readonly Product[] = sampleProductsOn(new Date());

/** Pinned on a new install: the things a small shop or café rings up most without a barcode. */
export const sampleQuickKeys: readonly string[] = [
  '7310865000361', // Kaffe, kopp
  '7310555086439', // Kanelbulle
  '2304011000003', // Bananer
  '2304173000002', // Äpplen
  '2304664000009', // Tomater
  '2309001000001', // Lösgodis
  '7350000000115', // Bärkasse
];
