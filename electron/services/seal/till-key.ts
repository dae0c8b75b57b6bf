import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../catalog/atomic-file';
import type { SecretEntry } from '../credentials/secret-entry';
import type { Logger } from '../log';

/** The till's public key beside the journal (PEM), for whoever is handed the data folder or a backup. */
export const PUBLIC_KEY_FILE = 'sales.journal.pub';

/** The till's signing key pair. The private key never leaves the main process. */
export interface TillKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** SPKI DER, base64: what every seal carries. */
  readonly publicKeyDer: string;
  /** Loaded from the vault, or made at this start (the first start, or the saved one could not be read). */
  readonly origin: 'loaded' | 'created';
  /** Memory-only where the computer has nothing that protects a secret on disk (no keyring). */
  readonly storage: 'encrypted' | 'memory-only';
}

export interface OpenTillKeyOptions {
  /** The private key's place beside the provider keys: same cipher, same policy, same refusal of basic_text. */
  entry: SecretEntry;
  dataDir: string;
  log: Logger;
}

/**
 * The till's Ed25519 key pair: the saved one, or a new one made and saved now. The public key is
 * (re)written beside the journal whenever the file does not hold it.
 */
export async function openTillKey(options: OpenTillKeyOptions): Promise<TillKey> {
  const { entry, log } = options;
  let privateKey = readPrivateKey(entry.current());
  let origin: TillKey['origin'] = 'loaded';
  if (!privateKey) {
    if (entry.status().state === 'needs-reentry') log.warn('seal: the till signing key could not be read; making a new one');
    privateKey = generateKeyPairSync('ed25519').privateKey;
    entry.set(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    origin = 'created';
  }
  const storage = entry.status().storage === 'encrypted' ? 'encrypted' : 'memory-only';
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const file = join(options.dataDir, PUBLIC_KEY_FILE);
  const onDisk = await readFile(file, 'utf8').catch(() => null);
  if (onDisk !== publicKeyPem) await writeFileAtomic(file, publicKeyPem);
  if (origin === 'created') log.info('seal: a new till signing key was made', { storage });
  return { privateKey, publicKey, publicKeyPem, publicKeyDer, origin, storage };
}

function readPrivateKey(pem: string | null): KeyObject | null {
  if (!pem) return null;
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}
