import { canonicalJson, sha256Hex } from './canonical';

/**
 * One line of `sales.journal`. `hash` is the sha256 of the canonical JSON of the record without
 * `hash`; since that includes `prev` (the previous line's hash), the lines form a chain a
 * bookkeeper can verify with any JSON library and sha256.
 */
export interface JournalRecord<D = unknown> {
  readonly v: 1;
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly saleId: string;
  readonly data: D;
  readonly prev: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** `,"hash":"<64 hex>"}`: the writer always ends a line with it, which keeps the reader lean. */
const HASH_SUFFIX_LENGTH = 9 + 64 + 2;
const HEX64 = /^[0-9a-f]{64}$/;

export function encodeRecord(fields: Omit<JournalRecord, 'hash' | 'v'>): { line: string; hash: string } {
  const body = canonicalJson({ ...fields, v: 1 });
  const hash = sha256Hex(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

export type DecodeResult = { ok: true; record: JournalRecord } | { ok: false; problem: string; record?: JournalRecord };

/**
 * Reads one line (without its newline). The hash is checked over the exact bytes written, so no
 * re-serialisation is needed on the hot path; `strict` also checks the bytes are canonical.
 */
export function decodeLine(line: string, strict = false): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  if (!isRecordShape(parsed)) return { ok: false, problem: 'not a journal record' };
  const record = parsed;
  const suffix = `,"hash":"${record.hash}"}`;
  if (line.length < HASH_SUFFIX_LENGTH || !line.endsWith(suffix)) {
    return { ok: false, problem: 'hash is not where the writer puts it', record };
  }
  const body = `${line.slice(0, -HASH_SUFFIX_LENGTH)}}`;
  if (sha256Hex(body) !== record.hash) return { ok: false, problem: 'checksum does not match', record };
  if (strict) {
    const { hash: _hash, ...rest } = record;
    if (canonicalJson(rest) !== body) return { ok: false, problem: 'record is not in canonical form', record };
  }
  return { ok: true, record };
}

function isRecordShape(value: unknown): value is JournalRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    r['v'] === 1 &&
    Number.isSafeInteger(r['seq']) &&
    (r['seq'] as number) > 0 &&
    typeof r['at'] === 'string' &&
    typeof r['type'] === 'string' &&
    typeof r['saleId'] === 'string' &&
    'data' in r &&
    typeof r['prev'] === 'string' &&
    HEX64.test(r['prev']) &&
    typeof r['hash'] === 'string' &&
    HEX64.test(r['hash'])
  );
}
