import { sign } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Journal, JournalRecord } from '../../../../electron/services/journal/journal';
import { SEAL_RECORD_TYPE, sealDataSchema, sealText } from '../../../../electron/services/seal/seal-record';
import { Sealer } from '../../../../electron/services/seal/sealer';
import { sealAlarms } from '../../../../electron/services/seal/verify';
import { useTempDir } from '../journal/helpers';
import { appendSales, check, keyPair, open, records, rewrite, silent } from './seal-helpers';

const tmp = useTempDir();
const key = keyPair();
const TILL = '5f0c2a9e-till-a';
const expectation = { tillId: TILL, publicKey: key.publicKey, publicKeyDer: key.publicKeyDer, keyIsNew: false };
let journal: Journal | null = null;

/** 250 records sealed by the till every 100 records, then at shutdown: seals after records 100, 200 and 250. */
beforeEach(async () => {
  journal = await open(tmp.dir);
  const sealer = new Sealer({ journal, key, tillId: TILL, log: silent, setTimer: () => () => undefined });
  sealer.start(null, false);
  for (const step of [100, 100, 50]) {
    await appendSales(journal, step, Date.parse('2026-12-01T09:00:00Z') + journal.seq * 1000);
    if (step === 100) await expect.poll(() => journal!.seq % 101).toBe(0);
  }
  await sealer.close();
  await journal.close();
  journal = null;
});
afterEach(async () => {
  await journal?.close();
});

const kinds = (all: JournalRecord[], expect_ = expectation) => check(all, expect_).problems.map((p) => p.kind);
const isSeal = (r: JournalRecord) => r.type === SEAL_RECORD_TYPE;

