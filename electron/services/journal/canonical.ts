import { hash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no whitespace. Two writers (or a bookkeeper's script)
 * that agree on the record agree on its bytes, so the hash is reproducible outside LinkPOS.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined/functions have no JSON form; a record must never contain them.
    if (text === undefined) throw new TypeError('Journal records hold JSON values only');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export function sha256Hex(text: string): string {
  // The one-shot form is about twice as fast as createHash for short lines, which is most of replay.
  return hash('sha256', text, 'hex');
}
