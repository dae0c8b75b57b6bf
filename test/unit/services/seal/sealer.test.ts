import { verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../../../electron/services/journal/journal';
import { SEAL_RECORD_TYPE, sealDataSchema, sealText } from '../../../../electron/services/seal/seal-record';
import { Sealer } from '../../../../electron/services/seal/sealer';
import { useTempDir } from '../journal/helpers';
import { appendSales, keyPair, open, records, silent } from './seal-helpers';

const tmp = useTempDir();
let journal: Journal | null = null;
afterEach(async () => {
  await journal?.close();
  journal = null;
});

/** A timer the test fires by hand: the minute passes when the test says so. */
function manualTimer() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pending,
    setTimer: (run: () => void, ms: number) => {
      const entry = { run, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    fire() {
      for (const entry of pending.splice(0)) if (!entry.cancelled) entry.run();
    },
  };
}

async function seals(dir: string) {
  return (await records(dir)).filter((r) => r.type === SEAL_RECORD_TYPE);
}

describe('the sealer', () => {
  it('seals the chain after every 100 records, signed with the till key, and the 100th append does not wait for it', async () => {
    journal = await open(tmp.dir);
    const key = keyPair();
    const timer = manualTimer();
    const sealer = new Sealer({ journal, key, tillId: 'till-a', log: silent, setTimer: timer.setTimer });
    sealer.start(null, false);
    await appendSales(journal, 100);
    // The sale's append resolved with its own record durable; the seal comes after, in the background.
    expect(journal.seq).toBe(100);
    await expect.poll(() => journal!.seq).toBe(101);

    const all = await records(tmp.dir);
    const seal = all[100]!;
    expect(seal.type).toBe(SEAL_RECORD_TYPE);
    const data = sealDataSchema.parse(seal.data);
    expect(data).toMatchObject({ tillId: 'till-a', seq: 100, hash: all[99]!.hash, key: key.publicKeyDer });
    expect(verify(null, Buffer.from(sealText('till-a', 100, all[99]!.hash)), key.publicKey, Buffer.from(data.sig, 'base64'))).toBe(true);
    await sealer.close();
  });

  it('seals a minute after the first record no seal covers, while records are written', async () => {
    journal = await open(tmp.dir);
    const timer = manualTimer();
    const sealer = new Sealer({ journal, key: keyPair(), tillId: 'till-a', log: silent, setTimer: timer.setTimer });
    sealer.start(null, false);
    await appendSales(journal, 3);
    expect(timer.pending.map((t) => t.ms)).toEqual([60_000]);
    expect(await seals(tmp.dir)).toEqual([]);
    timer.fire();
    await expect.poll(() => journal!.seq).toBe(4);
    expect(sealDataSchema.parse((await seals(tmp.dir))[0]!.data).seq).toBe(3);
    await sealer.close();
    // Nothing new since: shutdown adds no second seal.
    expect(await seals(tmp.dir)).toHaveLength(1);
  });

  it('seals what is left when asked (a Z report) and at shutdown, once each', async () => {
    journal = await open(tmp.dir);
    const timer = manualTimer();
    const sealer = new Sealer({ journal, key: keyPair(), tillId: 'till-a', log: silent, setTimer: timer.setTimer });
    sealer.start(null, false);
    await appendSales(journal, 5);
    await sealer.sealNow('Z report');
    await sealer.sealNow('Z report');
    await appendSales(journal, 2);
    await sealer.close();
    expect((await seals(tmp.dir)).map((s) => sealDataSchema.parse(s.data).seq)).toEqual([5, 8]);
    // The timer the first records set was cancelled by the seal, so it never seals twice.
    timer.fire();
    expect(await seals(tmp.dir)).toHaveLength(2);
  });

  it('seals at start-up a journal whose last records no seal covers (a crash, or a journal from before seals)', async () => {
    journal = await open(tmp.dir);
    await appendSales(journal, 7);
    const sealer = new Sealer({ journal, key: keyPair(), tillId: 'till-a', log: silent, setTimer: manualTimer().setTimer });
    sealer.start(journal.anchor(), true);
    await expect.poll(() => journal!.seq).toBe(8);
    // A new key seals the first new record at once, too.
    await appendSales(journal, 1);
    await expect.poll(() => journal!.seq).toBe(10);
    expect((await seals(tmp.dir)).map((s) => sealDataSchema.parse(s.data).seq)).toEqual([7, 9]);
    await sealer.close();
  });
});
