import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal, type JournalAnchor } from '../../../../electron/services/journal/journal';
import { lineEnds, MemoryFs, recordingLogger, useTempDir } from './helpers';

const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, i)).toISOString();
// Three sales take turns, and the text is not ASCII: byte positions must not be character positions.
const sample = (i: number) => ({
  type: 'status-observed',
  saleId: `sale-${i % 3}`,
  data: { n: i, note: 'Kaffe & bulle – åäö 🍩' },
  at: at(i),
});

const temp = useTempDir();

/** Appends `n` records and returns the anchor and positions as they stood after `checkpointAt` of them. */
async function writeWithCheckpoint(n: number, checkpointAt: number) {
  const { journal } = await openJournal(temp.dir, { log: recordingLogger() });
  let anchor: JournalAnchor | null = null;
  let index = new Map<string, number[]>();
  for (let i = 1; i <= n; i += 1) {
    await journal.append(sample(i));
    if (i === checkpointAt) {
      anchor = journal.anchor();
      index = new Map([...journal.positions()].map(([id, p]) => [id, [...p]]));
    }
  }
  await journal.close();
  return { anchor: anchor!, index, bytes: await readFile(join(temp.dir, JOURNAL_FILE)) };
}

describe('journal record positions', () => {
  it('reads a sale back from its positions, after appends and after reopening, up to a seq if asked', async () => {
    const { journal } = await openJournal(temp.dir, { log: recordingLogger() });
    const written = [];
    for (let i = 1; i <= 9; i += 1) written.push(await journal.append(sample(i)));
    const ofSale1 = written.filter((r) => r.saleId === 'sale-1');
    expect(journal.readSale('sale-1')).toEqual(ofSale1);
    await journal.close();

    const reopened = await openJournal(temp.dir, { log: recordingLogger() });
    expect(reopened.journal.readSale('sale-1')).toEqual(ofSale1);
    expect(reopened.journal.readSale('sale-1', 4)).toEqual(ofSale1.filter((r) => r.seq <= 4));
    expect(reopened.journal.readSale('nobody')).toEqual([]);
    expect(reopened.journal.anchor()).toMatchObject({ seq: 9, hash: written[8]!.hash, line: 9 });
    await reopened.journal.close();
  });
});

