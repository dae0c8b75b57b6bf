import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { baseName, ensurePrivateDir, ensurePrivateFile, moveAside } from './files';
import type { KeyValueStore, OpenedStore } from './key-value-store';
import { localizedText, msg, type LocalizedText, type MessageKey } from '../../../shared/messages';

const unreadableKeys: Record<string, MessageKey> = { settings: 'storeUnreadableSettings', credentials: 'storeUnreadableCredentials' };

export interface ConfStoreOptions {
  /** The data directory; created 0700 on POSIX. */
  cwd: string;
  /** File name without extension: `settings` → settings.json. */
  configName: string;
  /** What the file holds, in the clerk's words, for the notice ("settings", "saved credentials"). */
  label: string;
  now?: () => Date;
  platform?: NodeJS.Platform;
}

/**
 * Why a file cannot be used as a store, or null when it can. conf itself would throw a
 * SyntaxError from its constructor (empty or truncated file) or silently accept a JSON string or
 * array as a "store", so we look first and decide ourselves.
 */
export function unusableReason(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'it was empty';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'it was damaged';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'it was damaged or cut short';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'it did not hold settings';
  return null;
}

/**
 * Opens `<cwd>/<configName>.json` through `construct` after checking the file: an unusable file never
 * stops start-up. It is renamed `<name>.json.corrupt-<timestamp>` (never deleted), the store starts
 * empty so its owner falls back to defaults, and `notice` tells the clerk what happened. The desktop
 * shell can pass an electron-store constructor here and get the same recovery.
 */
export function openCheckedStore(options: ConfStoreOptions, construct: () => KeyValueStore): OpenedStore {
  const now = options.now ?? (() => new Date());
  const platform = options.platform ?? process.platform;
  ensurePrivateDir(options.cwd, platform);
  const file = path.join(options.cwd, `${options.configName}.json`);

  let notice: LocalizedText | null = null;
  if (fs.existsSync(file)) {
    const reason = unusableReason(fs.readFileSync(file));
    if (reason) {
      const kept = moveAside(file, 'corrupt', now());
      notice = localizedText(
        msg(unreadableKeys[options.configName] ?? 'storeUnreadable', { file: baseName(kept) }),
        `The ${options.label} file could not be read (${reason}). LinkPOS started without it and kept the ` +
          `unreadable file as ${baseName(kept)} in the data folder.`,
      );
    } else {
      ensurePrivateFile(file, platform);
    }
  }
  return { store: construct(), notice };
}

/** The conf-backed store (web host, tests): files 0600 in a 0700 directory. */
export function createConfStore(options: ConfStoreOptions): OpenedStore {
  return openCheckedStore(
    options,
    () =>
      new Conf<Record<string, unknown>>({
        cwd: options.cwd,
        configName: options.configName,
        configFileMode: 0o600,
        // Keys are flat names; a dot in one must not turn into nesting.
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
      }),
  );
}
