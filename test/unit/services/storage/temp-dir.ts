import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh private temp directory per test, removed afterwards. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkpos-store-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under `dir`, recursively, with its bytes. */
export function readTree(dir: string): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readTree(full));
    else if (entry.isFile()) out.push({ file: full, bytes: fs.readFileSync(full) });
  }
  return out;
}

/** The encodings a secret could be written in by careless code. */
export function encodingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    encodeURIComponent(secret),
    Buffer.from(secret, 'utf16le').toString('latin1'),
  ];
}

export function filesContaining(dir: string, secret: string): string[] {
  const needles = encodingsOf(secret);
  return readTree(dir)
    .filter(({ bytes }) => needles.some((needle) => bytes.toString('latin1').includes(needle)))
    .map(({ file }) => file);
}
