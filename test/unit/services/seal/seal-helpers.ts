import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_FILE, openJournal, type Journal, type JournalRecord } from '../../../../electron/services/journal/journal';
import { encodeRecord, GENESIS_HASH } from '../../../../electron/services/journal/record';
import type { Logger } from '../../../../electron/services/log';
import { SealChecker } from '../../../../electron/services/seal/verify';

export const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An Ed25519 key pair in the shape the sealer and the checker take. */
export function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

export async function open(dir: string): Promise<Journal> {
  return (await openJournal(dir, { log: silent })).journal;
}

/** Appends `n` sale-like records, `stepMs` apart in their `at`. */
export async function appendSales(journal: Journal, n: number, from = Date.parse('2026-12-01T09:00:00Z'), stepMs = 1000): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const at = new Date(from + i * stepMs).toISOString();
    await journal.append({ type: 'sale-created', saleId: `s${i}`, at, data: { amountMinor: 4000 + i } });
  }
}

export async function records(dir: string): Promise<JournalRecord[]> {
  const text = await readFile(join(dir, JOURNAL_FILE), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalRecord);
}

/**
 * Rewrites the journal as a forger with the data folder would: the records edited, then every
 * seq, prev and hash computed again with LinkPOS's own encoder, so the hash chain holds.
 */
export async function rewrite(dir: string, edit: (records: JournalRecord[]) => JournalRecord[]): Promise<void> {
  let prev = GENESIS_HASH;
  const lines = edit(await records(dir)).map((r, i) => {
    const { line, hash } = encodeRecord({ seq: i + 1, at: r.at, type: r.type, saleId: r.saleId, data: r.data, prev });
    prev = hash;
    return line;
  });
  await writeFile(join(dir, JOURNAL_FILE), lines.map((l) => `${l}\n`).join(''));
}

export function check(all: readonly JournalRecord[], expect: ConstructorParameters<typeof SealChecker>[0]) {
  const checker = new SealChecker(expect);
  all.forEach((r, i) => checker.add(r, i + 1));
  return checker.result();
}
