import type { LocalizedText } from '../../../shared/messages';

/**
 * The small surface LinkPOS needs from a JSON key-value file. It is the part `conf` and
 * `electron-store` (which extends conf) have in common, so the web host passes a conf instance
 * and the desktop shell may pass an electron-store one without the services knowing which.
 */
export interface KeyValueStore {
  /** Absolute path of the backing file (used to keep a copy aside when its content is unusable). */
  readonly path: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /**
   * The whole document. Assigning it replaces the file in one atomic write, which is how a
   * multi-key change (settings plus their schema version) avoids ever being half-saved.
   */
  store: Record<string, unknown>;
}

/** A store as opened at start-up, with what the clerk must be told if its file was unusable. */
export interface OpenedStore {
  readonly store: KeyValueStore;
  /** Set when the file was unreadable and moved aside: what the alarm list tells the clerk. */
  readonly notice: LocalizedText | null;
}