describe('journal opened from a checkpoint', () => {
  it('reads only the lines after the anchor, keeps every position, and continues the chain', async () => {
    const { anchor, index } = await writeWithCheckpoint(10, 6);
    const log = recordingLogger();
    const opened = await openJournal(temp.dir, { log, resumeFrom: { anchor, index } });
    expect(opened.resumed).toBe(true);
    expect(opened.records.map((r) => r.seq)).toEqual([7, 8, 9, 10]);
    expect(opened.alarms).toEqual([]);
    // Positions from the checkpoint and from the lines read both work.
    expect(opened.journal.readSale('sale-0').map((r) => r.seq)).toEqual([3, 6, 9]);
    const next = await opened.journal.append(sample(11));
    expect(next.seq).toBe(11);
    expect(next.prev).toBe(opened.records.at(-1)!.hash);
    expect((await opened.journal.verify()).ok).toBe(true);
    expect(await opened.journal.verifyThrough(opened.journal.anchor()!)).toEqual([]);
    await opened.journal.close();
  });

  it('reads the whole file when the anchor is not where the checkpoint says', async () => {
    const { anchor, index } = await writeWithCheckpoint(6, 4);
    const wrong: JournalAnchor[] = [
      { ...anchor, hash: 'f'.repeat(64) },
      { ...anchor, seq: anchor.seq + 1 },
      { ...anchor, offset: anchor.offset + 1 },
      { ...anchor, offset: 1_000_000 },
      { ...anchor, length: anchor.length - 1 },
    ];
    for (const bad of wrong) {
      const log = recordingLogger();
      const opened = await openJournal(temp.dir, { log, resumeFrom: { anchor: bad, index: new Map(index) } });
      expect(opened.resumed).toBe(false);
      expect(opened.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(log.lines.some((l) => l.message.includes('checkpoint does not match'))).toBe(true);
      await opened.journal.close();
    }
  });

  it('recovers exactly the complete lines after the anchor for a file cut at every byte after it', async () => {
    const { anchor, index, bytes: full } = await writeWithCheckpoint(6, 3);
    const anchorEnd = anchor.offset + anchor.length + 1;
    const ends = lineEnds(full);
    const path = join('/data', JOURNAL_FILE);
    for (let cut = anchorEnd; cut <= full.length; cut += 1) {
      const fs = new MemoryFs();
      fs.files.set(path, full.subarray(0, cut));
      const { journal, records, resumed, notices } = await openJournal('/data', {
        log: recordingLogger(),
        fs,
        now: () => new Date(0),
        resumeFrom: { anchor, index: new Map([...index].map(([k, v]) => [k, [...v]])) },
      });
      const keep = ends.filter((e) => e <= cut);
      expect(resumed).toBe(true);
      expect(
        records.map((r) => r.seq),
        `cut at ${cut}`,
      ).toEqual(keep.slice(3).map((_e, i) => i + 4));
      expect(Buffer.from(fs.files.get(path)!).equals(full.subarray(0, keep.at(-1))), `cut at ${cut}`).toBe(true);
      expect(notices).toHaveLength(cut > keep.at(-1)! ? 1 : 0);
      const next = await journal.append(sample(99));
      expect(next.seq).toBe(keep.length + 1);
      expect((await journal.verify()).ok).toBe(true);
    }
  });

  it('checks the lines before the anchor in the background and names a damaged one', async () => {
    const { anchor, index, bytes } = await writeWithCheckpoint(8, 8);
    const ends = lineEnds(bytes);
    const damaged = Buffer.from(bytes);
    // A flipped byte inside line 3's data, which the checkpoint start-up does not read.
    const inLine3 = ends[1]! + 30;
    damaged[inLine3] = damaged[inLine3] === 0x61 ? 0x62 : 0x61;
    await writeFile(join(temp.dir, JOURNAL_FILE), damaged);
    const opened = await openJournal(temp.dir, { log: recordingLogger(), resumeFrom: { anchor, index } });
    expect(opened.resumed).toBe(true);
    expect(opened.alarms).toEqual([]);
    // Small slices, so lines straddle slice boundaries.
    const alarms = await opened.journal.verifyThrough(anchor, { sliceBytes: 100 });
    expect(alarms.map((a) => a.message)).toEqual([expect.stringMatching(/^Sales journal line 3 is damaged\./)]);
    await opened.journal.close();
  });

  it('finds a checkpoint that does not fit the lines before it (the journal was replaced)', async () => {
    const { anchor } = await writeWithCheckpoint(5, 5);
    const other = await openJournal(join(temp.dir, 'other'), { log: recordingLogger() });
    for (let i = 1; i <= 5; i += 1) await other.journal.append({ ...sample(i), data: { n: -i } });
    const otherAnchor = other.journal.anchor()!;
    const alarms = await other.journal.verifyThrough({ ...otherAnchor, hash: anchor.hash });
    expect(alarms.map((a) => a.message)).toEqual([expect.stringContaining('the checkpoint does not match the lines before it')]);
    await other.journal.close();
  });
});

describe('journal background check in slices', () => {
  const PATH = join('/data', JOURNAL_FILE);
  async function journalWith(n: number) {
    const fs = new MemoryFs();
    const { journal } = await openJournal('/data', { log: recordingLogger(), fs });
    for (let i = 1; i <= n; i += 1) await journal.append(sample(i));
    const anchor = journal.anchor()!;
    await journal.close();
    return { fs, anchor };
  }
  /** Makes line `n` (1-based) unreadable without changing its length. */
  function breakLine(fs: MemoryFs, n: number): void {
    const bytes = fs.files.get(PATH)!.slice();
    bytes[n === 1 ? 0 : lineEnds(bytes)[n - 2]!] = 0x78; // '{' → 'x'
    fs.files.set(PATH, bytes);
  }

  it('names exactly the lines a full open names, wherever the slices fall', async () => {
    const { fs, anchor } = await journalWith(8);
    breakLine(fs, 3);
    const ends = lineEnds(fs.files.get(PATH)!);
    const full = await openJournal('/data', { log: recordingLogger(), fs });
    expect(full.alarms).toHaveLength(1);
    // Slices ending just after the damaged line, inside lines, and shorter than any line.
    for (const sliceBytes of [ends[2]! + 10, 300, 257, 64, 1]) {
      const alarms = await full.journal.verifyThrough(anchor, { sliceBytes });
      expect(
        alarms.map((a) => a.message),
        `slices of ${sliceBytes}`,
      ).toEqual(full.alarms);
    }
    await full.journal.close();
  });

  it('sees a blank line at a slice edge, as a full open does', async () => {
    const { fs, anchor } = await journalWith(4);
    const bytes = fs.files.get(PATH)!;
    const ends = lineEnds(bytes);
    // A blank line after line 2, then the rest: the anchor moves one byte and one line on.
    const withBlank = new Uint8Array(bytes.length + 1);
    withBlank.set(bytes.subarray(0, ends[1]), 0);
    withBlank[ends[1]!] = 0x0a;
    withBlank.set(bytes.subarray(ends[1]), ends[1]! + 1);
    fs.files.set(PATH, withBlank);
    const moved = { ...anchor, offset: anchor.offset + 1, line: anchor.line + 1 };
    const full = await openJournal('/data', { log: recordingLogger(), fs });
    expect(full.alarms).toHaveLength(1);
    const alarms = await full.journal.verifyThrough(moved, { sliceBytes: ends[1]! + 1 });
    expect(alarms.map((a) => a.message)).toEqual(full.alarms);
    await full.journal.close();
  });

  it('sets aside a lone newline right after the anchor as a torn tail, as a full open does', async () => {
    const { anchor, index, bytes } = await writeWithCheckpoint(3, 3);
    await writeFile(join(temp.dir, JOURNAL_FILE), Buffer.concat([bytes, Buffer.from('\n')]));
    const opened = await openJournal(temp.dir, { log: recordingLogger(), now: () => new Date(0), resumeFrom: { anchor, index } });
    expect(opened.resumed).toBe(true);
    expect(opened.alarms).toEqual([]);
    expect(opened.notices).toHaveLength(1);
    expect((await readFile(join(temp.dir, JOURNAL_FILE))).equals(bytes)).toBe(true);
    await opened.journal.close();
  });

  it('leaves an unreadable line out when reading a sale back, as a replay does', async () => {
    const { fs } = await journalWith(6);
    const log = recordingLogger();
    const { journal } = await openJournal('/data', { log, fs });
    breakLine(fs, 4); // sale-1's second record, damaged after its position was known
    expect(journal.readSale('sale-1').map((r) => r.seq)).toEqual([1]);
    expect(log.lines.some((l) => l.message.includes('could not be read back'))).toBe(true);
    await journal.close();
  });
});

describe('journal background check of a file cut short', () => {
  it('ends with the mismatch alarm instead of reading on for ever', async () => {
    const fs = new MemoryFs();
    const { journal } = await openJournal('/data', { log: recordingLogger(), fs });
    for (let i = 1; i <= 4; i++) await journal.append(sample(i));
    const anchor = journal.anchor()!;
    const path = join('/data', JOURNAL_FILE);
    // The file loses most of its last line while the check runs (restored from a backup, cut by a tool).
    fs.files.set(path, fs.files.get(path)!.slice(0, anchor.offset + 10));
    let reads = 0;
    const readRange = fs.readRange.bind(fs);
    fs.readRange = (p, o, l) => (++reads > 1000 ? Promise.reject(new Error('still reading')) : readRange(p, o, l));
    const alarms = await journal.verifyThrough(anchor, { sliceBytes: 64 });
    expect(alarms.map((a) => a.message)).toEqual([expect.stringContaining('the checkpoint does not match the lines before it')]);
  });
});
