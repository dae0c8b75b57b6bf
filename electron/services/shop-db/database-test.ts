import pg from 'pg';
import { LATEST_SCHEMA_VERSION } from './migrations';

export type ShopDatabaseTestResult =
  'ok' | 'not-configured' | 'unreachable' | 'rejected-login' | 'no-database' | 'tls' | 'schema-too-new' | 'failed';

/** What a pg or network error means to a shop owner. Never reads the error's text into a sentence. */
export function classifyShopDatabaseError(error: unknown): Exclude<ShopDatabaseTestResult, 'ok' | 'not-configured' | 'schema-too-new'> {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : '';
  if (code === '28P01' || code === '28000') return 'rejected-login';
  if (code === '3D000') return 'no-database';
  if (/SSL|TLS|certificate/i.test(message) || /CERT|SSL|TLS/.test(code)) return 'tls';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code))
    return 'unreachable';
  if (/timeout|terminated|Connection terminated/i.test(message)) return 'unreachable';
  if (code === '57P03') return 'unreachable'; // the server is starting up or shutting down
  return 'failed';
}

/**
 * "Test database connection": one connection, one harmless query, and the schema version, within a
 * few seconds. Nothing is written.
 */
export async function testShopDatabase(
  url: string,
  timeoutMs = 5_000,
): Promise<{ result: ShopDatabaseTestResult; schemaVersion: number | null }> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    application_name: 'LinkPOS',
  });
  client.on('error', () => undefined); // a broken connection is reported by the query below
  try {
    await client.connect();
    const exists = await client.query<{ found: boolean }>(`SELECT to_regclass('linkpos_schema') IS NOT NULL AS found`);
    const version = exists.rows[0]?.found
      ? ((await client.query<{ version: number | null }>('SELECT max(version) AS version FROM linkpos_schema')).rows[0]?.version ?? null)
      : null;
    if (version !== null && version > LATEST_SCHEMA_VERSION) return { result: 'schema-too-new', schemaVersion: version };
    return { result: 'ok', schemaVersion: version };
  } catch (error) {
    return { result: classifyShopDatabaseError(error), schemaVersion: null };
  } finally {
    await client.end().catch(() => undefined);
  }
}
