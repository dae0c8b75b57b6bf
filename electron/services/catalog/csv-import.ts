import Papa from 'papaparse';
import { barcodeKey } from '../../../shared/domain/catalog-search';
import type { Product } from '../../../shared/domain/schemas';
import { mapHeader, type ColumnMap } from './csv-header';
import { parsePriceMinor, parseVatRate, parseArticleKind, parseWeighed, quote } from './csv-values';
import { englishText, LocalizedError, msg, type Message } from '../../../shared/messages';

/**
 * Catalog CSV → products, in the main process. The parse is streamed row by row (papaparse
 * `step`) and pauses every `progressEvery` rows so progress events and other IPC get through on
 * a 100 000-row file. Each row is checked by hand rather than with the zod product schema: it is
 * several times faster, and the tests check the output against the schema.
 */

export interface ImportRowError {
  /** 1-based physical line in the file where the row starts; the header is line 1. */
  line: number;
  /** The reasons in English, joined. */
  reason: string;
  /** The same reasons, for the clerk's language. */
  messages: Message[];
}

export interface CsvImportResult {
  products: Product[];
  /** The first `MAX_REPORTED_ERRORS` errors, in file order. */
  errors: ImportRowError[];
  errorCount: number;
  /** Data rows read (blank rows not counted): products.length + errorCount. */
  rowsRead: number;
}

export interface CsvImportOptions {
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  /** Aborting stops the parse and rejects with `ImportCancelledError`. */
  signal?: AbortSignal;
}

/** The file as a whole cannot be imported; the message is a sentence for the clerk. */
export class CatalogFileError extends LocalizedError {
  override readonly name = 'CatalogFileError';
}

export class ImportCancelledError extends Error {
  override readonly name = 'ImportCancelledError';
  constructor() {
    super('The import was cancelled.');
  }
}

export const MAX_REPORTED_ERRORS = 500;
const REASON_MAX = 300;

/** Picks the separator the header line uses most (outside quotes): headers never hold a decimal comma. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (counts[';'] + counts[','] + counts['\t'] > 0) break;
    } else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

/** Rejects what is plainly not a UTF-8 text CSV before parsing, with a sentence that says what to do. */
function checkText(text: string): void {
  if (text.trim() === '') throw new CatalogFileError(msg('catalogFileEmpty'));
  if (text.startsWith('PK') || text.includes('\u0000')) {
    throw new CatalogFileError(msg('catalogFileBinary'));
  }
  if (text.includes('\ufffd')) {
    throw new CatalogFileError(msg('catalogFileEncoding'));
  }
}

