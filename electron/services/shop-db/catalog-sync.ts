import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Product } from '../../../shared/domain/schemas';
import { msg } from '../../../shared/messages';
import { decodeCatalog, encodeCatalog, type CatalogSnapshot, type CatalogStore } from '../catalog';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { migrate } from './migrations';
import { Backoff, Nap, type BackoffOptions } from './retry';

/** The channel every publish notifies, with the new version as its payload. */
export const CATALOG_CHANNEL = 'linkpos_catalog';
/** Serialises publishes across the shop, so the version check and the insert are one step. */
const CATALOG_LOCK = 0x4c6b4361; // "LkCa"

export interface ShopCatalogOptions {
  /** The shop database's pool (publishing and reading a version). */
  readonly pool: pg.Pool;
  /** Its URL: the listener holds a connection of its own, outside the pool, for LISTEN. */
  readonly url: string;
  readonly store: CatalogStore;
  readonly tillId: string;
  readonly log: Logger;
  /** A catalog from the shop was saved here (another till's import): the renderer reloads it between sales. */
  readonly onApplied: (applied: { version: number; count: number }) => void;
  /** Backoff of the listener's reconnects: doubles from `initialMs` up to `maxMs`. */
  readonly backoff?: BackoffOptions;
  readonly connectTimeoutMs?: number;
}

