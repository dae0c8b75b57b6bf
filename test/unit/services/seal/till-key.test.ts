import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../../electron/services/credentials/cipher';
import { createNodeCipher } from '../../../../electron/services/credentials/node-cipher';
import { Redactor } from '../../../../electron/services/log';
import { openTillKey, PUBLIC_KEY_FILE } from '../../../../electron/services/seal/till-key';
import { openSettings } from '../../../../electron/services/settings/open';
import { fakeCipher } from '../credentials/fake-cipher';
import { recordingLogger } from '../journal/helpers';
import { makeTempDir, readTree } from '../storage/temp-dir';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** The till's key as the app opens it: its private half in the credentials store, through the vault's policy. */
function open(cipher: SecretCipher, platform: NodeJS.Platform = 'linux', acceptNodeCipher = true) {
  const log = recordingLogger();
  const settings = openSettings({ dataDir: tmp.dir, cipher, platform, osLocale: 'en-GB', redactor: new Redactor(), acceptNodeCipher, log });
  return openTillKey({ entry: settings.tillKey, dataDir: tmp.dir, log });
}

/** The private key's 32 secret bytes in every form careless code could write them. */
function secretForms(key: Awaited<ReturnType<typeof open>>): string[] {
  const seed = Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
  return [seed.toString('base64'), seed.toString('base64url'), seed.toString('hex'), pem, der.toString('base64'), der.toString('hex')];
}

describe('the till signing key', () => {
  it('is made at the first start, kept encrypted, and the same at the next start; its public key lies beside the journal', async () => {
    const first = await open(createNodeCipher({ dataDir: tmp.dir }));
    expect(first.origin).toBe('created');
    expect(first.storage).toBe('encrypted');
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(readFileSync(join(tmp.dir, PUBLIC_KEY_FILE), 'utf8')).toBe(first.publicKeyPem);
    expect(first.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const again = await open(createNodeCipher({ dataDir: tmp.dir }));
    expect(again.origin).toBe('loaded');
    expect(again.publicKeyDer).toBe(first.publicKeyDer);
  });

  it('never lets the private key reach the data folder in plain, base64 or hex', async () => {
    const key = await open(createNodeCipher({ dataDir: tmp.dir }));
    const files = readTree(tmp.dir);
    expect(files.map((f) => f.file).some((f) => f.endsWith('credentials.json'))).toBe(true);
    for (const form of secretForms(key)) {
      expect(files.filter(({ bytes }) => bytes.toString('latin1').includes(form)).map((f) => f.file)).toEqual([]);
    }
  });

  it('is kept in memory only where the computer has no keyring (basic_text), as the provider keys are', async () => {
    const key = await open(fakeCipher({ backend: 'basic_text' }), 'linux', false);
    expect(key.storage).toBe('memory-only');
    const credentials = join(tmp.dir, 'credentials.json');
    expect(existsSync(credentials) ? readFileSync(credentials, 'utf8') : '').not.toContain('tillSigningKey');
    // The next start cannot read it back: a new key, said plainly by the seal check's alarm.
    const next = await open(fakeCipher({ backend: 'basic_text' }), 'linux', false);
    expect(next.origin).toBe('created');
    expect(next.publicKeyDer).not.toBe(key.publicKeyDer);
    expect(readFileSync(join(tmp.dir, PUBLIC_KEY_FILE), 'utf8')).toBe(next.publicKeyPem);
  });

  it('makes a new key when the saved one cannot be decrypted any more (the keychain changed)', async () => {
    const key = await open(fakeCipher({ backend: 'gnome_libsecret' }));
    expect(key.storage).toBe('encrypted');
    const next = await open(fakeCipher({ backend: 'gnome_libsecret', decryptThrows: true }));
    expect(next.origin).toBe('created');
    expect(next.publicKeyDer).not.toBe(key.publicKeyDer);
  });
});
