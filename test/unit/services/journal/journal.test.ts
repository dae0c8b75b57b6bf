import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, JournalError, openJournal } from '../../../../electron/services/journal/journal';
import { canonicalJson, sha256Hex } from '../../../../electron/services/journal/canonical';
import { GENESIS_HASH } from '../../../../electron/services/journal/record';
import { lineEnds, MemoryFs, recordingLogger, tempDir } from './helpers';

const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, i)).toISOString();
const sample = (i: number) => ({
  type: 'status-observed',
  saleId: `sale-${i % 3}`,
  data: { status: 'open', n: i, note: 'Kaffe & bulle – åäö' },
  at: at(i),
});

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

async function writeRecords(n: number): Promise<Buffer> {
  const { journal } = await openJournal(dir, { log: recordingLogger() });
  for (let i = 1; i <= n; i += 1) await journal.append(sample(i));
  await journal.close();
  return readFile(join(dir, JOURNAL_FILE));
}

describe('journal append and reopen', () => {
  it('chains records by hash and replays them in order after reopening', async () => {
    const bytes = await writeRecords(3);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0]!);
    expect(first.prev).toBe(GENESIS_HASH);
    const { hash, ...rest } = first;
    expect(hash).toBe(sha256Hex(canonicalJson(rest)));
    expect(JSON.parse(lines[1]!).prev).toBe(hash);

    const reopened = await openJournal(dir, { log: recordingLogger() });
    expect(reopened.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(reopened.records[2]!.data).toEqual(sample(3).data);
    expect(reopened.alarms).toEqual([]);
    expect(reopened.notices).toEqual([]);
    const next = await reopened.journal.append(sample(4));
    expect(next.seq).toBe(4);
    expect(next.prev).toBe(reopened.records[2]!.hash);
    expect(await reopened.journal.verify()).toEqual({ ok: true, records: 4, problems: [] });
    expect((await reopened.journal.readAll()).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    await reopened.journal.close();
  });

  it('returns from append the same record a replay reads back', async () => {
    const { journal } = await openJournal(dir, { log: recordingLogger() });
    const written = await journal.append({ type: 'x', saleId: 's', data: { a: 1, skip: undefined, list: [1, 'two'] }, at: at(1) });
    const seen: unknown[] = [];
    await journal.replay((r) => seen.push(r));
    expect(seen).toEqual([written]);
    await journal.close();
  });
});

describe('journal recovery from a torn write', () => {
  it('recovers exactly the complete lines for a file cut at every byte offset and sets the rest aside', async () => {
    // In memory, so every one of the ~1000 offsets runs through the real open/recover code quickly.
    const full = await writeRecords(4);
    const ends = lineEnds(full);
    const path = join('/data', JOURNAL_FILE);
    for (let cut = 0; cut <= full.length; cut += 1) {
      const fs = new MemoryFs();
      fs.files.set(path, full.subarray(0, cut));
      const log = recordingLogger();
      const { journal, records, alarms, notices } = await openJournal('/data', { log, fs, now: () => new Date(0) });
      const keep = ends.filter((e) => e <= cut);
      const prefixEnd = keep.at(-1) ?? 0;
      expect(
        records.map((r) => r.seq),
        `cut at ${cut}`,
      ).toEqual(keep.map((_e, i) => i + 1));
      expect(alarms).toEqual([]);
      expect(Buffer.from(fs.files.get(path)!).equals(full.subarray(0, prefixEnd)), `cut at ${cut}`).toBe(true);
      const torn = [...fs.files.keys()].filter((n) => n.includes('.torn-'));
      if (cut > prefixEnd) {
        expect(notices).toHaveLength(1);
        expect(torn).toEqual([`${path}.torn-1970-01-01T00-00-00-000Z`]);
        expect(Buffer.from(fs.files.get(torn[0]!)!).equals(full.subarray(prefixEnd, cut))).toBe(true);
        expect(log.lines.some((l) => l.level === 'warn')).toBe(true);
      } else {
        expect(notices).toEqual([]);
        expect(torn).toEqual([]);
      }
      // The chain continues from the last complete record.
      const next = await journal.append(sample(99));
      expect(next.seq).toBe(keep.length + 1);
      expect((await journal.verify()).ok).toBe(true);
    }
  });

  it('repairs a torn tail on the real file system, and a second torn file does not overwrite the first', async () => {
    const full = await writeRecords(2);
    const path = join(dir, JOURNAL_FILE);
    const ends = lineEnds(full);
    for (const cut of [ends[0]! + 7, ends[0]! + 3]) {
      await writeFile(path, full.subarray(0, cut));
      const { journal, records, notices } = await openJournal(dir, { log: recordingLogger(), now: () => new Date(0) });
      expect(records).toHaveLength(1);
      expect(notices).toHaveLength(1);
      await journal.close();
    }
    expect((await readFile(path)).equals(full.subarray(0, ends[0]))).toBe(true);
    const torn = (await readdir(dir)).filter((n) => n.includes('.torn-')).sort();
    expect(torn).toEqual([`${JOURNAL_FILE}.torn-1970-01-01T00-00-00-000Z`, `${JOURNAL_FILE}.torn-1970-01-01T00-00-00-000Z-1`]);
    expect((await readFile(join(dir, torn[0]!))).equals(full.subarray(ends[0], ends[0]! + 7))).toBe(true);
    expect((await readFile(join(dir, torn[1]!))).equals(full.subarray(ends[0], ends[0]! + 3))).toBe(true);
  });

  it('sets aside a complete last line whose checksum fails, keeping it in a side file', async () => {
    const full = await writeRecords(3);
    const ends = lineEnds(full);
    const damaged = Buffer.from(full);
    const inLast = ends[1]! + 40;
    damaged[inLast] = damaged[inLast] === 0x61 ? 0x62 : 0x61;
    await writeFile(join(dir, JOURNAL_FILE), damaged);
    const { journal, records, alarms, notices } = await openJournal(dir, { log: recordingLogger() });
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(alarms).toEqual([]);
    expect(notices).toHaveLength(1);
    const torn = (await readdir(dir)).find((n) => n.includes('.torn-'))!;
    expect((await readFile(join(dir, torn))).equals(damaged.subarray(ends[1]))).toBe(true);
    await journal.close();
  });
});

