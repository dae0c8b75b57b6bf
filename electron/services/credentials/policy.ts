/**
 * Whether an encrypted credential may be written to disk. Pure, so the whole table is tested.
 *
 * Electron's safeStorage reports "available" on Linux even when it falls back to `basic_text`, which
 * encrypts with a key hard-coded in Chromium: the ciphertext protects nothing, so we treat it (and
 * `unknown`) as no protection and keep the credential in memory only. On macOS (Keychain) and
 * Windows (DPAPI) available means protected.
 */

/** The backend name of the web host's AES-GCM stand-in (node-cipher.ts). */
export const NODE_CIPHER_BACKEND = 'linkpos_node_aes_gcm';

/** Linux secret services that really hold the key outside the data directory. */
const protectedLinuxBackends = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export type PersistenceReason =
  | 'os-protected' // macOS Keychain / Windows DPAPI
  | 'keyring-protected' // a Linux secret service
  | 'stand-in-accepted' // the node cipher, explicitly accepted by the web host
  | 'encryption-unavailable'
  | 'weak-backend' // basic_text, unknown or an unrecognised Linux backend
  | 'stand-in-not-accepted';

export interface PersistenceInput {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() where it exists; undefined elsewhere. */
  backend: string | undefined;
  /**
   * Only the web host sets this: it accepts the node cipher, whose key sits beside the data. Without
   * it the stand-in counts as unprotected, so nobody gets it by accident.
   */
  acceptNodeCipher?: boolean;
}

export interface PersistenceDecision {
  persist: boolean;
  reason: PersistenceReason;
}

export function decidePersistence(input: PersistenceInput): PersistenceDecision {
  if (!input.encryptionAvailable) return { persist: false, reason: 'encryption-unavailable' };
  if (input.backend === NODE_CIPHER_BACKEND) {
    return input.acceptNodeCipher ? { persist: true, reason: 'stand-in-accepted' } : { persist: false, reason: 'stand-in-not-accepted' };
  }
  if (input.platform === 'darwin' || input.platform === 'win32') return { persist: true, reason: 'os-protected' };
  // Linux and the other Unixes Chromium treats the same way: only a named secret service counts.
  if (input.backend !== undefined && protectedLinuxBackends.has(input.backend)) {
    return { persist: true, reason: 'keyring-protected' };
  }
  return { persist: false, reason: 'weak-backend' };
}

/** Why a credential is memory-only, in the clerk's words. */
export function describeNoPersistence(reason: PersistenceReason): string {
  switch (reason) {
    case 'encryption-unavailable':
      return 'This computer offers no secure storage for secrets';
    case 'weak-backend':
      return 'This computer has no system keyring (such as GNOME Keyring or KWallet) to protect secrets';
    case 'stand-in-not-accepted':
      return 'Only a test encryption is available here, which LinkPOS does not trust with secrets';
    default:
      return 'Secure storage is not available';
  }
}
