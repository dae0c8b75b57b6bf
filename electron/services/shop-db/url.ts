/**
 * The shop database's connection URL: `postgres://user:password@host:port/database?sslmode=…`.
 * Only main ever holds it; the renderer is shown `target`, which has no password.
 */
export type ParsedShopDatabaseUrl =
  | { readonly ok: true; readonly url: string; readonly target: string; readonly password: string | null }
  | { readonly ok: false; readonly reason: 'not-a-url' | 'not-postgres' | 'no-host' | 'no-database' | 'bad-sslmode' };

const SSL_MODES = new Set(['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);

export function parseShopDatabaseUrl(text: string): ParsedShopDatabaseUrl {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return { ok: false, reason: 'not-postgres' };
  if (!url.hostname) return { ok: false, reason: 'no-host' };
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) return { ok: false, reason: 'no-database' };
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !SSL_MODES.has(sslmode)) return { ok: false, reason: 'bad-sslmode' };
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  const port = url.port ? `:${url.port}` : '';
  const tls = sslmode && sslmode !== 'disable' && sslmode !== 'prefer' ? ` (TLS ${sslmode})` : '';
  return {
    ok: true,
    url: trimmed,
    target: `${user}${url.hostname}${port}/${database}${tls}`,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

/** The secret parts of a URL, for the redactor: the password, raw and decoded. */
export function shopDatabaseSecrets(text: string): string[] {
  try {
    const url = new URL(text.trim());
    return url.password ? [url.password, decodeURIComponent(url.password)] : [];
  } catch {
    return [];
  }
}
