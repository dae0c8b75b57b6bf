import type { Product } from './schemas';

/**
 * The renderer's in-memory catalog index: instant barcode lookups and search-as-you-type over
 * up to ~100 000 products. Everything that costs per product (normalising names) happens once in
 * `buildCatalogIndex`; a keystroke runs one `indexOf` pass over a single precomputed string of
 * all products, and only the products that pass it are looked at more closely.
 */

/** Queries longer than this are cut: nobody types more, and a pasted flood must stay cheap. */
const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 8;
const MAX_LIMIT = 500;

// Letters NFD does not decompose but Nordic clerks type without their marks.
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ß: 'ss', ł: 'l', đ: 'd', ı: 'i' };
const FOLD_RE = /[øæœðþßłđı]/g;

const foldCache = new Map<number, string>();
const FOLD_CACHE_MAX = 8_192;

/** What one non-ASCII character becomes: letters/digits, '' for a lone combining mark, ' ' otherwise. */
function foldChar(codePoint: number): string {
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  const stripped = String.fromCodePoint(codePoint)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c);
  const letters = stripped.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const folded = letters !== '' ? letters : stripped === '' ? '' : ' ';
  if (foldCache.size < FOLD_CACHE_MAX) foldCache.set(codePoint, folded);
  return folded;
}

/**
 * Lower-case, without diacritics ("Kaffé" → "kaffe", "Åke" → "ake", "Smørrebrød" → "smorrebrod"),
 * every run of other characters collapsed to one space. Precomposed and decomposed input give the
 * same result. Written as one pass with a per-character cache because a regex/NFD pipeline per
 * name made building a 100 000-product index take over a second.
 */
export function normalizeSearchText(text: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let piece: string;
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) piece = text[i]!;
      else if (code >= 65 && code <= 90) piece = String.fromCharCode(code + 32);
      else piece = ' ';
    } else {
      const point = text.codePointAt(i)!;
      if (point > 0xffff) i++;
      piece = foldChar(point);
    }
    if (piece === ' ') space = out !== '';
    else if (piece !== '') {
      if (space) out += ' ';
      space = false;
      out += piece;
    }
  }
  return out;
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
   * where every word starts a word (of the name or part number) come first, then other substring
   * matches; within each group, by name. A query equal to a barcode or part number comes first.
   */
  search(query: string, limit?: number): Product[];
}

/** Marks the start of every word in a haystack, so a word-start match is one `indexOf(WORD + w)`. */
const WORD = '\u0002';
/** Separates products in the one big haystack. */
const ROW = '\n';

/**
 * A product as searched: every word of its name and part number preceded by WORD, plus the part
 * number without separators (so "ab123" finds "AB-123" as "ab 123" does).
 */
function haystack(name: string, partWords: string, part: string): string {
  let hay = WORD + name.replace(/ /g, WORD);
  if (part) hay += WORD + partWords.replace(/ /g, WORD) + (part !== partWords ? WORD + part : '');
  return hay;
}

function containsAll(hay: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (!hay.includes(needle)) return false;
  return true;
}

export function buildCatalogIndex(products: readonly Product[]): CatalogIndex {
  const byBarcode = new BarcodeMap<Product>();
  const byPart = new Map<string, Product>();
  const rows: { product: Product; hay: string; name: string }[] = [];
  for (const product of products) {
    if (!byBarcode.has(product.barcode)) byBarcode.set(product.barcode, product);
    const partWords = normalizeSearchText(product.partNumber);
    const part = partWords.replace(/ /g, '');
    if (part && !byPart.has(part)) byPart.set(part, product);
    const name = normalizeSearchText(product.name);
    rows.push({ product, hay: haystack(name, partWords, part), name });
  }
  // Sorted once by name, so a scan meets matches in display order and can stop at `limit`.
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const entries = rows.map((r) => r.product);
  const hays = rows.map((r) => r.hay);
  const blob = hays.join(ROW);
  const starts = new Array<number>(hays.length);
  for (let i = 0, offset = 0; i < hays.length; i++) {
    starts[i] = offset;
    offset += hays[i]!.length + 1;
  }

  /** The row holding blob offset `at`, searching forward from `from` (offsets only grow during a scan). */
  const rowAt = (at: number, from: number) => {
    let row = from;
    while (row + 1 < starts.length && starts[row + 1]! <= at) row++;
    return row;
  };

  /**
   * Visits each row containing `needle`, in name order, once; stops when `visit` returns true.
   * One indexOf over the blob finds the next candidate row, skipping every row in between.
   */
  const scan = (needle: string, visit: (row: number) => boolean) => {
    let row = 0;
    for (let at = blob.indexOf(needle); at !== -1;) {
      row = rowAt(at, row);
      if (visit(row) || row + 1 >= starts.length) return;
      at = blob.indexOf(needle, starts[row + 1]);
    }
  };

  function search(query: string, limit = 20): Product[] {
    const max = Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 0), MAX_LIMIT) : 20;
    if (max === 0 || typeof query !== 'string') return [];
    const normalized = normalizeSearchText(query.slice(0, MAX_QUERY_CHARS));
    if (!normalized) return [];
    const words = [...new Set(normalized.split(' '))].slice(0, MAX_QUERY_WORDS);
    // The longest word occurs least often, so it picks the candidates.
    const anchor = words.reduce((a, b) => (b.length > a.length ? b : a));
    const startNeedles = words.map((w) => WORD + w);

    const byCode = byBarcode.get(query.trim()) ?? byPart.get(normalized.replace(/ /g, ''));
    const found: Product[] = byCode ? [byCode] : [];
    // Most keystrokes that find nothing are settled by this one pass.
    if (blob.indexOf(anchor) === -1) return found;
    const inFirstGroup = new Set<number>();

    // First every product where each word starts a word; this group alone may fill the page.
    scan(WORD + anchor, (row) => {
      const hay = hays[row]!;
      if (entries[row] === byCode || !containsAll(hay, startNeedles)) return false;
      inFirstGroup.add(row);
      found.push(entries[row]!);
      return found.length >= max;
    });
    if (found.length >= max) return found.slice(0, max);

    // Then the rest that contain every word somewhere.
    scan(anchor, (row) => {
      const hay = hays[row]!;
      if (inFirstGroup.has(row) || entries[row] === byCode || !containsAll(hay, words)) return false;
      found.push(entries[row]!);
      return found.length >= max;
    });
    return found;
  }

  return { byBarcode, size: products.length, search };
}
