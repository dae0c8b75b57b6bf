import type pg from 'pg';
import type { Report } from '../../../shared/domain/report';
import type { ShopDatabaseStatus, ShopDatabaseTest, ShopSync } from '../../../shared/ipc/channels/shop';
import { msg } from '../../../shared/messages';
import type { SecretEntry } from '../credentials/secret-entry';
import { DomainError } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../log';
import type { Product } from '../../../shared/domain/schemas';
import type { CatalogSnapshot, CatalogStore } from '../catalog';
import { ShopCatalog } from './catalog-sync';
import { testShopDatabase } from './database-test';
import { createShopPool } from './pool';
import { Replicator, type ReplicatedTill, type ReplicationSource, type SummaryEntry } from './replicator';
import { parseShopDatabaseUrl } from './url';

export interface ShopDatabaseOptions {
  /** The URL saved from Settings, encrypted like the provider keys. */
  readonly secret: SecretEntry;
  /** LINKPOS_SHOP_DATABASE_URL: where set, it is the shop database and Settings cannot change it. */
  readonly environmentUrl?: string | undefined;
  readonly journal: ReplicationSource;
  readonly till: ReplicatedTill;
  readonly events: EventBus;
  readonly log: Logger;
  /** A record whose copy in the database differs: raised as an alarm by the caller. */
  readonly onConflict: (conflict: { seq: number; saleId: string }) => void;
  /** Another till of the shop has this till's code: raised as an alarm by the caller. */
  readonly onDuplicateCode?: (duplicate: { code: string; otherTill: string }) => void;
  /** The till's Z reports, published to the shop (see Replicator). */
  readonly zReports?: () => Promise<readonly Report[]>;
  /** The report entries of a batch, for the summary (see Replicator). */
  readonly summarise?: (fromSeq: number, toSeq: number) => Promise<readonly SummaryEntry[]>;
  /** The till's Z reports the database has, to restore a lost z-reports.json (see Replicator). */
  readonly restoreZReports?: (fromDatabase: readonly Report[]) => Promise<unknown>;
  /** The till's catalog: shared with the shop (published on import, newer ones picked up) while there is a database. */
  readonly catalog?: {
    readonly store: CatalogStore;
    /** A newer catalog from the shop was saved here (the renderer reloads it between sales). */
    readonly onApplied: (applied: { version: number; count: number }) => void;
  };
  /** For tests: faster backoff. */
  readonly backoff?: { initialMs: number; maxMs: number };
}

export type ShopDatabaseChannel = 'shop:databaseStatus' | 'shop:setDatabase' | 'shop:testDatabase';

/**
 * The optional shop database as the till sees it: which URL (Settings or the environment), the pool
 * and the replicator on it, restarted when the URL changes. With none configured nothing runs and
 * the till works alone, as it always has.
 */
export class ShopDatabase {
  private connection: { url: string; pool: pg.Pool; replicator: Replicator; catalog: ShopCatalog | null } | null = null;
  private sync: ShopSync = { kind: 'off' };
  private readonly environmentUrl: string | null;

  constructor(private readonly options: ShopDatabaseOptions) {
    const fromEnvironment = options.environmentUrl?.trim();
    this.environmentUrl = fromEnvironment ? fromEnvironment : null;
  }

  /** The URL in force: the environment's, else the one saved in Settings. */
  private url(): string | null {
    return this.environmentUrl ?? this.options.secret.current();
  }

