import { verify, type KeyObject } from 'node:crypto';
import type { JournalRecord } from '../journal/journal';
import { englishText, localizedText, msg, type LocalizedText } from '../../../shared/messages';
import { SEAL_RECORD_TYPE, sealDataSchema, sealText } from './seal-record';
import { SEAL_EVERY_MS, SEAL_EVERY_RECORDS } from './sealer';

/**
 * What a verifier may expect of a run of records no seal lies between: the sealer seals after 100
 * records and a minute after the first one, so a much longer run means seals were taken out. The
 * margins allow for records appended while a seal is being signed and for a late timer; the
 * longest pause inside a run is not counted, since a till that sleeps (a laptop's lid closed)
 * stops its timer with it. Seals taken out over a quiet day leave many such pauses, not one.
 */
const MAX_RUN_RECORDS = SEAL_EVERY_RECORDS * 2;
const MAX_RUN_MS = SEAL_EVERY_MS * 5;
/** How far back a seal may name its record (it is signed a few records after it, at most). */
const REMEMBERED_HASHES = 10_000;

export type SealProblemKind =
  /** The sealed record is not in the file as sealed: changed and re-chained, or records removed. */
  | 'broken'
  /** The signature does not verify with this till's key, or the seal is damaged. */
  | 'forged'
  /** Sealed by another till. */
  | 'other-till'
  /** Sealed by this till with a key it no longer has (it made a new one at this start). */
  | 'older-key'
  /** A long run of records without a seal: seals were removed after them. */
  | 'unsealed'
  /** No seal at all, although this till has sealed its journal before. */
  | 'missing';

export interface SealProblem {
  readonly kind: SealProblemKind;
  /** 1-based line of the seal (or of the first unsealed record). */
  readonly line: number;
  readonly seq: number;
  /** English, for the export's problem list and the log. */
  readonly detail: string;
}

export interface SealCheck {
  readonly records: number;
  readonly seals: number;
  /** The last record a good seal covers. */
  readonly sealedThroughSeq: number | null;
  readonly problems: readonly SealProblem[];
}

export interface SealExpectation {
  readonly tillId: string;
  readonly publicKey: KeyObject;
  /** SPKI DER base64, as the seals carry it. */
  readonly publicKeyDer: string;
  /** The key was made at this start: seals by an earlier key of this till cannot be judged. */
  readonly keyIsNew: boolean;
}

/**
 * Checks the seals of a journal read in file order, one record at a time (start-up feeds it from
 * its own reads; the export from the records it exports). It does not check checksums and the
 * chain itself — the journal's own check does — but a seal that holds vouches for the chain up to
 * its record, which nobody without the till's key can re-make.
 */
export class SealChecker {
  private readonly hashes = new Map<number, string>();
  private records = 0;
  private seals = 0;
  private sealedThroughSeq: number | null = null;
  private readonly problems: SealProblem[] = [];
  /** The run of records since the last seal (or since the first seal ever, for the run before it). */
  private run: { firstLine: number; firstSeq: number; count: number; firstAt: number; lastAt: number; longestPause: number } | null = null;

  constructor(private readonly expect: SealExpectation) {}

  add(record: JournalRecord, line: number): void {
    this.records += 1;
    this.hashes.set(record.seq, record.hash);
    if (this.hashes.size > REMEMBERED_HASHES) this.hashes.delete(this.hashes.keys().next().value!);
    if (record.type !== SEAL_RECORD_TYPE) {
      const at = Date.parse(record.at);
      if (this.run) {
        this.run.count += 1;
        if (Number.isFinite(at)) {
          this.run.longestPause = Math.max(this.run.longestPause, at - this.run.lastAt);
          this.run.lastAt = at;
        }
      } else {
        this.run = { firstLine: line, firstSeq: record.seq, count: 1, firstAt: at, lastAt: at, longestPause: 0 };
      }
      return;
    }
    this.judgeRun();
    this.run = null;
    this.seals += 1;
    this.judgeSeal(record, line);
  }

