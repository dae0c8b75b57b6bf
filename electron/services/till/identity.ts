import { randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { EPOCH_LENGTH, base32, isEpoch, isTillCode, tillCodeOf, type TillReferenceParts } from '../../../shared/domain/order-reference';
import { localizedText, msg, type LocalizedText } from '../../../shared/messages';
import { readTextIfExists, removeStaleTemps, writeFileAtomic } from '../catalog/atomic-file';
import type { Logger } from '../log';
import { baseName, ensurePrivateFile, moveAside } from '../storage/files';

/**
 * Who this till is, kept in `till-identity.json` in the data directory: a random permanent id
 * (a UUID, for a shop database to register the till by), the till code its order references carry,
 * and the epoch of its current journal.
 *
 * The id and code are made once, at the first start, and never change while the file is there. The
 * epoch is drawn again (never one this till has had before) whenever the till starts with a journal
 * that holds nothing: its sale numbers start at 1 again, and the epoch keeps those references apart
 * from the ones the lost journal made. An unreadable file is set aside and the clerk is told; the
 * till then gets a new identity (new references cannot meet the old ones), never silently.
 */
export const TILL_IDENTITY_FILE = 'till-identity.json';

/** How many earlier epochs are remembered (and not drawn again); 1 024 epochs exist. */
const REMEMBERED_EPOCHS = 64;

const identitySchema = z.object({
  format: z.literal(1),
  id: z.string().uuid(),
  code: z.string().refine(isTillCode),
  epoch: z.string().refine(isEpoch),
  createdAt: z.string(),
  epochSince: z.string(),
  earlierEpochs: z.array(z.string().refine(isEpoch)).max(REMEMBERED_EPOCHS),
});
type IdentityFile = z.infer<typeof identitySchema>;

export interface TillIdentity extends TillReferenceParts {
  /** The permanent id (a UUID). */
  readonly id: string;
}

export interface OpenTillIdentityOptions {
  dataDir: string;
  /** The journal holds no record: this till's sale numbers start at 1 again. */
  journalEmpty: boolean;
  log: Logger;
  now?: () => Date;
  /** 0 ≤ n < max, uniformly (crypto's randomInt unless a test gives one). */
  randomInt?: (max: number) => number;
  newId?: () => string;
}

export interface OpenedTillIdentity {
  identity: TillIdentity;
  /** Set when the file was unreadable and set aside: for the clerk. */
  alarm: LocalizedText | null;
}

export async function openTillIdentity(options: OpenTillIdentityOptions): Promise<OpenedTillIdentity> {
  const { dataDir, log } = options;
  const now = options.now ?? (() => new Date());
  const draw = options.randomInt ?? ((max: number) => randomInt(max));
  const file = path.join(dataDir, TILL_IDENTITY_FILE);
  await removeStaleTemps(file);

  const drawEpoch = (avoid: readonly string[]): string => {
    for (;;) {
      const epoch = base32(draw(32 ** EPOCH_LENGTH), EPOCH_LENGTH);
      if (!avoid.includes(epoch)) return epoch;
    }
  };

  const text = await readTextIfExists(file);
  let alarm: LocalizedText | null = null;
  if (text !== null) {
    const stored = parse(text);
    if (stored) {
      ensurePrivateFile(file);
      if (!options.journalEmpty) return { identity: identityOf(stored), alarm: null };
      const earlier = [stored.epoch, ...stored.earlierEpochs].slice(0, REMEMBERED_EPOCHS);
      const renewed: IdentityFile = { ...stored, epoch: drawEpoch(earlier), epochSince: now().toISOString(), earlierEpochs: earlier };
      await writeFileAtomic(file, JSON.stringify(renewed, null, 2));
      log.info('till: the journal is empty, so the order references take a new epoch', { code: renewed.code, epoch: renewed.epoch });
      return { identity: identityOf(renewed), alarm: null };
    }
    const kept = moveAside(file, 'corrupt', now());
    log.error('till: the identity file could not be read; set aside, and this till gets a new identity', { keptAs: kept });
    const said = msg('tillIdentityUnreadable', { file: baseName(kept) });
    alarm = localizedText(said);
  }

  const id = (options.newId ?? randomUUID)();
  const at = now().toISOString();
  const created: IdentityFile = {
    format: 1,
    id,
    code: tillCodeOf(id),
    epoch: drawEpoch([]),
    createdAt: at,
    epochSince: at,
    earlierEpochs: [],
  };
  await writeFileAtomic(file, JSON.stringify(created, null, 2));
  log.info('till: a new till identity', { code: created.code, epoch: created.epoch });
  return { identity: identityOf(created), alarm };
}

function parse(text: string): IdentityFile | null {
  try {
    const parsed = identitySchema.safeParse(JSON.parse(text));
    // The code is the id's: a file whose code was edited by hand is not this till's.
    return parsed.success && parsed.data.code === tillCodeOf(parsed.data.id) ? parsed.data : null;
  } catch {
    return null;
  }
}

const identityOf = (file: IdentityFile): TillIdentity => ({ id: file.id, code: file.code, epoch: file.epoch });
