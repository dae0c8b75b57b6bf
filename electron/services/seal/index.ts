import type { LocalizedText } from '../../../shared/messages';
import type { SecretEntry } from '../credentials/secret-entry';
import type { Journal, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { SEAL_RECORD_TYPE } from './seal-record';
import { Sealer } from './sealer';
import { openTillKey, type TillKey } from './till-key';
import { sealAlarms, SealChecker, type SealCheck } from './verify';

export { SEAL_RECORD_TYPE } from './seal-record';
export type { SealCheck } from './verify';

export interface Sealing {
  readonly key: TillKey;
  readonly sealer: Sealer;
  readonly tillId: string;
  /** Starts sealing, once everyone who follows the journal listens (a start-up seal is appended soon). */
  readonly start: () => void;
  /** A checker expecting this till's seals, to be fed a journal in file order. */
  readonly checker: () => SealChecker;
  /** The clerk's alarms for a finished check (and for a key that cannot be kept). */
  readonly alarms: (check: SealCheck) => LocalizedText[];
  /** Checks a whole journal read at once (the export). */
  readonly check: (records: readonly JournalRecord[]) => SealCheck;
}

export interface OpenSealingOptions {
  entry: SecretEntry;
  dataDir: string;
  tillId: string;
  journal: Journal;
  /** The records read at start-up (all, or those after the checkpoint's anchor). */
  startRecords: readonly JournalRecord[];
  log: Logger;
}

/**
 * The sealed journal, wired: the till's key (made at the first start), the sealer following the
 * journal, and the checks that expect this till's seals.
 */
export async function openSealing(options: OpenSealingOptions): Promise<Sealing> {
  const { journal, tillId } = options;
  const key = await openTillKey({ entry: options.entry, dataDir: options.dataDir, log: options.log });
  const sealer = new Sealer({ journal, key, tillId, log: options.log });
  const last = options.startRecords.at(-1);
  // Read from a checkpoint with nothing after it: the checkpoint is written after a seal (shutdown,
  // Z report), unless the key is new — a journal from before seals, sealed now.
  const lastSealed = last ? last.type === SEAL_RECORD_TYPE : key.origin === 'loaded';
  const anchor = journal.anchor();
  const unsealed = anchor && !lastSealed ? anchor : null;
  const checker = () =>
    new SealChecker({ tillId, publicKey: key.publicKey, publicKeyDer: key.publicKeyDer, keyIsNew: key.origin === 'created' });
  return {
    key,
    sealer,
    tillId,
    start: () => sealer.start(unsealed, key.origin === 'created'),
    checker,
    alarms: (check) => sealAlarms(check, key),
    check: (records) => {
      const c = checker();
      records.forEach((record, i) => c.add(record, i + 1));
      return c.result();
    },
  };
}
