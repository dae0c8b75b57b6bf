import { beforeEach, describe, expect, it } from 'vitest';
import { setQuantity } from '../../../../shared/domain/cart';
import { buildLedger } from '../../../../electron/services/receipts/ledger';
import { buildReport } from '../../../../shared/domain/report';
import { journalRecordsIn, MemoryFs } from '../journal/helpers';
import { cartOf, FakeClock, ProviderWorld, resetCartIds, settle, startService, type Harness } from './world';

let fs: MemoryFs;
let clock: FakeClock;
let world: ProviderWorld;

beforeEach(() => {
  resetCartIds();
  fs = new MemoryFs();
  clock = new FakeClock();
  world = new ProviderWorld(clock);
  world.orders = new Map();
});

const journal = () => journalRecordsIn(fs);
const refundTypes = () =>
  journal()
    .map((l) => l.type)
    .filter((t) => t.startsWith('refund'));
const order = () => [...(world.orders?.values() ?? [])][0]!;

async function paidSale(h: Harness, cart = cartOf(2500)) {
  const sale = await h.service.charge(cart);
  await settle();
  world.pay(sale.link?.reference ?? '');
  await h.service.checkNow(sale.id);
  const paid = h.service.get(sale.id);
  expect(paid.state).toBe('paid');
  return paid;
}
const all = (sale: { totals: { lines: { id: string; quantityMilli: number }[] } }) =>
  sale.totals.lines.map((l) => ({ lineId: l.id, quantityMilli: l.quantityMilli }));