describe('the seal check', () => {
  it('passes the journal as the till wrote it: every seal holds, sealed through the last record', async () => {
    const all = await records(tmp.dir);
    expect(all.filter(isSeal)).toHaveLength(3);
    expect(check(all, expectation)).toEqual({ records: 253, seals: 3, sealedThroughSeq: 252, problems: [] });
  });

  it('fails when an old amount was changed and the chain computed again with the project’s own encoder (the reviewer’s attack)', async () => {
    await rewrite(tmp.dir, (all) => all.map((r) => (r.seq === 40 ? { ...r, data: { amountMinor: 400 } } : r)));
    const result = check(await records(tmp.dir), expectation);
    expect(result.problems[0]).toMatchObject({ kind: 'broken', line: 101 });
    expect(result.problems.every((p) => p.kind === 'broken')).toBe(true);
    expect(result.sealedThroughSeq).toBe(null);
  });

  it('fails when the seals are re-made with another key over the changed records (a forged seal)', async () => {
    const forger = keyPair();
    await rewrite(tmp.dir, (all) => all.map((r) => (r.seq === 40 ? { ...r, data: { amountMinor: 400 } } : r)));
    const rechained = await records(tmp.dir);
    // Each seal re-made over the record now before it, signed by the forger; the first names the
    // till's own key (its signature then fails), the others the forger's (not this till's key).
    await rewrite(tmp.dir, (all) =>
      all.map((r, i) => {
        if (!isSeal(r)) return r;
        const before = rechained[i - 1]!;
        const sig = sign(null, Buffer.from(sealText(TILL, before.seq, before.hash)), forger.privateKey).toString('base64');
        const named = i < 150 ? key.publicKeyDer : forger.publicKeyDer;
        return { ...r, data: { ...sealDataSchema.parse(r.data), seq: before.seq, hash: before.hash, key: named, sig } };
      }),
    );
    const result = check(await records(tmp.dir), expectation);
    expect(new Set(result.problems.map((p) => p.kind))).toEqual(new Set(['forged']));
    expect(result.problems.map((p) => p.line)).toEqual([101, 202, 253]);
  });

  it('fails when a run of records between two seals was deleted and the rest renumbered and re-chained', async () => {
    await rewrite(tmp.dir, (all) => all.filter((r) => r.seq < 120 || r.seq > 130));
    expect(kinds(await records(tmp.dir))).toContain('broken');
  });

  it('fails when the sealed record itself was deleted without re-chaining: the seal names a record that is not there', async () => {
    // (Any other record deleted without re-chaining breaks the hash chain, which the journal's own check reports.)
    const all = await records(tmp.dir);
    expect(kinds(all.filter((r) => r.seq !== 201))).toEqual(['broken']);
  });

  it('tells a journal from another till: its seals name another till and another key', async () => {
    const other = keyPair();
    const theirs = { tillId: 'another-till', publicKey: other.publicKey, publicKeyDer: other.publicKeyDer, keyIsNew: false };
    expect(new Set(kinds(await records(tmp.dir), theirs))).toEqual(new Set(['other-till']));
  });

  it('takes seals signed with its own key under an older till id (a till identity made again) as its own', async () => {
    expect(kinds(await records(tmp.dir), { ...expectation, tillId: 'the-new-identity' })).toEqual([]);
  });

  it('fails when the seals after a change were all taken out: a long run of records that no seal covers', async () => {
    // A quiet day: a sale every ten minutes, each sealed a minute later — until the seals after the change went.
    const day = Date.parse('2026-12-02T09:00:00Z');
    await rewrite(tmp.dir, (all) =>
      all
        .filter((r) => !(isSeal(r) && r.seq > 101))
        .map((r) => (r.seq > 101 ? { ...r, at: new Date(day + r.seq * 600_000).toISOString() } : r))
        .map((r) => (r.seq === 150 ? { ...r, data: { amountMinor: 1 } } : r)),
    );
    const result = check(await records(tmp.dir), expectation);
    expect(result.problems.map((p) => p.kind)).toEqual(['unsealed']);
    expect(result.problems[0]?.line).toBe(102);
  });

  it('bears one long pause inside a run: a till that slept between a record and its seal', async () => {
    const dir = join(tmp.dir, 'laptop');
    const laptop = await open(dir);
    const sealer = new Sealer({ journal: laptop, key, tillId: TILL, log: silent, setTimer: () => () => undefined });
    sealer.start(null, true);
    const evening = Date.parse('2026-12-01T18:00:00Z');
    await appendSales(laptop, 3, evening);
    // The lid closed before the minute was up; the timer slept with the till, and the morning's first records join the run.
    await appendSales(laptop, 3, evening + 14 * 3600_000);
    await sealer.close();
    await laptop.close();
    expect(kinds(await records(dir))).toEqual([]);
  });

  it('fails when every seal was taken out, although this till seals (but not for a key made at this start)', async () => {
    await rewrite(tmp.dir, (all) => all.filter((r) => !isSeal(r)));
    const all = await records(tmp.dir);
    expect(kinds(all)).toEqual(['missing']);
    expect(kinds(all, { ...expectation, keyIsNew: true })).toEqual([]);
  });

  it('cannot judge seals made with a key the till lost, and says so once', async () => {
    const other = keyPair();
    const result = check(await records(tmp.dir), {
      ...expectation,
      publicKey: other.publicKey,
      publicKeyDer: other.publicKeyDer,
      keyIsNew: true,
    });
    expect(new Set(result.problems.map((p) => p.kind))).toEqual(new Set(['older-key']));
    expect(sealAlarms(result, { storage: 'encrypted' }).map((a) => a.key)).toEqual(['journalSealKeyReplaced']);
    expect(sealAlarms(result, { storage: 'memory-only' }).map((a) => a.key)).toEqual(['journalSealKeyMemoryOnly']);
  });

  it('raises one alarm per kind of problem, naming the first line, in the clerk’s words', async () => {
    await rewrite(tmp.dir, (all) => all.map((r) => (r.seq === 40 ? { ...r, data: { amountMinor: 400 } } : r)));
    const alarms = sealAlarms(check(await records(tmp.dir), expectation), { storage: 'encrypted' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ key: 'journalSealBroken', params: { line: 101 } });
    expect(alarms[0]?.message).toMatch(/changed or removed after they were sealed/);
  });
});
