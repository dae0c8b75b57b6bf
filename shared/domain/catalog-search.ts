import type { Product } from './schemas';

/**
 * The renderer's in-memory catalog index: instant barcode lookups and search-as-you-type over
 * up to ~100 000 products. Everything that costs per product (normalising names) happens once in
 * `buildCatalogIndex`; a keystroke only does `includes` over precomputed strings.
 */

/** Queries longer than this are cut: nobody types more, and a pasted flood must stay cheap. */
const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 8;
const MAX_LIMIT = 500;

// Letters NFD does not decompose but Nordic clerks type without their marks.
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ß: 'ss', ł: 'l', đ: 'd', ı: 'i' };
const FOLD_RE = /[øæœðþßłđı]/g;

/**
 * Lower-case, without diacritics ("Kaffé" → "kaffe", "Åke" → "ake", "Smørrebrød" → "smorrebrod"),
 * every run of non-letters/digits collapsed to one space so word starts are easy to find.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key two barcodes share when a scanner could produce either for the same item: a UPC-A
 * (12 digits), its EAN-13 form (a leading 0) and its GTIN-14 form (more leading zeros) are one
 * product, as is an EAN-8 padded to 14. Other codes (PLUs, internal codes) compare exactly, so
 * "007" and "7" stay different.
 */
export function barcodeKey(barcode: string): string {
  const code = barcode.trim();
  const n = code.length;
  if ((n === 8 || n === 12 || n === 13 || n === 14) && /^\d+$/.test(code)) {
    const stripped = code.replace(/^0+/, '');
    return stripped === '' ? '0' : stripped;
  }
  return code;
}

/** A Map keyed by `barcodeKey`, so `get('0012345678905')` finds the product stored as '12345678905'. */
export class BarcodeMap<V> extends Map<string, V> {
  override get(barcode: string): V | undefined {
    return super.get(barcodeKey(barcode));
  }
  override has(barcode: string): boolean {
    return super.has(barcodeKey(barcode));
  }
  override set(barcode: string, value: V): this {
    return super.set(barcodeKey(barcode), value);
  }
  override delete(barcode: string): boolean {
    return super.delete(barcodeKey(barcode));
  }
}

export interface CatalogIndex {
  /** Keyed by barcode, normalising leading zeros (see `barcodeKey`); the first product wins on a clash. */
  readonly byBarcode: BarcodeMap<Product>;
  readonly size: number;
  /**
   * Products whose name or part number contains every word of the query, in any order. Products
   * where every word starts a word (or the part number) come first, then other substring matches;
   * within each group, by name. A query equal to a barcode or part number puts that product first.
   */
  search(query: string, limit?: number): Product[];
}

interface Entry {
  product: Product;
  /** Normalised name and part number, words separated by single spaces. */
  text: string;
  /** The part number with only letters and digits, so "ab123" finds "AB-123". */
  part: string;
  /** Normalised name, the order results are shown in within a rank. */
  sortKey: string;
}

const startsWord = (text: string, word: string) => text.startsWith(word) || text.includes(' ' + word);

export function buildCatalogIndex(products: readonly Product[]): CatalogIndex {
  const byBarcode = new BarcodeMap<Product>();
  const byPart = new Map<string, Product>();
  const entries: Entry[] = [];
  for (const product of products) {
    if (!byBarcode.has(product.barcode)) byBarcode.set(product.barcode, product);
    const part = normalizeSearchText(product.partNumber).replace(/ /g, '');
    if (part && !byPart.has(part)) byPart.set(part, product);
    const name = normalizeSearchText(product.name);
    const partWords = normalizeSearchText(product.partNumber);
    entries.push({ product, text: partWords ? `${name} ${partWords}` : name, part, sortKey: name });
  }
  // Sorted once by name, so a scan meets matches in display order and can stop at `limit`.
  entries.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));

  function search(query: string, limit = 20): Product[] {
    const max = Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 0), MAX_LIMIT) : 20;
    if (max === 0 || typeof query !== 'string') return [];
    const normalized = normalizeSearchText(query.slice(0, MAX_QUERY_CHARS));
    if (!normalized) return [];
    const words = [...new Set(normalized.split(' '))].slice(0, MAX_QUERY_WORDS);

    const exact: Product[] = [];
    const compact = normalized.replace(/ /g, '');
    const byCode = byBarcode.get(query.trim()) ?? byPart.get(compact);
    if (byCode) exact.push(byCode);

    const prefix: Product[] = [];
    const substring: Product[] = [];
    for (const entry of entries) {
      if (entry.product === byCode) continue;
      let allStart = true;
      let all = true;
      for (const word of words) {
        if (startsWord(entry.text, word) || (entry.part !== '' && entry.part.startsWith(word))) continue;
        allStart = false;
        if (!entry.text.includes(word) && !entry.part.includes(word)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (allStart) {
        prefix.push(entry.product);
        // Later entries can only add to groups that rank below a full prefix group.
        if (exact.length + prefix.length >= max) break;
      } else if (exact.length + prefix.length + substring.length < max) {
        substring.push(entry.product);
      }
    }
    return [...exact, ...prefix, ...substring].slice(0, max);
  }

  return { byBarcode, size: products.length, search };
}
