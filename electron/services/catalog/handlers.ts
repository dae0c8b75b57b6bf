import type { EventBus } from '../ipc/event-bus';
import { DomainError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import { CatalogFileError, ImportCancelledError } from './csv-import';
import type { CatalogImporter } from './importer';
import type { CatalogStore } from './catalog-store';
import { msg } from '../../../shared/messages';
import type { Product } from '../../../shared/domain/schemas';

export type CatalogChannel =
  'catalog:importPreview' | 'catalog:importCommit' | 'catalog:snapshot' | 'catalog:setQuickKeys' | 'catalog:quickKeys';

export interface CatalogHandlerDeps {
  store: CatalogStore;
  importer: CatalogImporter;
  events: Pick<EventBus, 'emit'>;
  /** Rows between catalog:progress events. */
  progressEvery?: number;
  /**
   * Saves a committed import; the store's replace by default. With a shop database it publishes the
   * catalog to the shop first, and may refuse with a DomainError (another till's import won).
   */
  commit?: (products: readonly Product[]) => Promise<unknown>;
}

export function createCatalogHandlers({
  store,
  importer,
  events,
  progressEvery = 5_000,
  commit = (products) => store.replace(products),
}: CatalogHandlerDeps): Pick<Handlers, CatalogChannel> {
  return {
    async 'catalog:importPreview'({ text }) {
      try {
        const preview = await importer.preview(text, {
          progressEvery,
          onProgress: (rowsRead) => events.emit('catalog:progress', { rowsRead, done: false }),
        });
        events.emit('catalog:progress', { rowsRead: preview.rowsRead, done: true });
        const { importId, validCount, errorCount, errors } = preview;
        return { importId, validCount, errorCount, errors };
      } catch (error) {
        if (error instanceof CatalogFileError) throw new DomainError('rejected', error.l10n);
        if (error instanceof ImportCancelledError) {
          throw new DomainError('conflict', msg('catalogOtherFileOpened'));
        }
        throw error;
      }
    },

    async 'catalog:importCommit'({ importId }) {
      const products = importer.take(importId);
      if (!products) {
        throw new DomainError('not-found', msg('catalogImportGone'));
      }
      if (products.length === 0) {
        throw new DomainError('rejected', msg('catalogNoValidProducts'));
      }
      try {
        await commit(products);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw new DomainError('storage', msg('catalogSaveFailed'));
      }
      importer.discard(importId);
      return { count: products.length };
    },

    async 'catalog:snapshot'() {
      const { version, products } = await store.snapshot();
      return { version, products: [...products] };
    },

    async 'catalog:setQuickKeys'({ barcodes }) {
      try {
        return { barcodes: await store.setQuickKeys(barcodes) };
      } catch {
        throw new DomainError('storage', msg('quickKeysSaveFailed'));
      }
    },

    async 'catalog:quickKeys'() {
      return { barcodes: await store.quickKeys() };
    },
  };
}
