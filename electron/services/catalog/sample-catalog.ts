import type { Product } from '../../../shared/domain/schemas';

/**
 * What a brand-new install sells until the merchant imports a catalog, so a first sale takes a
 * minute: everyday Swedish shop items with valid EAN-13 codes (check digits verified by the
 * tests), prices in öre including VAT, food at 12 %, newspapers and books at 6 %, the rest at
 * 25 %. Weighed goods are priced per kg and listed by the scale-label form of an in-store code
 * (prefix 23, item code, weight zeroed: 23 IIIII 00000 C), so a label printed by a Swedish shop
 * scale finds them (see shared/domain/gtin.ts). examples/catalog.csv holds the same items.
 */
const p = (
  barcode: string,
  name: string,
  priceMinor: number,
  vatPercent: 25 | 12 | 6,
  partNumber: string,
  unit = 'st',
  weighed = false,
): Product => ({ barcode, name, priceMinor, vatRate: vatPercent * 100, unit, partNumber, weighed });

export const sampleProducts: readonly Product[] = [
  p('7310865000125', 'Bryggkaffe mellanrost 450 g', 5995, 12, 'LIV-1001'),
  p('7310865000293', 'Kaffé bönor mörkrost 500 g', 8995, 12, 'LIV-1002'),
  p('7310865000361', 'Kaffe, kopp', 2500, 12, 'CAF-0001'),
  p('7310055012341', 'Mjölk 3 % 1,5 l', 1995, 12, 'LIV-2001'),
  p('7310120003458', 'Lättmjölk 0,5 % 1 l', 1395, 12, 'LIV-2002'),
  p('7310953001010', 'Filmjölk 3 % 1 l', 1695, 12, 'LIV-2003'),
  p('7310953001188', 'Crème fraiche 34 % 2 dl', 1995, 12, 'LIV-2004'),
  p('7310027004565', 'Smör normalsaltat 500 g', 5495, 12, 'LIV-2005'),
  p('7310444007897', 'Ägg 12-pack frigående', 4495, 12, 'LIV-2006'),
  p('7310444007965', 'Prästost 31 % 450 g', 6995, 12, 'LIV-2007'),
  p('7311234001583', 'Knäckebröd råg 520 g', 2695, 12, 'LIV-3001'),
  p('7310555086439', 'Kanelbulle', 1500, 12, 'CAF-0002'),
  p('7310777022116', 'Pasta penne 500 g', 1695, 12, 'LIV-3002'),
  p('7310777022284', 'Falukorv 800 g', 3995, 12, 'LIV-3003'),
  p('7310009004408', 'Mjölkchoklad 200 g', 3295, 12, 'LIV-3004'),
  p('7310009004576', 'Apelsinjuice 1 l', 2795, 12, 'LIV-4001'),
  p('7310998000177', 'Mineralvatten citron 1,5 l', 1495, 12, 'LIV-4002'),
  p('7310998000245', 'Gurka', 1495, 12, 'FRU-0001'),
  p('7310345009105', 'Tändstickor 10-pack', 2495, 25, 'HEM-1001'),
  p('7310345009273', 'Batterier AA 4-pack', 5995, 25, 'HEM-1002'),
  p('7310666001154', 'Värmeljus 30-pack', 4995, 25, 'HEM-1003'),
  p('7310666001222', 'Diskmedel 500 ml', 2495, 25, 'HEM-1004'),
  p('7310888003332', 'Toalettpapper 8-pack', 5995, 25, 'HEM-1005'),
  p('7310888003400', 'Tandkräm 75 ml', 2995, 25, 'HEM-1006'),
  p('7350000000115', 'Bärkasse papper', 300, 25, 'KAS-0001'),
  p('7350000000283', 'Dagstidning', 3500, 6, 'TID-0001'),
  p('7350000000351', 'Pocketbok', 12900, 6, 'BOK-0001'),
  p('2304011000003', 'Bananer', 2995, 12, 'FRU-4011', 'kg', true),
  p('2304173000002', 'Äpplen Royal Gala', 3495, 12, 'FRU-4173', 'kg', true),
  p('2304664000009', 'Tomater', 4995, 12, 'FRU-4664', 'kg', true),
  p('2304072000004', 'Potatis fast', 1995, 12, 'FRU-4072', 'kg', true),
  p('2309001000001', 'Lösgodis', 9900, 12, 'GOD-9001', 'kg', true),
];

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
