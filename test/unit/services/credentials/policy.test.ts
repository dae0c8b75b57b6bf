import { describe, expect, it } from 'vitest';
import { decidePersistence, describeNoPersistence, NODE_CIPHER_BACKEND } from '../../../../electron/services/credentials/policy';

type Row = [NodeJS.Platform, boolean, string | undefined, boolean, string];

// platform × encryption available × backend → persist?, reason
const table: Row[] = [
  ['darwin', true, undefined, true, 'os-protected'],
  ['darwin', false, undefined, false, 'encryption-unavailable'],
  ['win32', true, undefined, true, 'os-protected'],
  ['win32', false, undefined, false, 'encryption-unavailable'],
  ['linux', true, 'gnome_libsecret', true, 'keyring-protected'],
  ['linux', true, 'kwallet', true, 'keyring-protected'],
  ['linux', true, 'kwallet5', true, 'keyring-protected'],
  ['linux', true, 'kwallet6', true, 'keyring-protected'],
  ['linux', true, 'basic_text', false, 'weak-backend'],
  ['linux', true, 'unknown', false, 'weak-backend'],
  ['linux', true, undefined, false, 'weak-backend'],
  ['linux', true, 'some_future_backend', false, 'weak-backend'],
  ['linux', false, 'gnome_libsecret', false, 'encryption-unavailable'],
  ['linux', false, 'basic_text', false, 'encryption-unavailable'],
  ['freebsd', true, 'gnome_libsecret', true, 'keyring-protected'],
  ['freebsd', true, 'basic_text', false, 'weak-backend'],
  // The node stand-in is never trusted by platform alone.
  ['linux', true, NODE_CIPHER_BACKEND, false, 'stand-in-not-accepted'],
  ['darwin', true, NODE_CIPHER_BACKEND, false, 'stand-in-not-accepted'],
  ['win32', true, NODE_CIPHER_BACKEND, false, 'stand-in-not-accepted'],
];

describe('decidePersistence', () => {
  it.each(table)('%s, available=%s, backend=%s → persist=%s (%s)', (platform, encryptionAvailable, backend, persist, reason) => {
    expect(decidePersistence({ platform, encryptionAvailable, backend })).toEqual({ persist, reason });
  });

  it.each(['linux', 'darwin', 'win32'] as const)(
    'persists with the node stand-in on %s only when the host explicitly accepts it',
    (platform) => {
      expect(decidePersistence({ platform, encryptionAvailable: true, backend: NODE_CIPHER_BACKEND, acceptNodeCipher: true })).toEqual({
        persist: true,
        reason: 'stand-in-accepted',
      });
    },
  );

  it('does not let acceptance of the stand-in upgrade a weak Linux backend', () => {
    expect(decidePersistence({ platform: 'linux', encryptionAvailable: true, backend: 'basic_text', acceptNodeCipher: true }).persist).toBe(
      false,
    );
  });

  it('does not let acceptance of the stand-in override unavailable encryption', () => {
    expect(
      decidePersistence({ platform: 'linux', encryptionAvailable: false, backend: NODE_CIPHER_BACKEND, acceptNodeCipher: true }).persist,
    ).toBe(false);
  });

  it('explains each refusal in a sentence that names no backend identifier', () => {
    for (const reason of ['encryption-unavailable', 'weak-backend', 'stand-in-not-accepted'] as const) {
      const text = describeNoPersistence(reason);
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/basic_text|linkpos_node/);
    }
  });
});
