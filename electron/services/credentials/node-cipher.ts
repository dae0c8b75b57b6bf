/**
 * TEST STAND-IN for Electron's safeStorage, used by the web host (and tests), never by the desktop app.
 *
 * AES-256-GCM with a random 32-byte key kept in a key file (0600) in the data directory, a fresh
 * random IV per encryption, and the auth tag checked on decryption (one flipped byte → throws).
 * It keeps the credential out of plain sight in the store file, but it protects NOTHING against
 * anyone who can read the data directory: the key lies right beside the ciphertext. That is why its
 * backend name is not trusted by the persistence policy unless the web host opts in explicitly.
 * The desktop app uses safeStorage (Keychain, DPAPI, libsecret/KWallet).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretCipher } from './cipher';
import { NODE_CIPHER_BACKEND } from './policy';
import { ensurePrivateDir, ensurePrivateFile, moveAside } from '../storage/files';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of every ciphertext, so a later format can be told apart. */
const FORMAT_V1 = 1;

export interface NodeCipherOptions {
  dataDir: string;
  keyFileName?: string;
  now?: () => Date;
}

export function createNodeCipher(options: NodeCipherOptions): SecretCipher {
  const keyFile = path.join(options.dataDir, options.keyFileName ?? 'credentials.key');
  const now = options.now ?? (() => new Date());
  let key: Buffer | null = null;

  // Loaded on first use so constructing the cipher touches no file.
  const loadKey = (): Buffer => {
    if (key) return key;
    ensurePrivateDir(options.dataDir);
    if (fs.existsSync(keyFile)) {
      const existing = fs.readFileSync(keyFile);
      if (existing.length === KEY_BYTES) {
        ensurePrivateFile(keyFile);
        return (key = existing);
      }
      // A damaged key cannot decrypt anything; keep it for support and start a new one.
      moveAside(keyFile, 'corrupt', now());
    }
    const fresh = crypto.randomBytes(KEY_BYTES);
    // 'wx': never overwrite a key another process just wrote.
    fs.writeFileSync(keyFile, fresh, { mode: 0o600, flag: 'wx' });
    return (key = fresh);
  };

  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => NODE_CIPHER_BACKEND,
    encryptString(plainText: string): Buffer {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', loadKey(), iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted: Buffer): string {
      if (encrypted.length < 1 + IV_BYTES + TAG_BYTES || encrypted[0] !== FORMAT_V1) {
        throw new Error('Not a LinkPOS ciphertext');
      }
      const iv = encrypted.subarray(1, 1 + IV_BYTES);
      const tag = encrypted.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const body = encrypted.subarray(1 + IV_BYTES + TAG_BYTES);
      const decipher = crypto.createDecipheriv('aes-256-gcm', loadKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  };
}
