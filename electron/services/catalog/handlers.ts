import type { EventBus } from '../ipc/event-bus';
import { HandlerError, type Handlers } from '../ipc/dispatch';
import { CatalogFileError, ImportCancelledError } from './csv-import';
import type { CatalogImporter } from './importer';
import type { CatalogStore } from './catalog-store';

export type CatalogChannel =
  | 'catalog:importPreview'
  | 'catalog:importCommit'
  | 'catalog:snapshot'
  | 'catalog:setQuickKeys'
  | 'catalog:quickKeys';

export interface CatalogHandlerDeps {
  store: CatalogStore;
  importer: CatalogImporter;
  events: Pick<EventBus, 'emit'>;
  /** Rows between catalog:progress events. */
  progressEvery?: number;
}

export function createCatalogHandlers({ store, importer, events, progressEvery = 5_000 }: CatalogHandlerDeps): Pick<Handlers, CatalogChannel> {
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
        if (error instanceof CatalogFileError) throw new HandlerError('rejected', error.message);
        if (error instanceof ImportCancelledError) {
          throw new HandlerError('conflict', 'Another catalog file was opened, so this one was not read.');
        }
        throw error;
      }
    },

    async 'catalog:importCommit'({ importId }) {
      const products = importer.take(importId);
      if (!products) {
        throw new HandlerError('not-found', 'This import is no longer available (it expired or another file was opened). Please open the file again.');
      }
      if (products.length === 0) {
        throw new HandlerError('rejected', 'The file has no valid products, so the catalog was not changed.');
      }
      try {
        await store.replace(products);
      } catch {
        throw new HandlerError('storage', 'The catalog could not be saved, so the old catalog is still in use. Check that the disk has free space and try again.');
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
        throw new HandlerError('storage', 'The quick keys could not be saved. Check that the disk has free space and try again.');
      }
    },

    async 'catalog:quickKeys'() {
      return { barcodes: await store.quickKeys() };
    },
  };
}