  start(): void {
    const url = this.url();
    if (url === null || this.connection?.url === url) return;
    const parsed = parseShopDatabaseUrl(url);
    if (!parsed.ok) {
      this.options.log.warn('shop database: the configured address is not a PostgreSQL URL; selling alone', { reason: parsed.reason });
      return;
    }
    const pool = createShopPool(url, { log: this.options.log });
    const replicator = new Replicator({
      pool,
      source: this.options.journal,
      till: this.options.till,
      log: this.options.log,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      onState: (state) => this.setSync(state),
      onConflict: this.options.onConflict,
      ...(this.options.onDuplicateCode ? { onDuplicateCode: this.options.onDuplicateCode } : {}),
      ...(this.options.zReports ? { zReports: this.options.zReports } : {}),
      ...(this.options.restoreZReports ? { restoreZReports: this.options.restoreZReports } : {}),
      ...(this.options.summarise ? { summarise: this.options.summarise } : {}),
    });
    const catalogOptions = this.options.catalog;
    const catalog = catalogOptions
      ? new ShopCatalog({
          pool,
          url,
          store: catalogOptions.store,
          tillId: this.options.till.id,
          log: this.options.log,
          onApplied: catalogOptions.onApplied,
          ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        })
      : null;
    this.connection = { url, pool, replicator, catalog };
    replicator.start();
    catalog?.start();
    this.options.log.info('shop database: connecting', { target: parsed.target });
  }

  async stop(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    await connection.replicator.stop();
    await connection.catalog?.stop();
    await connection.pool.end().catch((error: unknown) => this.options.log.warn('shop database: closing failed', { error }));
    this.setSync({ kind: 'off' });
  }

  /** A Z report was saved: publish it to the shop. */
  publishZ(): void {
    this.connection?.replicator.publishZ();
  }

  /**
   * Saves an imported catalog: published to the shop first when there is a database (refused with a
   * DomainError when another till's import won at the same moment), else only here.
   */
  async commitCatalog(products: readonly Product[]): Promise<CatalogSnapshot> {
    const catalog = this.connection?.catalog;
    if (catalog) return catalog.commit(products);
    const store = this.options.catalog?.store;
    if (!store) throw new Error('the shop database was made without the catalog');
    return store.replace(products);
  }

  /** The shop catalog's listener, for tests; null without a database. */
  catalogSync(): ShopCatalog | null {
    return this.connection?.catalog ?? null;
  }

  /** This till's identity in the shop. */
  tillId(): string {
    return this.options.till.id;
  }

  /** The pool, for the shop-wide reports; null when the till works alone. */
  pool(): pg.Pool | null {
    return this.connection?.pool ?? null;
  }

  status(): ShopDatabaseStatus {
    const secret = this.options.secret.status();
    const url = this.url();
    const parsed = url === null ? null : parseShopDatabaseUrl(url);
    return {
      source: this.environmentUrl !== null ? 'environment' : url !== null ? 'settings' : 'none',
      target: parsed?.ok ? parsed.target : null,
      storage: this.environmentUrl !== null ? 'none' : secret.storage,
      needsReentry: this.environmentUrl === null && secret.state === 'needs-reentry',
      sync: this.sync,
    };
  }

  async set(url: string | null): Promise<ShopDatabaseStatus> {
    if (this.environmentUrl !== null) throw new DomainError('conflict', msg('shopDatabaseFromEnvironment'));
    const trimmed = url?.trim() ?? '';
    if (trimmed !== '') {
      const parsed = parseShopDatabaseUrl(trimmed);
      if (!parsed.ok) {
        this.options.log.info('shop database: an address was refused', { reason: parsed.reason });
        throw new DomainError('rejected', msg('shopDatabaseUrlInvalid'));
      }
    }
    await this.stop();
    this.options.secret.set(trimmed === '' ? null : trimmed);
    this.options.log.info(trimmed === '' ? 'shop database: forgotten; the till works alone' : 'shop database: address saved');
    this.start();
    return this.status();
  }

  async test(): Promise<ShopDatabaseTest> {
    const url = this.url();
    if (url === null || !parseShopDatabaseUrl(url).ok) return { result: 'not-configured', schemaVersion: null };
    const answer = await testShopDatabase(url);
    this.options.log.info('shop database: connection tested', { result: answer.result });
    return answer;
  }

  private setSync(state: ShopSync): void {
    this.sync = state;
    this.options.events.emit('shop:syncChanged', state);
  }
}

export function createShopDatabaseHandlers(shop: ShopDatabase): Pick<Handlers, ShopDatabaseChannel> {
  return {
    'shop:databaseStatus': () => Promise.resolve(shop.status()),
    'shop:setDatabase': ({ url }) => shop.set(url),
    'shop:testDatabase': () => shop.test(),
  };
}
