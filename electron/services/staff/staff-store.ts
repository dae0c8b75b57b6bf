import path from 'node:path';
import { z } from 'zod';
import { staffOptionsSchema, staffRoleSchema, type StaffOptions, type StaffRole } from '../../../shared/ipc/channels/staff';
import { moveAside, readTextIfExists, removeStaleTemps, writeFileAtomic } from '../catalog/atomic-file';
import type { Logger } from '../log';
import type { PinHash } from './pin-hash';

/** The staff file in the data directory: names, roles and PIN hashes (never a PIN). */
export const STAFF_FILE = 'staff.json';

const pinHashSchema = z.object({
  alg: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  salt: z.string().min(16),
  hash: z.string().min(16),
});

const storedMemberSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{6,40}$/),
  name: z.string().min(1).max(60),
  role: staffRoleSchema,
  owner: z.boolean(),
  pin: pinHashSchema,
  addedAt: z.string(),
});
export type StoredMember = z.infer<typeof storedMemberSchema> & { pin: PinHash; role: StaffRole };

export const defaultStaffOptions: StaffOptions = { idleMinutes: 5, discountApprovalPercent: 20 };

const staffFileSchema = z.object({
  v: z.literal(1),
  members: z.array(storedMemberSchema),
  options: staffOptionsSchema.default(defaultStaffOptions),
});
export type StaffFile = z.infer<typeof staffFileSchema>;

export interface StaffStore {
  read(): StaffFile;
  write(next: StaffFile): Promise<void>;
}

/**
 * Opens staff.json: missing means no staff yet. A damaged file is moved aside (never deleted) and
 * reported, so the caller can raise an alarm; the till then has no staff until one is added again.
 */
export async function openStaffStore(dataDir: string, log: Logger): Promise<{ store: StaffStore; damaged: string | null }> {
  const file = path.join(dataDir, STAFF_FILE);
  await removeStaleTemps(file);
  let current: StaffFile = { v: 1, members: [], options: defaultStaffOptions };
  let damaged: string | null = null;
  const text = await readTextIfExists(file);
  if (text !== null) {
    let parsed: ReturnType<typeof staffFileSchema.safeParse> | null = null;
    try {
      parsed = staffFileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) current = parsed.data;
    else {
      damaged = path.basename(await moveAside(file, new Date()));
      log.error('The staff file could not be read; it was moved aside', { file: damaged });
    }
  }
  return {
    damaged,
    store: {
      read: () => current,
      async write(next) {
        await writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
        current = next;
      },
    },
  };
}