describe('refunds (Ecster)', () => {
  it('credits a debited order against its debit, journaling the refund before the one POST, and the sale is refunded', async () => {
    const provider = world.provider();
    const seenAtRefund: string[][] = [];
    world.provider = () => ({
      ...provider,
      refund: (request, signal) => {
        seenAtRefund.push(refundTypes());
        return provider.refund!(request, signal);
      },
    });
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    const refunded = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: 'Wrong size' });
    expect(refunded.state).toBe('paid');
    expect(refunded.refunds).toEqual([
      expect.objectContaining({ number: 1, state: 'refunded', method: 'credit', amountMinor: 2500, reason: 'Wrong size' }),
    ]);
    expect(seenAtRefund).toEqual([['refund-requested', 'refund-sent']]);
    expect(refundTypes()).toEqual(['refund-requested', 'refund-sent', 'refunded']);
    const requested = journal().find((l) => l.type === 'refund-requested')!;
    expect(requested.data).toMatchObject({ transactionReference: `${sale.orderReference}-R1`, debitTransaction: order().debits[0]!.id });
    expect(order().refunds).toEqual([
      expect.objectContaining({ type: 'CREDIT', amountMinor: 2500, reference: `${sale.orderReference}-R1` }),
    ]);
    await h.service.stop();
  });

  it('refunds line by line with quantities, the parts adding up to exactly what was paid, and never more', async () => {
    const h = await startService(fs, clock, world);
    let cart = cartOf(1000, 2000);
    cart = setQuantity(cart, cart.lines[0]!.id, 3000); // three pieces at 10.00
    const sale = await paidSale(h, cart);
    const [pieces, other] = sale.totals.lines;
    const one = { lineId: pieces!.id, quantityMilli: 1000 };
    await h.service.refund(sale.id, { refundNumber: 1, lines: [one], reason: 'Broken' });
    await h.service.refund(sale.id, { refundNumber: 2, lines: [{ ...one, quantityMilli: 2000 }], reason: 'Broken' });
    await expect(h.service.refund(sale.id, { refundNumber: 3, lines: [one], reason: 'Again' })).rejects.toMatchObject({
      l10n: { key: 'refundTooMuch' },
    });
    const last = await h.service.refund(sale.id, { refundNumber: 3, lines: [{ lineId: other!.id, quantityMilli: 1000 }], reason: '' });
    expect(last.refunds.map((r) => r.amountMinor)).toEqual([1000, 2000, 2000]);
    expect(last.refunds.reduce((s, r) => s + r.amountMinor, 0)).toBe(sale.amountMinor);
    await expect(h.service.refund(sale.id, { refundNumber: 4, lines: [one], reason: '' })).rejects.toMatchObject({
      l10n: { key: 'refundTooMuch' },
    });
    expect(order().creditedMinor).toBe(sale.amountMinor);
    await h.service.stop();
  });

  it('makes one refund of two presses at once (two windows), by the refund number', async () => {
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    const command = { refundNumber: 1, lines: all(sale), reason: 'Changed mind' };
    const [a, b] = await Promise.all([h.service.refund(sale.id, command), h.service.refund(sale.id, command)]);
    expect(a.refunds).toHaveLength(1);
    expect(b.refunds).toHaveLength(1);
    expect(world.refundCalls).toBe(1);
    expect(order().refunds).toHaveLength(1);
    await h.service.stop();
  });

  it('reads the order after a lost answer and never sends the refund again', async () => {
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    world.refundFault = 'timeout-after';
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(view.refunds[0]).toMatchObject({ state: 'refunded' });
    expect(refundTypes()).toEqual(['refund-requested', 'refund-sent', 'refund-unknown', 'refunded']);
    expect(journal().at(-1)?.data).toMatchObject({ via: 'read' });
    expect(world.refundCalls).toBe(1);
    await h.service.stop();
  });

  it('asks a person when the answer was lost and the order shows no refund', async () => {
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    world.refundFault = 'timeout-before';
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(view.refunds[0]).toMatchObject({ state: 'needs-attention' });
    expect(world.refundCalls).toBe(1);
    expect(order().refunds).toHaveLength(0);
    // The amount stays held: no second refund of the same goods until a person says it was not made.
    await expect(h.service.refund(sale.id, { refundNumber: 2, lines: all(sale), reason: '' })).rejects.toMatchObject({
      l10n: { key: 'refundTooMuch' },
    });
    const marked = await h.service.markRefund(sale.id, 1, false);
    expect(marked.refunds[0]).toMatchObject({ state: 'failed' });
    expect((await h.service.refund(sale.id, { refundNumber: 2, lines: all(sale), reason: '' })).refunds[1]).toMatchObject({
      state: 'refunded',
    });
    await h.service.stop();
  });

  it('frees the amount when the provider refuses the refund', async () => {
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    world.refundFault = 'reject';
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(view.refunds[0]).toMatchObject({ state: 'failed' });
    expect(view.history.at(-1)?.noteMessage).toMatchObject({ key: 'noteRefundFailed' });
    await h.service.stop();
  });

  it('resumes a refund after a crash while it was out: the order is read, the refund is not sent again', async () => {
    let h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    // The POST reaches Ecster, then the till dies before the answer.
    world.refundFault = 'crash-after';
    void h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    await settle();
    expect(refundTypes()).toEqual(['refund-requested', 'refund-sent']);
    await h.service.stop();
    h = await startService(fs, clock, world);
    expect(h.service.get(sale.id).refunds[0]).toMatchObject({ state: 'refunded' });
    expect(journal().at(-1)).toMatchObject({ type: 'refunded', data: { via: 'read' } });
    expect(world.refundCalls).toBe(1);
    await h.service.stop();
  });

  it('sends after a restart a refund that was journaled but never sent', async () => {
    let h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    // The power goes after `refund-requested` is on disk, before `refund-sent` is written.
    let appends = 0;
    fs.appendDelay = () => (++appends === 2 ? new Promise(() => undefined) : Promise.resolve());
    void h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    await settle();
    expect(refundTypes()).toEqual(['refund-requested']);
    expect(world.refundCalls).toBe(0);
    fs.appendDelay = null;
    await h.service.stop();
    h = await startService(fs, clock, world);
    expect(h.service.get(sale.id).refunds[0]).toMatchObject({ state: 'refunded' });
    expect(refundTypes()).toEqual(['refund-requested', 'refund-sent', 'refunded']);
    expect(world.refundCalls).toBe(1);
    await h.service.stop();
  });

  it('refuses a refund when the order cannot be read first, journaling nothing', async () => {
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    world.network = 'down';
    await expect(h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' })).rejects.toMatchObject({
      l10n: { key: 'refundOrderUnreadable' },
    });
    expect(refundTypes()).toEqual([]);
    await h.service.stop();
  });

  it('refunds a Swish order by the Swish refund flow, polling its status while it is ONGOING', async () => {
    const h = await startService(fs, clock, world);
    world.nextOrder = { statuses: ['FULLY_DELIVERED'], method: 'SWISH' };
    world.swishReads = 2;
    const sale = await paidSale(h);
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(view.refunds[0]).toMatchObject({ state: 'sent', method: 'swish' });
    await clock.advance(10_000);
    expect(h.service.get(sale.id).refunds[0]).toMatchObject({ state: 'refunded' });
    expect(world.refundCalls).toBe(1);
    await h.service.stop();
  });

  it('a Swish refund that needs a person after a lost answer is found at the provider when marked not done, so its amount is never freed twice', async () => {
    world.nextOrder = { statuses: ['FULLY_DELIVERED'], method: 'SWISH' };
    world.swishReads = 0;
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    world.refundFault = 'reject';
    const refused = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(refused.refunds[0]).toMatchObject({ state: 'failed' });
    // The second refund is made at Ecster, but its answer is lost; Swish's "latest" status cannot say
    // whether it is this refund's, so a person is asked.
    world.refundFault = 'timeout-after';
    const lost = await h.service.refund(sale.id, { refundNumber: 2, lines: all(sale), reason: '' });
    expect(lost.refunds[1]).toMatchObject({ state: 'needs-attention', method: 'swish' });
    expect(order().creditedMinor).toBe(sale.amountMinor);

    // With Ecster out of reach, "not done" is refused: nothing is freed on a guess.
    world.network = 'down';
    await expect(h.service.markRefund(sale.id, 2, false)).rejects.toMatchObject({ l10n: { key: 'refundNotDoneUnreadable' } });
    expect(h.service.get(sale.id).refunds[1]).toMatchObject({ state: 'needs-attention' });

    // Reachable again: the order shows the credit, so the refund is recorded as made, read from Ecster.
    world.network = 'up';
    const marked = await h.service.markRefund(sale.id, 2, false);
    expect(marked.refunds[1]).toMatchObject({ state: 'refunded' });
    expect(journal().at(-1)).toMatchObject({ type: 'refunded', data: { refundNumber: 2, via: 'read' } });
    await expect(h.service.refund(sale.id, { refundNumber: 3, lines: all(sale), reason: '' })).rejects.toMatchObject({
      l10n: { key: 'refundTooMuch' },
    });
    expect(world.refundCalls).toBe(2);
    await h.service.stop();
  });

  it('a credit that needs a person is marked not done only once the order shows no such credit', async () => {
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    world.refundFault = 'timeout-before';
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(view.refunds[0]).toMatchObject({ state: 'needs-attention', method: 'credit' });
    world.network = 'down';
    await expect(h.service.markRefund(sale.id, 1, false)).rejects.toMatchObject({ l10n: { key: 'refundNotDoneUnreadable' } });
    world.network = 'up';
    expect((await h.service.markRefund(sale.id, 1, false)).refunds[0]).toMatchObject({ state: 'failed' });
    expect(order().refunds).toHaveLength(0);
    await h.service.stop();
  });

  it('annuls an order the merchant never debited, whole only', async () => {
    world.captureAtOnce = false;
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h, cartOf(1000, 2000));
    expect(sale.settlement).toBe('authorised');
    await expect(
      h.service.refund(sale.id, { refundNumber: 1, lines: [{ lineId: sale.totals.lines[0]!.id, quantityMilli: 1000 }], reason: '' }),
    ).rejects.toMatchObject({ l10n: { key: 'refundPartialUndebited' } });
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: '' });
    expect(view.refunds[0]).toMatchObject({ state: 'refunded', method: 'annul' });
    expect(world.orderStatus(order())).toBe('ANNULLED');
    await h.service.stop();
  });
});

