import {
  defaultSettings,
  settingsSchema,
  validateSettings,
  type Settings,
  type SettingsFieldErrors,
  type SettingsFieldMessages,
} from '../../../shared/domain/settings';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { copyAside } from '../storage/files';
import type { KeyValueStore } from '../storage/key-value-store';
import { languageFromLocale } from './locale';
import { CURRENT_SETTINGS_VERSION, migrateDocument, type StoredDocument } from './migrations';
import { localizedText, msg, type LocalizedText } from '../../../shared/messages';

export type SaveSettingsResult =
  { saved: true; settings: Settings } | { saved: false; fieldErrors: SettingsFieldErrors; fieldMessages: SettingsFieldMessages };

export interface SettingsServiceOptions {
  /** The `settings` store in the data directory. */
  store: KeyValueStore;
  /** The OS locale (app.getLocale(), Intl, LANG), used only on first run. */
  osLocale: string | undefined;
  /** The store's start-up notice, passed on to the clerk. */
  storeNotice?: LocalizedText | null;
  now?: () => Date;
  /** Keeps a copy of a file whose content we cannot use in full; returns the copy's path. */
  keepCopy?: (file: string) => string;
  log?: Logger;
}

export interface SettingsService {
  get(): Settings;
  /** Validates as a whole; on any error nothing is written. */
  save(raw: unknown): SaveSettingsResult;
  /** No settings were ever saved: the clerk sees the first-run defaults. */
  isFirstRun(): boolean;
  /** What went wrong reading the settings at start-up, for the alarm list. */
  notices(): readonly LocalizedText[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `value` without the leaf at `path` (so one bad field does not cost all the others). */
function withoutPath(value: unknown, path: readonly PropertyKey[]): unknown {
  if (path.length === 0 || !isRecord(value)) return {};
  const [head, ...rest] = path;
  const key = String(head);
  const copy: Record<string, unknown> = { ...value };
  if (rest.length === 0 || !isRecord(copy[key])) delete copy[key];
  else copy[key] = withoutPath(copy[key], rest);
  return copy;
}

/**
 * `change` laid over `base`: objects are merged key by key, anything else (a value, an array) in
 * `change` replaces what `base` has. A `change` that is not an object is returned as it is, for
 * validation to refuse.
 */
export function mergeOver(base: unknown, change: unknown): unknown {
  if (!isRecord(base) || !isRecord(change)) return change;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change)) {
    // A JSON "__proto__" key is an own property; assigned, it would set the prototype instead.
    if (value === undefined || key === '__proto__') continue;
    merged[key] = mergeOver(base[key], value);
  }
  return merged;
}

/**
 * Reads stored settings leniently: fields that no longer validate fall back to their defaults and
 * are named, rather than the whole form being lost. Cross-field rules are checked on save only.
 */
export function readStoredSettings(raw: unknown): { settings: Settings; resetFields: string[] } {
  let candidate = raw;
  const resetFields: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const parsed = settingsSchema.safeParse(candidate);
    if (parsed.success) return { settings: parsed.data, resetFields };
    for (const issue of parsed.error.issues) {
      resetFields.push(issue.path.length ? issue.path.map(String).join('.') : 'all settings');
      candidate = withoutPath(candidate, issue.path);
    }
  }
  return { settings: defaultSettings, resetFields: ['all settings'] };
}

export function firstRunSettings(osLocale: string | undefined): Settings {
  return { ...defaultSettings, provider: 'demo', uiLanguage: languageFromLocale(osLocale) };
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { store, log } = options;
  const now = options.now ?? (() => new Date());
  const keepCopy = options.keepCopy ?? ((file: string) => copyAside(file, 'unreadable', now()));
  const notices: LocalizedText[] = options.storeNotice ? [options.storeNotice] : [];

  const keptCopyName = (): string => {
    try {
      const copy = keepCopy(store.path);
      return ` A copy of the original file was kept as ${copy.split(/[\\/]/).pop() ?? copy}.`;
    } catch {
      return '';
    }
  };

  const load = (): { settings: Settings; firstRun: boolean } => {
    let document: StoredDocument;
    try {
      document = store.store;
    } catch {
      notices.push(localizedText(msg('settingsFileUnreadable')));
      return { settings: firstRunSettings(options.osLocale), firstRun: false };
    }
    if (Object.keys(document).length === 0) return { settings: firstRunSettings(options.osLocale), firstRun: true };

    const migrated = migrateDocument(document);
    if (!migrated.ok) {
      const why = migrated.reason === 'newer' ? 'they were saved by a newer version of LinkPOS' : 'their format is not recognised';
      notices.push(
        localizedText(
          msg(migrated.reason === 'newer' ? 'settingsFileNewer' : 'settingsFileUnrecognised'),
          `The settings could not be used (${why}), so LinkPOS started with default settings.${keptCopyName()}`,
        ),
      );
      return { settings: firstRunSettings(options.osLocale), firstRun: false };
    }

    const { settings, resetFields } = readStoredSettings(migrated.document['settings']);
    if (resetFields.length) {
      const names = [...new Set(resetFields)].slice(0, 8).join(', ');
      notices.push(
        localizedText(
          msg('settingsFieldsReset', { fields: names }),
          `Some settings could not be read and were reset to their defaults: ${names}. Please check them.${keptCopyName()}`,
        ),
      );
    } else if (migrated.from !== CURRENT_SETTINGS_VERSION) {
      try {
        store.store = { schemaVersion: CURRENT_SETTINGS_VERSION, settings };
        log?.info('Settings file migrated', { from: migrated.from, to: CURRENT_SETTINGS_VERSION });
      } catch {
        // The migrated settings are in use; the next successful save writes them.
        log?.warn('Migrated settings could not be written back');
      }
    }
    return { settings, firstRun: false };
  };

  let { settings: current, firstRun } = load();
  for (const notice of notices) log?.warn(notice.message);

  return {
    get: () => current,
    save(raw) {
      // A partial object changes what it names and keeps the rest as stored: a field left out is
      // not a field reset to its default (the settings form sends everything; other callers may not).
      const checked = validateSettings(mergeOver(current, raw));
      if (!checked.ok) return { saved: false, fieldErrors: checked.fieldErrors, fieldMessages: checked.fieldMessages };
      try {
        // One assignment, one atomic file write: settings and version can never be half-saved.
        store.store = { schemaVersion: CURRENT_SETTINGS_VERSION, settings: checked.settings };
      } catch (error) {
        log?.error('Settings could not be written', { error });
        throw new DomainError('storage', msg('settingsSaveFailed'));
      }
      current = checked.settings;
      firstRun = false;
      return { saved: true, settings: current };
    },
    isFirstRun: () => firstRun,
    notices: () => notices,
  };
}