describe('journal damage in the middle', () => {
  it('raises an alarm for a flipped byte, leaves the file untouched and keeps replaying', async () => {
    const full = await writeRecords(5);
    const ends = lineEnds(full);
    const damaged = Buffer.from(full);
    // A digit inside record 3's data: still valid JSON, but the checksum no longer matches.
    const line3 = damaged.subarray(ends[1], ends[2]).toString('utf8');
    const offset = ends[1]! + Buffer.byteLength(line3.slice(0, line3.indexOf('"n":3') + 4));
    damaged[offset] = 0x37;
    await writeFile(join(dir, JOURNAL_FILE), damaged);
    const log = recordingLogger();
    const { journal, records, alarms, notices } = await openJournal(dir, { log });
    expect(alarms).toEqual(['Sales journal line 3 is damaged. Recorded sales are safe; call support. (checksum does not match)']);
    expect(notices).toEqual([]);
    expect(log.lines.some((l) => l.level === 'error')).toBe(true);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await readFile(join(dir, JOURNAL_FILE))).equals(damaged)).toBe(true);
    await journal.append(sample(6));
    const verdict = await journal.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBreakAt).toBe(3);
    expect(verdict.records).toBe(6);
    await journal.close();
  });

  it('alarms on an unreadable middle line and on a missing record, never skipping silently', async () => {
    const full = await writeRecords(5);
    const ends = lineEnds(full);
    const garbled = Buffer.from(full);
    garbled[ends[0]!] = 0x78; // line 2 no longer starts with '{'
    await writeFile(join(dir, JOURNAL_FILE), garbled);
    let opened = await openJournal(dir, { log: recordingLogger() });
    expect(opened.alarms).toEqual(['Sales journal line 2 is damaged. Recorded sales are safe; call support. (not valid JSON)']);
    expect(opened.records.map((r) => r.seq)).toEqual([1, 3, 4, 5]);
    expect((await opened.journal.append(sample(6))).seq).toBe(6);
    await opened.journal.close();

    const gap = Buffer.concat([full.subarray(0, ends[1]), full.subarray(ends[2])]);
    await writeFile(join(dir, JOURNAL_FILE), gap);
    opened = await openJournal(dir, { log: recordingLogger() });
    expect(opened.alarms).toEqual([
      'Sales journal line 3 is damaged. Recorded sales are safe; call support. (chain broken: prev does not match the line before)',
      'Sales journal line 3 is damaged. Recorded sales are safe; call support. (sequence jumps from 2 to 4)',
    ]);
    expect((await opened.journal.verify()).firstBreakAt).toBe(3);
    await opened.journal.close();
  });

  it('verify notices a record edited on disk after the journal was opened', async () => {
    await writeRecords(2);
    const { journal } = await openJournal(dir, { log: recordingLogger() });
    await journal.append(sample(3));
    const path = join(dir, JOURNAL_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('"n":2', '"n":9'));
    const verdict = await journal.verify();
    expect(verdict).toMatchObject({ ok: false, firstBreakAt: 2, records: 3 });
    await journal.close();
  });
});

