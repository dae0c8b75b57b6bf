import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import { createCatalogStore, type CatalogStore } from './catalog-store';
import { createCatalogHandlers, type CatalogHandlerDeps } from './handlers';
import { createCatalogImporter, type CatalogImporter } from './importer';

export type { CatalogStore, CatalogSnapshot } from './catalog-store';
export { decodeCatalog, encodeCatalog, type ShopCatalogMark } from './catalog-file';
export type { CatalogImporter } from './importer';
export { createCatalogHandlers, type CatalogChannel } from './handlers';

/**
 * The catalog wired for the app: its store in the data directory, the import holder and the
 * five catalog:* handlers. The load starts now but nothing waits for it: the first snapshot does.
 */
export function createCatalogService(options: {
  dataDir: string;
  log: Logger;
  events: Pick<EventBus, 'emit'>;
  /** How a committed import is saved: the shop's catalog when there is one (see CatalogHandlerDeps). */
  commit?: CatalogHandlerDeps['commit'];
}) {
  const store: CatalogStore = createCatalogStore({ dataDir: options.dataDir, log: options.log });
  const importer: CatalogImporter = createCatalogImporter();
  store.load().catch((error: unknown) => options.log.error('catalog load failed', { error }));
  const commit = options.commit;
  return {
    store,
    importer,
    handlers: createCatalogHandlers({ store, importer, events: options.events, ...(commit ? { commit } : {}) }),
  };
}