  /** The verdict over everything added. */
  result(): SealCheck {
    this.judgeRun();
    if (this.seals === 0 && this.records > 0 && !this.expect.keyIsNew) {
      this.problems.push({ kind: 'missing', line: 1, seq: 1, detail: 'the journal has no seal, although this till seals it' });
    }
    return { records: this.records, seals: this.seals, sealedThroughSeq: this.sealedThroughSeq, problems: [...this.problems] };
  }

  private judgeSeal(record: JournalRecord, line: number): void {
    const problem = (kind: SealProblemKind, detail: string) => this.problems.push({ kind, line, seq: record.seq, detail });
    const parsed = sealDataSchema.safeParse(record.data);
    if (!parsed.success) return void problem('forged', 'the seal is damaged');
    const seal = parsed.data;
    if (seal.key !== this.expect.publicKeyDer) {
      if (seal.tillId !== this.expect.tillId)
        return void problem('other-till', `the seal was made by another till (${seal.tillId.slice(0, 40)})`);
      if (this.expect.keyIsNew) return void problem('older-key', 'the seal was made with a key this till no longer has');
      return void problem('forged', "the seal is not signed with this till's key");
    }
    // Signed with this till's own key, it is this till's seal even under an older till id (a
    // till-identity.json that was damaged and made again): nobody else could have signed it.
    if (
      !verify(null, Buffer.from(sealText(seal.tillId, seal.seq, seal.hash), 'utf8'), this.expect.publicKey, Buffer.from(seal.sig, 'base64'))
    ) {
      return void problem('forged', "the seal's signature does not verify with this till's key");
    }
    const found = seal.seq === 0 ? undefined : this.hashes.get(seal.seq);
    if (found !== seal.hash || seal.seq >= record.seq) {
      return void problem('broken', `record ${seal.seq} is not the record this seal signed: records were changed or removed`);
    }
    this.sealedThroughSeq = seal.seq;
  }

  /** A run of unsealed records longer than the sealer ever leaves (except before the first seal). */
  private judgeRun(): void {
    const run = this.run;
    if (!run || this.seals === 0) return;
    const span = run.lastAt - run.firstAt - run.longestPause;
    if (run.count > MAX_RUN_RECORDS || span > MAX_RUN_MS) {
      this.problems.push({
        kind: 'unsealed',
        line: run.firstLine,
        seq: run.firstSeq,
        detail: `${run.count} records from record ${run.firstSeq} on were never sealed, although the till seals every minute`,
      });
    }
  }
}

const alarmKeys = {
  broken: 'journalSealBroken',
  forged: 'journalSealForged',
  'other-till': 'journalSealOtherTill',
  unsealed: 'journalUnsealedRecords',
} as const;

/**
 * The clerk's alarms for a check: one per kind of problem (the first of its kind names its line; a
 * re-chained journal breaks every later seal, which would otherwise be a flood of alarms).
 */
export function sealAlarms(check: SealCheck, key: { storage: 'encrypted' | 'memory-only' }): LocalizedText[] {
  const alarms: LocalizedText[] = [];
  if (key.storage === 'memory-only') alarms.push(localizedText(msg('journalSealKeyMemoryOnly')));
  const seen = new Set<SealProblemKind>();
  for (const problem of check.problems) {
    if (seen.has(problem.kind)) continue;
    seen.add(problem.kind);
    if (problem.kind === 'missing') alarms.push(localizedText(msg('journalSealsMissing')));
    else if (problem.kind === 'older-key') {
      if (key.storage !== 'memory-only') alarms.push(localizedText(msg('journalSealKeyReplaced')));
    } else {
      const said = msg(alarmKeys[problem.kind], { line: problem.line });
      alarms.push(localizedText(said, `${englishText(said)} (${problem.detail})`));
    }
  }
  return alarms;
}
