import { normalizeSearchText } from '../../../shared/domain/catalog-search';
import { msg, type Message } from '../../../shared/messages';

export type CatalogField = 'barcode' | 'name' | 'price' | 'vat' | 'unit' | 'partNumber' | 'weighed' | 'kind' | 'group';

/**
 * Header names we accept, after `headerKey` (lower case, no diacritics, letters and digits only):
 * "Art.nr" → "artnr", "Pris inkl. moms" → "prisinklmoms", "Benämning" → "benamning".
 */
const ALIASES: Record<CatalogField, readonly string[]> = {
  barcode: ['barcode', 'streckkod', 'ean', 'ean13', 'eankod', 'gtin', 'upc', 'streckkodean'],
  name: ['name', 'namn', 'benamning', 'productname', 'produktnamn', 'product', 'produkt', 'description', 'beskrivning', 'artikelnamn'],
  price: ['price', 'pris', 'priceinclvat', 'priceincvat', 'prisinklmoms', 'prisinkmoms', 'forsaljningspris', 'saleprice', 'utpris'],
  vat: ['vat', 'vatrate', 'vatpercent', 'moms', 'momssats', 'momsprocent', 'tax', 'taxrate'],
  unit: ['unit', 'enhet'],
  partNumber: ['partnumber', 'partno', 'partnr', 'artikelnummer', 'artikelnr', 'artnr', 'sku'],
  weighed: ['weighed', 'vikt', 'viktvara', 'weight', 'sodbyweight', 'soldbyweight'],
  // Goods or service, and the main group: what a Swedish day report counts and sums by. Only names
  // that mean these: a "Type" or "Category" column of another system's export holds other values
  // (and longer ones) and stays an extra column, ignored as before.
  kind: ['kind', 'typ', 'artikeltyp'],
  group: ['group', 'varugrupp', 'huvudgrupp', 'produktgrupp'],
};

const REQUIRED: readonly CatalogField[] = ['barcode', 'name', 'price', 'vat'];

const LABEL: Record<CatalogField, string> = {
  barcode: 'barcode (streckkod)',
  name: 'name (namn)',
  price: 'price (pris)',
  vat: 'VAT (moms)',
  unit: 'unit (enhet)',
  partNumber: 'part number (artikelnummer)',
  weighed: 'weighed (vikt)',
  kind: 'kind (typ)',
  group: 'group (varugrupp)',
};

const BY_KEY = new Map<string, CatalogField>(
  (Object.entries(ALIASES) as [CatalogField, readonly string[]][]).flatMap(([field, keys]) => keys.map((k) => [k, field] as const)),
);

export function headerKey(header: string): string {
  return normalizeSearchText(header).replace(/ /g, '');
}

/** Column index of each field; -1 when the file has no such column. */
export type ColumnMap = Record<CatalogField, number>;

/** Maps a header row to columns, or says in one sentence why the file cannot be a catalog. */
export function mapHeader(cells: readonly string[]): { ok: true; columns: ColumnMap } | { ok: false; reason: Message } {
  const columns: ColumnMap = { barcode: -1, name: -1, price: -1, vat: -1, unit: -1, partNumber: -1, weighed: -1, kind: -1, group: -1 };
  for (const [index, cell] of cells.entries()) {
    const field = BY_KEY.get(headerKey(cell));
    if (!field) continue; // Extra columns (stock, supplier…) are ignored.
    if (columns[field] !== -1) {
      return { ok: false, reason: msg('catalogTwoColumns', { column: LABEL[field], first: columns[field] + 1, second: index + 1 }) };
    }
    columns[field] = index;
  }
  const missing = REQUIRED.filter((field) => columns[field] === -1);
  if (missing.length > 0) {
    return { ok: false, reason: msg('catalogMissingColumns', { columns: missing.map((f) => LABEL[f]).join(', ') }) };
  }
  return { ok: true, columns };
}