describe('journal durability', () => {
  it('does not acknowledge an append until its fsync has completed', async () => {
    const fs = new MemoryFs();
    const { journal } = await openJournal('/data', { log: recordingLogger(), fs });
    fs.ops.length = 0;
    let release!: () => void;
    fs.syncGate = new Promise((resolve) => (release = resolve));
    let acknowledged = false;
    const pending = journal.append(sample(1)).then(() => (acknowledged = true));
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
    await new Promise((r) => setTimeout(r, 5));
    expect(fs.ops).toEqual([expect.stringMatching(/^append \d+$/)]);
    expect(acknowledged).toBe(false);
    release();
    await pending;
    expect(fs.ops).toEqual([expect.stringMatching(/^append \d+$/), 'sync']);
    expect(acknowledged).toBe(true);
  });

  it('rejects an append whose fsync fails and refuses further appends until reopened', async () => {
    const fs = new MemoryFs();
    const log = recordingLogger();
    const { journal } = await openJournal('/data', { log, fs });
    await journal.append(sample(1));
    fs.failSync = new Error('EIO: i/o error');
    await expect(journal.append(sample(2))).rejects.toBeInstanceOf(JournalError);
    await expect(journal.append(sample(3))).rejects.toThrow(/Restart LinkPOS/);
    expect(log.lines.some((l) => l.level === 'error' && l.message.includes('append failed'))).toBe(true);
    // The unsynced line is in the file, but nobody was told of it: readers of this run never see it.
    expect((await journal.readAll()).map((r) => r.seq)).toEqual([1]);
    const reopened = await openJournal('/data', { log, fs });
    // The unsynced line is in the (simulated) page cache: it was never acknowledged, but it is
    // complete, so it replays; what matters is that the chain stays whole.
    expect((await reopened.journal.append(sample(4))).prev).toBe(reopened.records.at(-1)!.hash);
    expect((await reopened.journal.verify()).ok).toBe(true);
  });

  it('serialises concurrent appends so lines never interleave and seqs are unique', async () => {
    const fs = new MemoryFs();
    const { journal } = await openJournal('/data', { log: recordingLogger(), fs });
    fs.ops.length = 0;
    fs.appendDelay = () => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3)));
    const written = await Promise.all(Array.from({ length: 40 }, (_v, i) => journal.append(sample(i))));
    expect(written.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_v, i) => i + 1));
    // Strict alternation: every append is followed by its own fsync before the next write starts.
    fs.ops.forEach((op, i) => expect(op.startsWith(i % 2 === 0 ? 'append' : 'sync')).toBe(true));
    expect(await journal.verify()).toMatchObject({ ok: true, records: 40 });
  });
});

describe('journal write timing', () => {
  it('logs a write whose fsync takes a second or more, and is quiet about fast ones', async () => {
    const fs = new MemoryFs();
    let clock = 0;
    const log = recordingLogger();
    const { journal } = await openJournal('/data', { log, fs, now: () => new Date(clock) });
    await journal.append(sample(1));
    let release = () => {};
    fs.syncGate = new Promise<void>((resolve) => (release = resolve));
    const slow = journal.append(sample(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    clock += 1_500;
    release();
    await slow;
    fs.syncGate = null;
    clock += 10;
    await journal.append(sample(3));
    expect(log.lines.filter((l) => l.message === 'journal: a write was slow')).toEqual([
      { level: 'warn', message: 'journal: a write was slow', fields: { seq: 2, tookMs: 1_500 } },
    ]);
    await journal.close();
  });
});

describe('journal readSlice (a follower reads without holding up appends)', () => {
  it('reads every acknowledged record once, in order, slice by slice, including records appended meanwhile', async () => {
    const { journal } = await openJournal(dir, { log: recordingLogger() });
    for (let i = 1; i <= 20; i += 1) await journal.append(sample(i));
    const seen: number[] = [];
    let offset = 0;
    // Slices far smaller than a line: each still yields whole lines.
    for (let round = 0; round < 100; round += 1) {
      const slice = await journal.readSlice(offset, 64);
      seen.push(...slice.records.map((r) => r.seq));
      expect(slice.nextOffset).toBeGreaterThanOrEqual(offset);
      offset = slice.nextOffset;
      if (round === 3) await journal.append(sample(21));
      if (slice.records.length === 0) break;
    }
    expect(seen).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const all = await journal.readAll();
    const again = await journal.readSlice(0, 1 << 20);
    expect(again.records).toEqual(all);
    expect(await journal.readSlice(again.nextOffset)).toEqual({ records: [], nextOffset: again.nextOffset });
    await journal.close();
  });
});

describe('appendBatch', () => {
  it('writes a batch in one chain with the records around it, and a batch cut anywhere keeps exactly its complete lines', async () => {
    const { journal } = await openJournal(dir, { log: recordingLogger() });
    await journal.append(sample(1));
    const batch = await journal.appendBatch([sample(2), sample(3), sample(4)]);
    expect(batch.map((r) => r.seq)).toEqual([2, 3, 4]);
    await journal.append(sample(5));
    expect(await journal.verify()).toMatchObject({ ok: true, records: 5 });
    await journal.close();

    const whole = await readFile(join(dir, JOURNAL_FILE));
    const ends = lineEnds(whole);
    // Cut inside the batch's second and third lines: the lines before the cut are all that is left.
    for (const cut of [ends[1]! + 7, ends[2]! - 1, ends[2]! + 40]) {
      await writeFile(join(dir, JOURNAL_FILE), whole.subarray(0, cut));
      const reopened = await openJournal(dir, { log: recordingLogger() });
      expect(reopened.records.map((r) => r.seq)).toEqual(ends.filter((e) => e <= cut).map((_, i) => i + 1));
      expect(reopened.alarms).toEqual([]);
      await reopened.journal.close();
    }
  });
});