export type PublishOutcome =
  | { readonly kind: 'published'; readonly version: number; readonly hash: string }
  /** Another till published first (`version` is the shop's newest): this till takes that one instead. */
  | { readonly kind: 'lost'; readonly version: number };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * One catalog for the shop. An import on any till is published as the shop's next catalog version
 * (an optimistic check: only a till that has the newest version may publish the one after it, so of
 * two tills importing at once one wins and the other takes the winner's). Every till keeps its last
 * copy in its own catalog file (scanning never asks the network) and hears of a newer one at once
 * through LISTEN/NOTIFY on a connection of its own, which reconnects with backoff and, on every
 * (re)connect, asks for the newest version, so a NOTIFY missed while away is caught up. An import
 * made while the database is away is kept here, marked pending, and published when it is back (if
 * no other till published meanwhile; else the shop's wins, as when two import at once).
 */
export class ShopCatalog {
  /** Publishing and catching up run one at a time (the sales' Mutex is a layer above). */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly backoff: Backoff;
  private stopped = false;
  private running: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private readonly nap = new Nap();
  private connected = false;

  constructor(private readonly options: ShopCatalogOptions) {
    this.backoff = new Backoff(options.backoff);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.nap.open();
    this.running = this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nap.close();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.running;
    this.running = null;
    await this.serial(() => Promise.resolve());
  }

  /** True while the listener holds its connection and has caught up with what was published before it listened. */
  listening(): boolean {
    return this.connected;
  }

  /** A committed import: published to the shop, then saved here. Throws a DomainError when another till's import won. */
  async commit(products: readonly Product[]): Promise<CatalogSnapshot> {
    const result = await this.serial(async () => {
      const local = await this.options.store.snapshot();
      const base = local.shop?.version ?? 0;
      let outcome: PublishOutcome;
      try {
        outcome = await this.publish(products, base);
      } catch (error) {
        this.options.log.warn('shop catalog: the database cannot be reached; the import is kept here and published when it is back', {
          error,
        });
        return { snapshot: await this.options.store.replace(products, { version: base, hash: null, pending: true }), lost: false };
      }
      if (outcome.kind === 'published') {
        return {
          snapshot: await this.options.store.replace(products, { version: outcome.version, hash: outcome.hash, pending: false }),
          lost: false,
        };
      }
      this.options.log.info('shop catalog: another till published first; this till takes the shop’s catalog', { version: outcome.version });
      return { snapshot: await this.catchUp(), lost: true };
    });
    if (result.lost) throw new DomainError('conflict', msg('catalogImportLost'));
    return result.snapshot;
  }

  /** Brings this till to the shop's newest catalog (and publishes a pending import first). For the listener and tests. */
  check(): Promise<CatalogSnapshot> {
    return this.serial(() => this.catchUp());
  }

  private async catchUp(): Promise<CatalogSnapshot> {
    let local = await this.options.store.snapshot();
    if (local.shop?.pending) {
      const outcome = await this.publish(local.products, local.shop.version);
      if (outcome.kind === 'published') {
        this.options.log.info('shop catalog: an import made while the database was away is published', { version: outcome.version });
        return this.options.store.replace(local.products, { version: outcome.version, hash: outcome.hash, pending: false });
      }
      this.options.log.warn('shop catalog: an import made while the database was away was superseded by another till’s', {
        version: outcome.version,
      });
    }
    const newest = await this.options.pool.query<{ version: number; hash: string }>(
      'SELECT version, hash FROM catalog_versions ORDER BY version DESC LIMIT 1',
    );
    const head = newest.rows[0];
    if (!head) {
      // A shop with no catalog yet: a till that has imported one (not the built-in sample) offers it.
      if (local.version > 0 && !local.shop) {
        const outcome = await this.publish(local.products, 0);
        if (outcome.kind === 'published') {
          return this.options.store.replace(local.products, { version: outcome.version, hash: outcome.hash, pending: false });
        }
      } else {
        return local;
      }
    } else if (local.shop && !local.shop.pending && local.shop.version === head.version && local.shop.hash === head.hash) {
      return local;
    }
    const { rows } = await this.options.pool.query<{ version: number; hash: string; content: string }>(
      'SELECT version, hash, content FROM catalog_versions ORDER BY version DESC LIMIT 1',
    );
    const row = rows[0];
    if (!row) return local;
    if (sha256(row.content) !== row.hash) {
      this.options.log.error('shop catalog: a version’s content does not match its hash; this till keeps its own', {
        version: row.version,
      });
      return local;
    }
    const decoded = decodeCatalog(row.content);
    if (!decoded.ok) {
      this.options.log.error('shop catalog: a version could not be read; this till keeps its own', {
        version: row.version,
        reason: decoded.reason,
      });
      return local;
    }
    local = await this.options.store.replace(decoded.data.products, { version: row.version, hash: row.hash, pending: false });
    this.options.log.info('shop catalog: a newer catalog from the shop is saved here', {
      version: row.version,
      count: local.products.length,
    });
    this.options.onApplied({ version: row.version, count: local.products.length });
    return local;
  }

  /** One transaction: the version check under the shop's catalog lock, the insert, and the NOTIFY. */
  private async publish(products: readonly Product[], base: number): Promise<PublishOutcome> {
    const client = await this.options.pool.connect();
    let healthy = false;
    try {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK]);
        const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM catalog_versions');
        const newest = rows[0]?.version ?? null;
        // Only the till that has the newest version publishes the next; an empty shop takes anyone's.
        if (newest !== null && newest !== base) {
          await client.query('ROLLBACK');
          healthy = true;
          return { kind: 'lost', version: newest };
        }
        const version = (newest ?? 0) + 1;
        const content = encodeCatalog({ version, products });
        const hash = sha256(content);
        await client.query('INSERT INTO catalog_versions (version, content, hash, product_count, till_id) VALUES ($1, $2, $3, $4, $5)', [
          version,
          content,
          hash,
          products.length,
          this.options.tillId,
        ]);
        await client.query('SELECT pg_notify($1, $2)', [CATALOG_CHANNEL, String(version)]);
        await client.query('COMMIT');
        healthy = true;
        this.options.log.info('shop catalog: published', { version, count: products.length });
        return { kind: 'published', version, hash };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release(!healthy);
    }
  }

  /** The dedicated LISTEN connection: connect, listen, catch up, then wait for notifications until it breaks. */
  private async listen(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({
        connectionString: this.options.url,
        connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5_000,
        application_name: 'LinkPOS catalog',
      });
      this.client = client;
      let broke = false;
      const ended = new Promise<void>((resolve) => {
        client.on('error', (error) => {
          if (!broke && !this.stopped) this.options.log.warn('shop catalog: the listening connection broke', { error });
          broke = true;
          resolve();
        });
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        await migrate(client);
        client.on('notification', (note) => {
          if (note.channel !== CATALOG_CHANNEL) return;
          void this.check().catch((error: unknown) =>
            this.options.log.warn('shop catalog: a newer catalog could not be read yet', { error }),
          );
        });
        await client.query(`LISTEN ${CATALOG_CHANNEL}`);
        // Whatever was published while this till was not listening.
        await this.check();
        this.connected = true;
        this.backoff.reset();
        await ended;
      } catch (error) {
        if (!this.stopped) this.options.log.warn('shop catalog: cannot listen to the shop database; retrying', { error });
      } finally {
        this.connected = false;
        await client.end().catch(() => undefined);
      }
      if (this.stopped) break;
      await this.nap.sleep(this.backoff.next());
    }
  }
}
