import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { decodeLine } from '../../../../electron/services/journal/record';
import { replaySales, toView } from '../../../../electron/services/sales/sale-machine';
import { lineEnds, MemoryFs } from '../journal/helpers';
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
    const resumed = await h.service.resume([], { seq: checkpoint.anchor.seq, summaries: checkpoint.summaries, maxNumber: checkpoint.maxNumber, problems: checkpoint.problems, load: () => undefined });
    expect(resumed.problems).toEqual(['Journal record 3 has an unknown type (mystery).']);
    await h.service.stop();
  });
});
