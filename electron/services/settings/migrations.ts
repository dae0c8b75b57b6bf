/**
 * The settings file's format history. Each migration is a pure function from the document at
 * version N to the document at N+1; the service runs them in order and saves the result.
 *
 * v0 (before versioning): settings flat at the top level, the shop's name as `shopName`.
 * v1: `{ schemaVersion: 1, settings: Settings }`, the shop's name in `settings.shop.name`.
 * v2: each provider's own settings under `settings.providers.<id>` (shared/providers/<id>.ts):
 *     `ecsterLocale` → `providers.ecster.locale`, `straumurTerminalIdentifier` and
 *     `straumurThemeKey` → `providers.straumur.terminalIdentifier` and `.themeKey`.
 */
export type StoredDocument = Record<string, unknown>;
export type Migration = (document: StoredDocument) => StoredDocument;

export const CURRENT_SETTINGS_VERSION = 2;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const settingsMigrations: Readonly<Record<number, Migration>> = {
  0: (document) => {
    const { shopName, shop, ...rest } = document;
    const shopObject = isRecord(shop) ? { ...shop } : {};
    if (typeof shopName === 'string' && shopObject['name'] === undefined) shopObject['name'] = shopName;
    return { schemaVersion: 1, settings: { ...rest, shop: shopObject } };
  },
  1: (document) => {
    const settings = isRecord(document['settings']) ? document['settings'] : {};
    const { ecsterLocale, straumurTerminalIdentifier, straumurThemeKey, providers, ...rest } = settings;
    const nested = isRecord(providers) ? providers : {};
    const ecster = isRecord(nested['ecster']) ? { ...nested['ecster'] } : {};
    const straumur = isRecord(nested['straumur']) ? { ...nested['straumur'] } : {};
    // Only what was there moves: a missing field takes its default when read, as before.
    if (ecsterLocale !== undefined) ecster['locale'] ??= ecsterLocale;
    if (straumurTerminalIdentifier !== undefined) straumur['terminalIdentifier'] ??= straumurTerminalIdentifier;
    if (straumurThemeKey !== undefined) straumur['themeKey'] ??= straumurThemeKey;
    return { ...document, schemaVersion: 2, settings: { ...rest, providers: { ...nested, ecster, straumur } } };
  },
};

/** A document without `schemaVersion` predates versioning: version 0. */
export function documentVersion(document: StoredDocument): number | null {
  const version = document['schemaVersion'];
  if (version === undefined) return 0;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : null;
}

export type MigrationOutcome =
  { ok: true; document: StoredDocument; from: number } | { ok: false; reason: 'newer' | 'unknown-version' | 'failed' };

export function migrateDocument(
  document: StoredDocument,
  migrations: Readonly<Record<number, Migration>> = settingsMigrations,
  target: number = CURRENT_SETTINGS_VERSION,
): MigrationOutcome {
  const from = documentVersion(document);
  if (from === null) return { ok: false, reason: 'unknown-version' };
  if (from > target) return { ok: false, reason: 'newer' };
  let current = document;
  for (let version = from; version < target; version++) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: 'unknown-version' };
    try {
      current = step(current);
    } catch {
      return { ok: false, reason: 'failed' };
    }
  }
  return { ok: true, document: current, from };
}
