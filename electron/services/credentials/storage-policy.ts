import type { SecretCipher } from './cipher';
import { decidePersistence, type PersistenceDecision } from './policy';

/** What `getSelectedStorageBackend` would say where it does not exist (macOS, Windows). */
export const OS_DEFAULT_BACKEND = 'os-default';

/**
 * The cipher as a secret's store sees it: which backend it uses now, and whether a ciphertext made
 * with it may be written to disk (policy.ts). Shared by the provider keys and every other secret.
 */
export function cipherStorage(cipher: SecretCipher, platform: NodeJS.Platform, acceptNodeCipher: boolean) {
  const backend = (): string | undefined => {
    try {
      return cipher.getSelectedStorageBackend?.();
    } catch {
      return undefined;
    }
  };
  const decide = (): PersistenceDecision => {
    let available = false;
    try {
      available = cipher.isEncryptionAvailable();
    } catch {
      available = false;
    }
    return decidePersistence({ platform, encryptionAvailable: available, backend: backend(), acceptNodeCipher });
  };
  return { backend, decide };
}
