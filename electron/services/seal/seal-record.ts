import { z } from 'zod';

/**
 * A seal: a journal record, written by the till, that signs the chain up to an earlier record (its
 * seq and hash) with the till's Ed25519 key. Anyone with the till's public key can check it without
 * LinkPOS (README, "The sealed journal"); nobody without the till's private key can make one.
 */
export const SEAL_RECORD_TYPE = 'seal';

/** Seals belong to no sale. */
export const SEAL_SALE_ID = '';

export const sealDataSchema = z.object({
  /** The seal format; the signed text names it too. */
  v: z.literal(1),
  /** The till's permanent id (till-identity.json), so a journal from another till is told apart. */
  tillId: z.string().min(1).max(100),
  /** The record sealed: the chain up to and including it. */
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The till's public key, SPKI DER in base64, so every export carries it. */
  key: z.string().min(1).max(200),
  /** The Ed25519 signature of `sealText(...)`, base64. */
  sig: z.string().min(1).max(200),
});
export type SealData = z.infer<typeof sealDataSchema>;

/**
 * The exact text a seal signs. Plain text on purpose: an auditor can rebuild it with printf and
 * check it with `openssl pkeyutl -verify -rawin`.
 */
export function sealText(tillId: string, seq: number, hash: string): string {
  return `linkpos-seal/1 ${tillId} ${seq} ${hash}`;
}
