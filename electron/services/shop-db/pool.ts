import pg from 'pg';
import type { Logger } from '../log';

export interface ShopPoolOptions {
  readonly log: Logger;
  /** Connections at most: a till needs few (the replicator, a report, the catalog listener). */
  readonly max?: number;
  readonly connectTimeoutMs?: number;
}

/**
 * A connection pool for the shop database at `url` (a `postgres://` URL; `sslmode=require` or
 * `verify-full` in it turns TLS on). Nothing here ever waits long: a till sells without the database,
 * so a connect that hangs is given up and retried later, and a statement that hangs is cancelled.
 */
export function createShopPool(url: string, options: ShopPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'LinkPOS',
  });
  // An idle connection that breaks (the server restarted, the network went) is reported here; without
  // a listener it would end the process. The next query reconnects.
  pool.on('error', (error) => options.log.warn('shop database: an idle connection broke', { error }));
  return pool;
}
