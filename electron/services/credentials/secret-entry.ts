import { z } from 'zod';
import type { Logger, Redactor } from '../log';
import type { KeyValueStore } from '../storage/key-value-store';
import type { SecretCipher } from './cipher';
import { describeNoPersistence } from './policy';
import { cipherStorage, OS_DEFAULT_BACKEND } from './storage-policy';

/**
 * One secret string beside the provider keys (the shop database's connection URL, whose password is
 * a secret): encrypted with the same cipher under the same policy, write-only from the renderer,
 * registered with the redactor the moment it is read or set. Where nothing protects it on disk it
 * is kept in memory only, as the provider keys are.
 */
export interface SecretEntry {
  set(value: string | null): SecretEntryStatus;
  current(): string | null;
  status(): SecretEntryStatus;
}

export interface SecretEntryStatus {
  readonly state: 'missing' | 'configured' | 'needs-reentry';
  readonly storage: 'encrypted' | 'memory-only' | 'none';
  /** Why it is memory-only or must be entered again (English; for logs and the detail line). */
  readonly detail: string;
}

const entrySchema = z.object({
  format: z.literal(1),
  backend: z.string().max(100),
  ciphertext: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  savedAt: z.string(),
});

export interface SecretEntryOptions {
  store: KeyValueStore;
  /** The store key: one entry per secret. */
  key: string;
  cipher: SecretCipher;
  platform: NodeJS.Platform;
  redactor: Redactor;
  /** Also registered with the redactor: the parts of a value that are secret on their own. */
  secretParts?: (value: string) => readonly string[];
  acceptNodeCipher?: boolean;
  log?: Logger;
  now?: () => Date;
}

type State =
  | { kind: 'missing' }
  | { kind: 'configured'; value: string; storage: 'encrypted' | 'memory-only'; detail: string }
  | { kind: 'needs-reentry'; detail: string };

export function createSecretEntry(options: SecretEntryOptions): SecretEntry {
  const { store, key, cipher, redactor } = options;
  const now = options.now ?? (() => new Date());
  const register = (value: string) => {
    redactor.register(value);
    for (const part of options.secretParts?.(value) ?? []) redactor.register(part);
  };
  const storage = cipherStorage(cipher, options.platform, options.acceptNodeCipher ?? false);
  const backendNow = (): string => storage.backend() ?? OS_DEFAULT_BACKEND;
  const decide = storage.decide;
  const drop = () => {
    try {
      if (store.get(key) !== undefined) store.delete(key);
    } catch {
      options.log?.warn('secret entry: an older saved copy could not be removed', { key });
    }
  };

  const load = (): State => {
    let raw: unknown;
    try {
      raw = store.get(key);
    } catch {
      return { kind: 'needs-reentry', detail: 'The saved copy could not be read.' };
    }
    if (raw === undefined) return { kind: 'missing' };
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) return { kind: 'needs-reentry', detail: 'The saved copy is damaged.' };
    const decision = decide();
    if (!decision.persist) return { kind: 'needs-reentry', detail: `${describeNoPersistence(decision.reason)} any more.` };
    if (entry.data.backend !== backendNow()) return { kind: 'needs-reentry', detail: "This computer's secure storage has changed." };
    try {
      const value = cipher.decryptString(Buffer.from(entry.data.ciphertext, 'base64'));
      register(value);
      return { kind: 'configured', value, storage: 'encrypted', detail: '' };
    } catch {
      return { kind: 'needs-reentry', detail: 'It could not be decrypted on this computer.' };
    }
  };

  let state = load();
  const status = (): SecretEntryStatus =>
    state.kind === 'configured'
      ? { state: 'configured', storage: state.storage, detail: state.detail }
      : { state: state.kind, storage: 'none', detail: state.kind === 'needs-reentry' ? state.detail : '' };

  return {
    set(value) {
      if (value === null) {
        drop();
        state = { kind: 'missing' };
        return status();
      }
      register(value);
      const decision = decide();
      if (!decision.persist) {
        drop();
        state = { kind: 'configured', value, storage: 'memory-only', detail: `${describeNoPersistence(decision.reason)}.` };
        return status();
      }
      try {
        const ciphertext = cipher.encryptString(value).toString('base64');
        store.set(key, { format: 1, backend: backendNow(), ciphertext, savedAt: now().toISOString() });
        state = { kind: 'configured', value, storage: 'encrypted', detail: '' };
      } catch {
        drop();
        state = { kind: 'configured', value, storage: 'memory-only', detail: 'It could not be saved encrypted on this computer.' };
      }
      return status();
    },
    current: () => (state.kind === 'configured' ? state.value : null),
    status,
  };
}