describe('refunds recorded for the portal (Straumur)', () => {
  it('records the refund, sends nothing, and counts it refunded only when a person marks it done', async () => {
    world.orders = null;
    const h = await startService(fs, clock, world);
    const sale = await paidSale(h);
    const view = await h.service.refund(sale.id, { refundNumber: 1, lines: all(sale), reason: 'Returned' });
    expect(view.refunds[0]).toMatchObject({ state: 'requested', method: 'portal' });
    expect(view.history.at(-1)?.noteMessage).toMatchObject({ key: 'noteRefundRecorded' });
    await expect(h.service.refund(sale.id, { refundNumber: 2, lines: all(sale), reason: '' })).rejects.toMatchObject({
      l10n: { key: 'refundTooMuch' },
    });
    const done = await h.service.markRefund(sale.id, 1, true);
    expect(done.refunds[0]).toMatchObject({ state: 'refunded' });
    expect(refundTypes()).toEqual(['refund-requested', 'refunded']);
    await h.service.stop();
  });
});

describe('refund receipts and reports', () => {
  it('numbers refund receipts in their own gap-free series and reports sales, refunds and net with VAT per rate', async () => {
    const h = await startService(fs, clock, world);
    const first = await paidSale(h, cartOf(1000, 2000));
    const second = await paidSale(h, cartOf(500));
    await h.service.refund(second.id, { refundNumber: 1, lines: all(second), reason: '' });
    await h.service.refund(first.id, { refundNumber: 1, lines: [{ lineId: first.totals.lines[1]!.id, quantityMilli: 1000 }], reason: '' });
    const ledger = buildLedger(journal());
    expect([...ledger.refundReceipts.values()].map((r) => [r.series, r.number])).toEqual([
      ['training', 1],
      ['training', 2],
    ]);
    const report = buildReport(ledger.entries, {
      kind: 'x',
      number: null,
      period: { fromSeq: 0, toSeq: ledger.lastSeq, fromAt: null, toAt: clock.now().toISOString() },
    });
    const sek = report.training.currencies[0]!;
    expect(sek.sales.amountMinor).toBe(3500);
    expect(sek.refunds).toEqual({ count: 2, amountMinor: 2500 });
    expect(sek.netSalesMinor).toBe(1000);
    expect(sek.refundVat).toEqual([{ vatRate: 2500, grossMinor: 2500, netMinor: 2000, vatMinor: 500 }]);
    await h.service.stop();
  });
});
