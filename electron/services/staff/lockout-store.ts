import path from 'node:path';
import { z } from 'zod';
import { moveAside, readTextIfExists, removeStaleTemps, writeFileAtomic } from '../catalog/atomic-file';
import type { Logger } from '../log';
import { noLockout, PIN_TRIES, type LockoutSnapshot, type PinPurpose } from './lockout';

/**
 * The PIN lockouts in the data directory: per purpose, wrong PINs in a row, locks so far and
 * locked-until (wall clock). Never a PIN, nor anything derived from one. Written atomically after
 * every change, before the clerk hears the answer, so quitting and restarting the app does not
 * give five more tries.
 */
export const LOCKOUT_FILE = 'staff-lockout.json';

export type LockoutFile = Readonly<Record<PinPurpose, LockoutSnapshot>>;

const snapshotSchema = z.object({
  wrong: z.number().int().min(0).max(PIN_TRIES),
  lockouts: z.number().int().min(0).max(1_000),
  lockedUntil: z.number().int().min(0),
});
const fileSchema = z.object({ v: z.literal(1), 'sign-in': snapshotSchema, approval: snapshotSchema });

export interface LockoutStore {
  read(): LockoutFile;
  write(next: LockoutFile): Promise<void>;
}

/**
 * Opens the lockout file: missing means no wrong PINs yet. A damaged file is moved aside (never
 * deleted) and logged, and the count starts again: whoever can damage the file can delete it, so
 * holding a lock for it would only shut out the shop.
 */
export async function openLockoutStore(dataDir: string, log: Logger, now: () => number = Date.now): Promise<LockoutStore> {
  const file = path.join(dataDir, LOCKOUT_FILE);
  await removeStaleTemps(file);
  let current: LockoutFile = { 'sign-in': noLockout, approval: noLockout };
  const text = await readTextIfExists(file);
  if (text !== null) {
    let parsed: ReturnType<typeof fileSchema.safeParse> | null = null;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) current = { 'sign-in': parsed.data['sign-in'], approval: parsed.data.approval };
    else {
      const aside = path.basename(await moveAside(file, new Date(now())));
      log.error('The PIN lockout file could not be read; it was moved aside', { file: aside });
    }
  }
  // One write at a time, in order: the last change is the one on disk.
  let queue: Promise<void> = Promise.resolve();
  return {
    read: () => current,
    write(next) {
      current = next;
      const run = queue.then(() => writeFileAtomic(file, JSON.stringify({ v: 1, ...next }) + '\n'));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
