import { randomUUID } from 'node:crypto';
import type { Product } from '../../../shared/domain/schemas';
import { ImportCancelledError, parseCatalogCsv, type CsvImportOptions, type ImportRowError } from './csv-import';

/**
 * Holds the one previewed import between catalog:importPreview and catalog:importCommit, so
 * nothing reaches the catalog until the clerk has seen the errors and said yes. A newer preview
 * replaces (and cancels) the previous one; an uncommitted preview expires so 100 000 parsed rows
 * do not sit in memory all day.
 */

export interface ImportPreview {
  importId: string;
  validCount: number;
  errorCount: number;
  errors: ImportRowError[];
  /** Data rows read, for the final progress event. */
  rowsRead: number;
}

export interface CatalogImporter {
  preview(text: string, options?: Pick<CsvImportOptions, 'onProgress' | 'progressEvery'>): Promise<ImportPreview>;
  /** The valid rows of a held preview, or undefined when it expired or was replaced. */
  take(importId: string): readonly Product[] | undefined;
  /** Drops a preview once it is committed. */
  discard(importId: string): void;
}

export interface CatalogImporterOptions {
  now?: () => number;
  /** How long an uncommitted preview is kept. */
  ttlMs?: number;
  newId?: () => string;
}

export const DEFAULT_IMPORT_TTL_MS = 30 * 60_000;

export function createCatalogImporter(options: CatalogImporterOptions = {}): CatalogImporter {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_IMPORT_TTL_MS;
  const newId = options.newId ?? randomUUID;

  let held: { importId: string; products: readonly Product[]; expiresAt: number } | null = null;
  let running: AbortController | null = null;

  return {
    async preview(text, parseOptions = {}) {
      running?.abort();
      const controller = new AbortController();
      running = controller;
      held = null;
      try {
        const result = await parseCatalogCsv(text, { ...parseOptions, signal: controller.signal });
        // A newer preview may have started while this one awaited its last batch.
        if (controller.signal.aborted) throw new ImportCancelledError();
        const importId = newId();
        held = { importId, products: result.products, expiresAt: now() + ttlMs };
        // The clock check in `take` decides expiry; this only frees the memory if nobody asks again.
        setTimeout(() => {
          if (held?.importId === importId) held = null;
        }, ttlMs).unref();
        return {
          importId,
          validCount: result.products.length,
          errorCount: result.errorCount,
          errors: result.errors,
          rowsRead: result.rowsRead,
        };
      } finally {
        if (running === controller) running = null;
      }
    },

    take(importId) {
      if (!held || held.importId !== importId) return undefined;
      if (now() >= held.expiresAt) {
        held = null;
        return undefined;
      }
      return held.products;
    },

    discard(importId) {
      if (held?.importId === importId) held = null;
    },
  };
}
