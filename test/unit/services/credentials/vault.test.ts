import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../../electron/services/credentials/cipher';
import { createNodeCipher } from '../../../../electron/services/credentials/node-cipher';
import { CREDENTIALS_ENTRY_KEY, createCredentialVault } from '../../../../electron/services/credentials/vault';
import { Redactor } from '../../../../electron/services/log';
import { createConfStore } from '../../../../electron/services/storage/conf-store';
import type { CredentialsInput } from '../../../../shared/ipc/channels/settings';
import { filesContaining, makeTempDir, readTree } from '../storage/temp-dir';
import { fakeCipher } from './fake-cipher';

const SENTINEL = 'SENTINEL-KEY-9f3a7c21-LINKPOS';
const ecster: CredentialsInput = { provider: 'ecster', environment: 'live', apiKey: SENTINEL, merchantKey: 'MERCHANT-77aa1bc0' };
const straumur: CredentialsInput = { provider: 'straumur', environment: 'staging', apiKey: 'STRAUMUR-KEY-0000-1111' };

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

function openVault(cipher: SecretCipher, extra: { platform?: NodeJS.Platform; acceptNodeCipher?: boolean; redactor?: Redactor } = {}) {
  const opened = createConfStore({ cwd: tmp.dir, configName: 'credentials', label: 'saved credentials' });
  const redactor = extra.redactor ?? new Redactor();
  const vault = createCredentialVault({
    store: opened.store,
    cipher,
    platform: extra.platform ?? 'linux',
    redactor,
    acceptNodeCipher: extra.acceptNodeCipher ?? false,
    storeNotice: opened.notice,
    now: () => new Date('2026-11-21T10:00:00Z'),
  });
  return { vault, redactor, store: opened.store, file: path.join(tmp.dir, 'credentials.json') };
}

const nodeVault = () => openVault(createNodeCipher({ dataDir: tmp.dir }), { acceptNodeCipher: true });

describe('credential vault: encrypted storage', () => {
  it('saves encrypted and reads the credentials back after a restart', () => {
    const status = nodeVault().vault.set(ecster);
    expect(status).toMatchObject({
      provider: 'ecster',
      environment: 'live',
      state: 'configured',
      storage: 'encrypted',
      apiKeyLast4: 'KPOS',
    });

    const restarted = nodeVault().vault;
    expect(restarted.current()).toEqual(ecster);
    expect(restarted.status()).toMatchObject({ state: 'configured', storage: 'encrypted', apiKeyLast4: 'KPOS' });
    expect(filesContaining(tmp.dir, SENTINEL)).toEqual([]);
    expect(filesContaining(tmp.dir, ecster.merchantKey)).toEqual([]);
  });

  it('registers the secrets with the redactor when set and when read back at start-up', () => {
    nodeVault().vault.set(ecster);
    const redactor = new Redactor();
    openVault(createNodeCipher({ dataDir: tmp.dir }), { acceptNodeCipher: true, redactor });
    expect(redactor.redact(`key=${SENTINEL} merchant=${ecster.merchantKey}`)).toBe('key=[redacted] merchant=[redacted]');
  });

  it('uses the OS key store on macOS, where no backend name exists, and recognises it after a restart', () => {
    const mac = fakeCipher();
    openVault(mac, { platform: 'darwin' }).vault.set(straumur);
    const again = openVault(fakeCipher(), { platform: 'darwin' }).vault;
    expect(again.status()).toMatchObject({ state: 'configured', storage: 'encrypted', provider: 'straumur' });
    expect(again.current()).toEqual(straumur);
  });

  it('trims pasted whitespace from keys before storing them', () => {
    const { vault } = nodeVault();
    vault.set({ ...straumur, apiKey: `  ${straumur.apiKey}\n` });
    expect(vault.current()?.apiKey).toBe(straumur.apiKey);
  });
});

