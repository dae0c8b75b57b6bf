/**
 * The shape of Electron's `safeStorage`, so the credential vault is plain Node code:
 * the desktop app passes `safeStorage` itself (electron/shell), the web host passes the
 * AES-256-GCM stand-in from node-cipher.ts, tests pass whatever they need.
 */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron: 'basic_text' | 'gnome_libsecret' | 'kwallet' | … | 'unknown'. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}
