import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * A PIN is kept only as an scrypt hash with its own random salt (node:crypto). The parameters are
 * stored with each hash, so they can be raised later without making old PINs unusable.
 *
 * Why these: N = 2^15, r = 8, p = 1 is the cost RFC 7914 and OWASP name for interactive logins
 * (32 MiB of memory, about 50–100 ms on a till's CPU, on the thread pool — the main thread never
 * waits on it). A 4–8 digit PIN has little entropy however it is hashed; what protects it is the
 * lockout at the counter (lockout.ts) and the data folder's own protection. The hash makes a copy of
 * the folder cost real time per guess, and keeps PINs out of backups and support bundles.
 */
export const PIN_SCRYPT: ScryptCost = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 };

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: number;
  readonly saltLength: number;
}

export interface PinHash {
  readonly alg: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
}

function scrypt(pin: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(pin.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const maxmem = (N: number, r: number) => 256 * N * r; // twice what scrypt needs (128 · N · r)

/** `cost`: PIN_SCRYPT; tests whose subject is not the hash may pass a cheaper one. */
export async function hashPin(pin: string, cost: ScryptCost = PIN_SCRYPT): Promise<PinHash> {
  const { N, r, p, keyLength, saltLength } = cost;
  const salt = randomBytes(saltLength);
  const key = await scrypt(pin, salt, keyLength, { N, r, p, maxmem: maxmem(N, r) });
  return { alg: 'scrypt', N, r, p, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Constant-time comparison of the derived key; false for anything malformed. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  if (stored.alg !== 'scrypt' || expected.length < 16) return false;
  const key = await scrypt(pin, Buffer.from(stored.salt, 'base64'), expected.length, {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: maxmem(stored.N, stored.r),
  });
  return timingSafeEqual(key, expected);
}