function countOccurrences(text: string, needle: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(needle, from); i !== -1 && i < to; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

// eslint-disable-next-line no-control-regex -- finding control characters in a barcode is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const SCIENTIFIC = /^\d+([.,]\d+)?e\+?\d+$/i;

/** Validates one data row; pushes a product or returns the reasons it cannot be one. */
function readRow(
  cells: readonly string[],
  columns: ColumnMap,
  headerWidth: number,
  delimiter: string,
): { product: Product } | { reasons: Message[] } {
  if (cells.length > headerWidth && cells.slice(headerWidth).some((c) => c.trim() !== '')) {
    return { reasons: [msg(delimiter === ',' ? 'rowFieldCountComma' : 'rowFieldCount', { fields: cells.length, columns: headerWidth })] };
  }
  const cell = (index: number) => (index < 0 ? '' : (cells[index] ?? ''));
  const reasons: Message[] = [];

  let barcode = cell(columns.barcode).trim();
  if (/^[\d\s]+$/.test(barcode)) barcode = barcode.replace(/\s+/g, '');
  if (barcode === '') reasons.push(msg('rowBarcodeMissing'));
  else if (SCIENTIFIC.test(barcode)) {
    reasons.push(msg('rowBarcodeScientific', { value: quote(barcode) }));
  } else if (barcode.length > 64) reasons.push(msg('rowBarcodeTooLong'));
  else if (CONTROL.test(barcode)) reasons.push(msg('rowBarcodeControl'));

  const name = cell(columns.name).replace(/\s+/g, ' ').trim();
  if (name === '') reasons.push(msg('rowNameMissing'));
  else if (name.length > 200) reasons.push(msg('rowNameTooLong'));

  const price = parsePriceMinor(cell(columns.price));
  if (!price.ok) reasons.push(price.reason);
  const vat = parseVatRate(cell(columns.vat));
  if (!vat.ok) reasons.push(vat.reason);
  const weighed = parseWeighed(cell(columns.weighed));
  if (!weighed.ok) reasons.push(weighed.reason);

  const unitCell = cell(columns.unit).trim();
  if (unitCell.length > 16) reasons.push(msg('rowUnitTooLong'));
  const partNumber = cell(columns.partNumber).trim();
  if (partNumber.length > 64) reasons.push(msg('rowPartNumberTooLong'));
  const kind = parseArticleKind(cell(columns.kind));
  if (!kind.ok) reasons.push(kind.reason);
  const group = cell(columns.group).replace(/\s+/g, ' ').trim();
  if (group.length > 60) reasons.push(msg('rowGroupTooLong'));

  if (reasons.length > 0 || !price.ok || !vat.ok || !weighed.ok || !kind.ok) return { reasons };
  const unit = unitCell !== '' ? unitCell : weighed.value ? 'kg' : 'st';
  const product: Product = { barcode, name, priceMinor: price.value, vatRate: vat.value, unit, partNumber, weighed: weighed.value };
  // Only a file with the columns gives its products a kind and a group (a catalog without them stays as it was).
  if (columns.kind !== -1) product.kind = kind.value;
  if (columns.group !== -1 && group !== '') product.group = group;
  return { product };
}

export async function parseCatalogCsv(input: string, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  checkText(text);
  const delimiter = detectDelimiter(text);
  const progressEvery = Math.max(1, options.progressEvery ?? 5_000);
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new ImportCancelledError();

  const products: Product[] = [];
  const errors: ImportRowError[] = [];
  const firstLineOf = new Map<string, number>();
  let errorCount = 0;
  let rowsRead = 0;
  let columns: ColumnMap | null = null;
  let headerWidth = 0;
  let fileError: Message | null = null;
  let cancelled = false;

  // papaparse reports a row's end offset relative to where it last resumed; these make it absolute
  // so a row's first physical line can be counted (quoted fields may span lines).
  let base = 0;
  let position = 0;
  let line = 1;

  const record = (rowLine: number, reasons: Message[]) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) {
      errors.push({ line: rowLine, reason: reasons.map(englishText).join('; ').slice(0, REASON_MAX), messages: reasons });
    }
  };

  return await new Promise<CsvImportResult>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: false,
      step(results, parser) {
        if (signal?.aborted) {
          cancelled = true;
          parser.abort();
          return;
        }
        const end = base + results.meta.cursor;
        const rowLine = line;
        line += countOccurrences(text, results.meta.linebreak || '\n', position, end);
        position = end;

        const cells = results.data;
        if (cells.every((c) => c.trim() === '')) return;
        if (columns === null) {
          const mapped = mapHeader(cells);
          if (!mapped.ok) {
            fileError = mapped.reason;
            parser.abort();
            return;
          }
          columns = mapped.columns;
          headerWidth = cells.length;
          return;
        }

        rowsRead++;
        const quoteProblem = results.errors.find((e) => e.type === 'Quotes');
        if (quoteProblem) {
          record(rowLine, [msg(quoteProblem.code === 'MissingQuotes' ? 'rowQuoteOpen' : 'rowQuoteTrailing')]);
        } else {
          const row = readRow(cells, columns, headerWidth, delimiter);
          if ('reasons' in row) record(rowLine, row.reasons);
          else {
            const key = barcodeKey(row.product.barcode);
            const first = firstLineOf.get(key);
            if (first !== undefined) record(rowLine, [msg('rowDuplicate', { line: first })]);
            else {
              firstLineOf.set(key, rowLine);
              products.push(row.product);
            }
          }
        }

        if (rowsRead % progressEvery === 0) {
          onProgress?.(rowsRead);
          // Let the event loop breathe: progress events go out, other IPC calls are answered.
          parser.pause();
          base = end;
          setImmediate(() => parser.resume());
        }
      },
      complete() {
        if (cancelled) reject(new ImportCancelledError());
        else if (fileError !== null) reject(new CatalogFileError(fileError));
        else if (columns === null) reject(new CatalogFileError(msg('catalogNoHeader')));
        else resolve({ products, errors, errorCount, rowsRead });
      },
    });
  });
}
