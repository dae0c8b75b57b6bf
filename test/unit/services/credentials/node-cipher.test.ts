import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCipher } from '../../../../electron/services/credentials/node-cipher';
import { NODE_CIPHER_BACKEND } from '../../../../electron/services/credentials/policy';
import { makeTempDir } from '../storage/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const secret = 'SENTINEL-KEY-9f3a7c21-LINKPOS';

describe('node cipher (test stand-in for safeStorage)', () => {
  it('round-trips text and names its own backend', () => {
    const cipher = createNodeCipher({ dataDir: tmp.dir });
    expect(cipher.isEncryptionAvailable()).toBe(true);
    expect(cipher.getSelectedStorageBackend?.()).toBe(NODE_CIPHER_BACKEND);
    expect(cipher.decryptString(cipher.encryptString(secret))).toBe(secret);
  });

  it('uses a fresh IV each time, so equal plaintexts give different ciphertexts', () => {
    const cipher = createNodeCipher({ dataDir: tmp.dir });
    const a = cipher.encryptString(secret);
    const b = cipher.encryptString(secret);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it('never contains the plaintext in the ciphertext', () => {
    const cipher = createNodeCipher({ dataDir: tmp.dir });
    expect(cipher.encryptString(secret).toString('latin1')).not.toContain(secret);
  });

  it('rejects a ciphertext with any single byte flipped', () => {
    const cipher = createNodeCipher({ dataDir: tmp.dir });
    const good = cipher.encryptString(secret);
    for (let i = 0; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i] = bad[i]! ^ 0x01;
      expect(() => cipher.decryptString(bad), `byte ${i}`).toThrow();
    }
  });

  it('rejects a truncated or empty ciphertext', () => {
    const cipher = createNodeCipher({ dataDir: tmp.dir });
    const good = cipher.encryptString(secret);
    expect(() => cipher.decryptString(good.subarray(0, good.length - 1))).toThrow();
    expect(() => cipher.decryptString(Buffer.alloc(0))).toThrow();
  });

  it('keeps a 32-byte key in a 0600 file that a new instance reuses', () => {
    const first = createNodeCipher({ dataDir: tmp.dir });
    const encrypted = first.encryptString(secret);
    const keyFile = path.join(tmp.dir, 'credentials.key');
    expect(fs.readFileSync(keyFile)).toHaveLength(32);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(createNodeCipher({ dataDir: tmp.dir }).decryptString(encrypted)).toBe(secret);
  });

  it('cannot decrypt with another data directory’s key', () => {
    const other = makeTempDir();
    try {
      const encrypted = createNodeCipher({ dataDir: tmp.dir }).encryptString(secret);
      expect(() => createNodeCipher({ dataDir: other.dir }).decryptString(encrypted)).toThrow();
    } finally {
      other.cleanup();
    }
  });

  it('sets a damaged key file aside instead of overwriting it, and starts a new key', () => {
    const keyFile = path.join(tmp.dir, 'credentials.key');
    fs.writeFileSync(keyFile, 'short');
    const cipher = createNodeCipher({ dataDir: tmp.dir, now: () => new Date('2026-01-02T03:04:05.006Z') });
    expect(cipher.decryptString(cipher.encryptString(secret))).toBe(secret);
    expect(fs.readFileSync(`${keyFile}.corrupt-2026-01-02T03-04-05-006Z`, 'utf8')).toBe('short');
    expect(fs.readFileSync(keyFile)).toHaveLength(32);
  });

  it('touches no file until it is first used', () => {
    createNodeCipher({ dataDir: tmp.dir });
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });
});
