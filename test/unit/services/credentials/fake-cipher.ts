import type { SecretCipher } from '../../../../electron/services/credentials/cipher';

export interface FakeCipherOptions {
  available?: boolean;
  backend?: string;
  encryptThrows?: boolean;
  decryptThrows?: boolean;
}

/** A reversible, obviously-not-secure cipher whose behaviour each test chooses. */
export function fakeCipher(options: FakeCipherOptions = {}): SecretCipher & { encryptCalls: number } {
  const cipher = {
    encryptCalls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(plainText: string): Buffer {
      cipher.encryptCalls++;
      if (options.encryptThrows) throw new Error(`keychain refused to store ${plainText}`);
      return Buffer.from(Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a));
    },
    decryptString(encrypted: Buffer): string {
      if (options.decryptThrows) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8');
    },
    ...(options.backend === undefined ? {} : { getSelectedStorageBackend: () => options.backend! }),
  };
  return cipher;
}
