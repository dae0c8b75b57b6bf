import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { decodeLine } from '../../../../electron/services/journal/record';
import { replaySales, toView } from '../../../../electron/services/sales/sale-machine';
import { restoreFromCheckpoint } from '../../../../electron/services/startup/checkpoint-store';
import { noReceiptOutput } from '../../../../electron/services/receipts/output';
import { BackOffice } from '../../../../electron/services/reports/back-office';
import { defaultSettings } from '../../../../shared/domain/settings';
import { failNextGet, lineEnds, MemoryFs, recordingLogger } from '../journal/helpers';
import { cartOf, FakeClock, ProviderWorld, settle, startService, takeCheckpoint } from './world';

const PATH = `/data/${JOURNAL_FILE}`;

/** Makes line `n` (1-based) unreadable without changing its length, so a checkpoint's anchor still holds. */
function breakLine(fs: MemoryFs, n: number): void {
  const bytes = fs.files.get(PATH)!.slice();
  bytes[n === 1 ? 0 : lineEnds(bytes)[n - 2]!] = 0x78; // '{' → 'x'
  fs.files.set(PATH, bytes);
}

/** An empty journal, a clock and a provider, kept across restarts. */
function freshTill() {
  const clock = new FakeClock();
  return { fs: new MemoryFs(), clock, world: new ProviderWorld(clock) };
}

function replayOf(fs: MemoryFs) {
  const lines = new TextDecoder().decode(fs.files.get(PATH)).split('\n').filter(Boolean);
  return replaySales(lines.map((line) => decodeLine(line).record).filter((r) => r !== undefined));
}

describe('restarting from a checkpoint', () => {
  it('with a damaged line before the anchor, still resumes every other sale and still sells', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    // Sale 1 is paid; sale 2 waits for its customer, and is the live sale.
    const first = await h.service.charge(cartOf(1000));
    world.pay(first.link!.reference);
    await clock.advance(2_000); // the poller sees it
    expect(h.service.get(first.id).state).toBe('paid');
    const second = await h.service.charge(cartOf(2000));
    const checkpoint = (await takeCheckpoint(h))!;
    await h.service.stop();
    breakLine(fs, 4); // sale 2's sale-created record, before the anchor

    h = await startService(fs, clock, world, { checkpoint });
    expect(h.resumed).toBe(true);
    await settle();
    // As with a full read: sale 2 cannot be rebuilt, so there is no live sale, and Charge sells.
    expect(h.service.list({ limit: 10 }).map((s) => s.id)).toEqual([first.id]);
    const next = await h.service.charge(cartOf(500));
    expect(next.number).toBe(3);
    expect(next.state).toBe('waiting');
    expect(h.log.lines.some((l) => l.message.includes('could not be read back'))).toBe(true);
    expect(second.number).toBe(2);
    await h.service.stop();
  });

  it('a record for an old sale still held only as a summary lands exactly as a full replay has it', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    // The customer paid the wrong amount: the sale waits for a person.
    const old = await h.service.charge(cartOf(1500));
    world.pay(old.link!.reference, 1400);
    await clock.advance(2_000);
    expect(h.service.get(old.id).state).toBe('needs-attention');
    for (const price of [100, 200, 300]) {
      const sale = await h.service.charge(cartOf(price));
      world.pay(sale.link!.reference);
      await clock.advance(2_000);
      expect(h.service.get(sale.id).state).toBe('paid');
    }
    const checkpoint = (await takeCheckpoint(h))!;
    await h.service.stop();

    h = await startService(fs, clock, world, { checkpoint });
    await settle();
    // The manager resolves it straight away, before anything lists the old sales.
    const resolved = await h.service.resolve(old.id, 'Customer paid the difference in cash');
    expect(resolved.state).not.toBe('needs-attention');
    const full = replayOf(fs);
    expect(full.problems).toEqual([]);
    const byId = new Map(h.service.list({ limit: 10 }).map((v) => [v.id, v]));
    expect(byId.size).toBe(full.sales.size);
    for (const sale of full.sales.values()) expect(byId.get(sale.id)).toEqual(toView(sale));
    await h.service.stop();
  });

  it('keeps saying what a replay before the anchor could not apply', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    await h.service.charge(cartOf(1000));
    await h.journal.append({ type: 'mystery', saleId: 'nobody', at: clock.now().toISOString(), data: {} });
    await h.service.stop();
    h = await startService(fs, clock, world);
    const checkpoint = (await takeCheckpoint(h))!;
    expect(checkpoint.problems).toEqual(['Journal record 3 has an unknown type (mystery).']);
    await h.service.stop();
    h = await startService(fs, clock, world, { checkpoint, resume: false });
    const resumed = await h.service.resume([], {
      seq: checkpoint.anchor.seq,
      summaries: checkpoint.summaries,
      maxNumber: checkpoint.maxNumber,
      problems: checkpoint.problems,
      load: () => undefined,
    });
    expect(resumed.problems).toEqual(['Journal record 3 has an unknown type (mystery).']);
    await h.service.stop();
  });

  it('a sale rebuilt differently from its summary (a line damaged since) is left out: Charge sells on, nothing is counted twice', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    const old = await h.service.charge(cartOf(1000)); // lines 1-3: created, link, paid
    world.pay(old.link!.reference);
    await clock.advance(2_000);
    const later = await h.service.charge(cartOf(2000)); // lines 4-6
    world.pay(later.link!.reference);
    await clock.advance(2_000);
    const checkpoint = (await takeCheckpoint(h))!;
    await h.service.stop();
    breakLine(fs, 2); // the old paid sale's link record: rebuilt, it would be "creating", a live sale

    h = await startService(fs, clock, world, { checkpoint });
    await settle();
    expect(h.service.list({ limit: 10 }).map((s) => s.id)).toEqual([later.id]);
    expect(h.service.current()).toBeNull();
    const next = await h.service.charge(cartOf(500));
    expect([next.number, next.state]).toEqual([3, 'waiting']);
    await expect(h.service.checkNow(old.id)).rejects.toThrow();
    expect(h.journal.readSale(old.id).map((r) => r.type)).toEqual(['sale-created', 'status-observed']);
    expect(h.log.lines.some((l) => l.message.includes('could not be rebuilt as the checkpoint has it'))).toBe(true);
    await h.service.stop();
  });

  it('a live sale whose records cannot be rebuilt is passed over: Charge sells on', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    // The create's outcome is unknown and no link is found: the sale waits for the clerk (live).
    world.createFault = 'timeout-before-create';
    const stuck = await h.service.charge(cartOf(1000));
    world.createFault = 'none';
    expect(h.service.get(stuck.id)).toMatchObject({ state: 'needs-attention' });
    expect(h.service.current()?.id).toBe(stuck.id);
    const checkpoint = (await takeCheckpoint(h))!;
    await h.service.stop();
    breakLine(fs, 1); // its sale-created record

    h = await startService(fs, clock, world, { checkpoint });
    await settle();
    const next = await h.service.charge(cartOf(500));
    expect(next.id).not.toBe(stuck.id);
    expect([next.number, next.state]).toEqual([2, 'waiting']);
    await h.service.stop();
  });

  it('a checkpoint taken while start-up still waits on the provider keeps the replay problems', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    const sale = await h.service.charge(cartOf(1000));
    await h.service.cancel(sale.id); // ended recently: start-up checks it once more
    await h.journal.append({ type: 'mystery', saleId: 'nobody', at: clock.now().toISOString(), data: {} });
    await h.service.stop();
    h = await startService(fs, clock, world, { resume: false });
    let release = () => {};
    world.statusGate = new Promise<void>((resolve) => (release = resolve)); // a slow provider
    const resuming = h.service.resume();
    await settle();
    expect(h.service.snapshot().problems).toEqual([expect.stringContaining('unknown type (mystery)')]);
    release();
    world.statusGate = null;
    await resuming;
    await h.service.stop();
  });
});