describe('credential vault: memory-only when the disk would not protect the secret', () => {
  const cases: Array<[string, SecretCipher & { encryptCalls: number }, NodeJS.Platform]> = [
    ['encryptString throws', fakeCipher({ encryptThrows: true, backend: 'gnome_libsecret' }), 'linux'],
    ['Linux falls back to basic_text', fakeCipher({ backend: 'basic_text' }), 'linux'],
    ['Linux reports an unknown backend', fakeCipher({ backend: 'unknown' }), 'linux'],
    ['encryption is unavailable on Windows', fakeCipher({ available: false }), 'win32'],
  ];

  it.each(cases)('%s: writes nothing, keeps the session working and says it will ask again', (_name, cipher, platform) => {
    const { vault } = openVault(cipher, { platform });
    const status = vault.set(ecster);

    expect(readTree(tmp.dir)).toEqual([]);
    expect(vault.current()).toEqual(ecster);
    expect(status.state).toBe('configured');
    expect(status.storage).toBe('memory-only');
    expect(status.detail).toMatch(/asked for them again the next time LinkPOS starts/);
    expect(JSON.stringify(status)).not.toContain(SENTINEL);
    expect(openVault(cipher, { platform }).vault.status().state).toBe('missing');
  });

  it('does not even try to encrypt with a backend it does not trust', () => {
    const cipher = fakeCipher({ backend: 'basic_text' });
    openVault(cipher).vault.set(ecster);
    expect(cipher.encryptCalls).toBe(0);
  });

  it('treats the node stand-in as unprotected unless the host accepts it', () => {
    const { vault } = openVault(createNodeCipher({ dataDir: tmp.dir }), { acceptNodeCipher: false });
    expect(vault.set(ecster).storage).toBe('memory-only');
    expect(readTree(tmp.dir)).toEqual([]);
  });

  it('removes an older saved copy when new credentials can only be kept in memory, so the old ones do not come back', () => {
    openVault(fakeCipher({ backend: 'gnome_libsecret' })).vault.set(straumur);
    openVault(fakeCipher({ backend: 'gnome_libsecret', encryptThrows: true })).vault.set(ecster);
    expect(openVault(fakeCipher({ backend: 'gnome_libsecret' })).vault.status().state).toBe('missing');
  });
});

describe('credential vault: needs re-entry without losing anything', () => {
  it('keeps an undecryptable ciphertext byte-for-byte and names the provider that needs re-entry', () => {
    openVault(fakeCipher({ backend: 'kwallet5' })).vault.set(ecster);
    const file = path.join(tmp.dir, 'credentials.json');
    const before = fs.readFileSync(file);

    const { vault } = openVault(fakeCipher({ backend: 'kwallet5', decryptThrows: true }));
    const status = vault.status();
    expect(status).toMatchObject({ state: 'needs-reentry', provider: 'ecster', environment: 'live', apiKeyLast4: null, storage: 'none' });
    expect(status.detail).toMatch(/could not be decrypted/);
    expect(status.detail).toMatch(/journal/);
    expect(vault.current()).toBeNull();
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('asks for re-entry when the secure-storage backend changed since saving', () => {
    openVault(fakeCipher({ backend: 'gnome_libsecret' })).vault.set(ecster);
    const status = openVault(fakeCipher({ backend: 'kwallet6' })).vault.status();
    expect(status.state).toBe('needs-reentry');
    expect(status.detail).toMatch(/secure storage has changed/);
  });

  it('asks for re-entry when the keyring is gone and only basic_text remains', () => {
    openVault(fakeCipher({ backend: 'gnome_libsecret' })).vault.set(ecster);
    const { vault } = openVault(fakeCipher({ backend: 'basic_text' }));
    expect(vault.status().state).toBe('needs-reentry');
    expect(fs.existsSync(path.join(tmp.dir, 'credentials.json'))).toBe(true);
  });

  it('asks for re-entry when the stored entry is malformed', () => {
    fs.writeFileSync(
      path.join(tmp.dir, 'credentials.json'),
      JSON.stringify({ [CREDENTIALS_ENTRY_KEY]: { format: 1, provider: 'ecster' } }),
    );
    expect(openVault(fakeCipher({ backend: 'gnome_libsecret' })).vault.status()).toMatchObject({ state: 'needs-reentry', provider: null });
  });

  it('replaces the unreadable copy when the clerk enters credentials again', () => {
    openVault(fakeCipher({ backend: 'kwallet5' })).vault.set(ecster);
    const { vault } = openVault(fakeCipher({ backend: 'kwallet5', decryptThrows: true }));
    vault.set(straumur);
    expect(openVault(fakeCipher({ backend: 'kwallet5' })).vault.current()).toEqual(straumur);
  });
});

describe('credential vault: clear', () => {
  it('forgets the credentials in memory and on disk', () => {
    const { vault, store } = nodeVault();
    vault.set(ecster);
    expect(vault.clear()).toMatchObject({ state: 'missing', storage: 'none', provider: null });
    expect(vault.current()).toBeNull();
    expect(store.get(CREDENTIALS_ENTRY_KEY)).toBeUndefined();
    expect(nodeVault().vault.status().state).toBe('missing');
  });

  it('writes no file when there was nothing to clear', () => {
    openVault(fakeCipher({ backend: 'basic_text' })).vault.clear();
    expect(readTree(tmp.dir)).toEqual([]);
  });
});

describe('credential vault: input', () => {
  it('rejects invalid input yet has already registered the key, so the error cannot leak it into a log', () => {
    const redactor = new Redactor();
    const { vault } = openVault(fakeCipher({ backend: 'gnome_libsecret' }), { redactor });
    expect(() => vault.set({ provider: 'ecster', environment: 'prod', apiKey: SENTINEL, merchantKey: 'm' } as never)).toThrow();
    expect(redactor.redact(SENTINEL)).toBe('[redacted]');
    expect(vault.status().state).toBe('missing');
  });
});