describe('the report ledger from a checkpoint over a journal damaged since', () => {
  it('never gives a receipt number twice when following fails once', async () => {
    const { fs, clock, world } = freshTill();
    let h = await startService(fs, clock, world);
    for (const price of [100, 200, 300]) {
      const sale = await h.service.charge(cartOf(price));
      world.pay(sale.link!.reference);
      await clock.advance(2_000);
    } // receipts 1, 2 and 3 are printed; sale 1's paid record is line 3
    const checkpoint = (await takeCheckpoint(h))!;
    await h.service.stop();
    breakLine(fs, 3);

    h = await startService(fs, clock, world, { checkpoint });
    const backOffice = new BackOffice({
      journal: h.journal,
      settings: () => defaultSettings,
      provider: () => ({ provider: { search: () => Promise.resolve([]) } }),
      zStore: { list: () => Promise.resolve([]), append: () => Promise.resolve(), adopt: () => Promise.resolve(0) },
      output: noReceiptOutput,
      now: clock.now,
      log: recordingLogger(),
      startLedger: restoreFromCheckpoint(checkpoint, h.journal).ledger,
      startRecords: [],
    });
    const ledger = await backOffice.ledger.current();
    failNextGet(ledger.sales, 'EBUSY');
    const next = await h.service.charge(cartOf(400)); // following its first record fails
    world.pay(next.link!.reference);
    await clock.advance(2_000);
    const receipts = (await backOffice.ledger.current()).receipts;
    expect(receipts.get(next.id)?.number).toBe(4);
    const numbers = [...receipts.values()].map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    backOffice.close();
    await h.service.stop();
  });
});
