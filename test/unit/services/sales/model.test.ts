import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../electron/services/errors';
import { ProviderError } from '../../../../electron/services/providers/provider';
import { deriveOrderReference } from '../../../../shared/domain/order-reference';
import { replaySales, toView } from '../../../../electron/services/sales/sale-machine';
import type { SaleView } from '../../../../shared/domain/sale';
import { journalRecordsIn, MemoryFs } from '../journal/helpers';
import { cartOf, FakeClock, ProviderWorld, settle, startService, takeCheckpoint, type Harness } from './world';
import { restoreFromCheckpoint, type Checkpoint } from '../../../../electron/services/startup/checkpoint-store';
import { buildLedger, extendLedger } from '../../../../electron/services/receipts/ledger';
import { refundedSoFar, remainingLines } from '../../../../shared/domain/refund';

type Command =
  | { kind: 'add'; price: number }
  | { kind: 'charge' }
  | { kind: 'restart'; fromCheckpoint: boolean }
  | { kind: 'checkpoint' }
  | { kind: 'network'; up: boolean }
  | { kind: 'createFault'; fault: 'timeout-after-create' | 'timeout-before-create' | 'reject' }
  | { kind: 'wait'; ms: number }
  | { kind: 'pay'; wrongAmount: boolean }
  | { kind: 'open' }
  | { kind: 'cancel' }
  | { kind: 'checkNow' }
  | { kind: 'update'; price: number; confirm: boolean }
  | { kind: 'recreate' }
  | { kind: 'resolve' }
  | { kind: 'expire' }
  | { kind: 'orderPlan'; statuses: string[]; method: 'CARD' | 'INVOICE' | 'SWISH' }
  | { kind: 'captureFault'; fault: 'timeout-before' | 'timeout-after' | 'reject' }
  | { kind: 'refund'; share: 'all' | 'one'; presses: 1 | 2 }
  | { kind: 'refundFault'; fault: 'timeout-before' | 'timeout-after' | 'reject' | 'crash-after' }
  | { kind: 'markRefund'; done: boolean };

/** How an order may go at the provider: every path ends, so a sale cannot stay completing for ever. */
const orderPaths = [
  ['READY'],
  ['PENDING_SIGNATURE', 'READY'],
  ['PENDING_DECISION', 'PENDING_DECISION', 'READY'],
  ['PENDING_PAYMENT', 'DENIED'],
  ['DENIED'],
  ['ABORTED'],
  ['MANUAL_PROCESSING'],
  ['FULLY_DELIVERED'],
];

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('add' as const), price: fc.integer({ min: 0, max: 50_000 }) }), weight: 6 },
  { arbitrary: fc.constant({ kind: 'charge' as const }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('restart' as const), fromCheckpoint: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'checkpoint' as const }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('network' as const), up: fc.integer({ min: 0, max: 2 }).map((n) => n > 0) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('createFault' as const),
      fault: fc.constantFrom('timeout-after-create' as const, 'timeout-before-create' as const, 'reject' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 500, max: 20_000 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), wrongAmount: fc.integer({ min: 0, max: 9 }).map((n) => n < 2) }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'open' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'cancel' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'checkNow' as const }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('update' as const), price: fc.integer({ min: 1, max: 50_000 }), confirm: fc.boolean() }),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'recreate' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'resolve' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'expire' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('orderPlan' as const),
      statuses: fc.constantFrom(...orderPaths),
      method: fc.constantFrom('CARD' as const, 'INVOICE' as const, 'SWISH' as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('captureFault' as const),
      fault: fc.constantFrom('timeout-before' as const, 'timeout-after' as const, 'reject' as const),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      share: fc.constantFrom('all' as const, 'one' as const),
      presses: fc.constantFrom(1 as const, 2 as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('refundFault' as const),
      fault: fc.constantFrom('timeout-before' as const, 'timeout-after' as const, 'reject' as const, 'crash-after' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('markRefund' as const), done: fc.boolean() }), weight: 1 },
);

/** A refund press of the newest paid sale: everything left, or one piece of its first line left. */
function refundCommand(sale: SaleView, share: 'all' | 'one') {
  const left = remainingLines(sale.totals, refundedSoFar(sale.refunds));
  const lines = share === 'all' ? left : left.slice(0, 1).map((l) => ({ ...l, quantityMilli: Math.min(l.quantityMilli, 1000) }));
  return { refundNumber: sale.refunds.length + 1, lines, reason: 'Returned' };
}

/** The order a sale's link led to, in order mode. */
function orderOf(world: ProviderWorld, sale: SaleView) {
  const link = sale.link ? world.links.get(sale.link.reference) : undefined;
  return link ? [...(world.orders?.values() ?? [])].find((o) => o.orderReference === link.orderReference) : undefined;
}

/** Errors a clerk may legitimately meet; anything else is a bug. */
function expected(error: unknown): void {
  if (error instanceof DomainError || error instanceof ProviderError) return;
  throw error;
}

function journalViews(fs: MemoryFs): Map<string, SaleView> {
  const records = journalRecordsIn(fs);
  const replayed = replaySales(records);
  expect(replayed.problems).toEqual([]);
  return new Map([...replayed.sales.values()].map((s) => [s.id, toView(s)]));
}

function checkInvariants(fs: MemoryFs, world: ProviderWorld, h: Harness): void {
  const live = h.service.list({ limit: 1000 });
  // The journal replays to exactly the state the live service holds.
  const replayed = journalViews(fs);
  expect(live.map((s) => ({ ...s, connectionLost: false }))).toEqual(live.map((s) => replayed.get(s.id)));
  expect(replayed.size).toBe(live.length);
  // Sale numbers are gap-free.
  expect(live.map((s) => s.number).sort((a, b) => a - b)).toEqual(live.map((_s, i) => i + 1));
  // Never two live links for one sale, never two payments for one sale, at most one live sale.
  let liveSales = 0;
  for (const sale of live) {
    const refs = new Set(Array.from({ length: 12 }, (_v, i) => deriveOrderReference(`LP-00T1-260401-${sale.number}`, i + 1)));
    const links = [...world.links.values()].filter((l) => refs.has(l.orderReference));
    expect(links.filter((l) => l.status === 'open' || l.status === 'opened').length).toBeLessThanOrEqual(1);
    expect(links.filter((l) => l.status === 'paid').length).toBeLessThanOrEqual(1);
    if (['creating', 'waiting', 'opened'].includes(sale.state)) liveSales += 1;
    // Never two debits of one order, never more than the order.
    const order = orderOf(world, sale);
    if (order) {
      expect(order.debits.filter((d) => d.reference !== null).length).toBeLessThanOrEqual(1);
      expect(order.debitedMinor).toBeLessThanOrEqual(order.amountMinor);
    }
    // Never a refund above what was paid, in total or per line; never two credits for one refund;
    // never more given back at the provider than the sale's refunds hold.
    const held = refundedSoFar(sale.refunds);
    expect(held.amountMinor).toBeLessThanOrEqual(sale.amountMinor);
    for (const line of sale.totals.lines) expect(held.quantities.get(line.id) ?? 0).toBeLessThanOrEqual(line.quantityMilli);
    expect(sale.refunds.map((r) => r.number)).toEqual(sale.refunds.map((_r, i) => i + 1));
    if (sale.refunds.length > 0) expect(sale.state).toBe('paid');
    if (order) {
      const references = order.refunds.map((r) => r.reference);
      expect(new Set(references).size).toBe(references.length);
      expect(order.creditedMinor).toBeLessThanOrEqual(order.debitedMinor);
      expect(order.refunds.reduce((s, r) => s + r.amountMinor, 0)).toBeLessThanOrEqual(held.amountMinor);
    }
    // Paid through an order: the order says so (debited by LinkPOS, or taken at purchase).
    if (sale.state === 'paid' && order && !sale.reason.startsWith('Resolved')) {
      expect(['READY', 'FULLY_DELIVERED']).toContain(world.orderStatus(order));
      if (sale.settlement === 'captured') expect(order.debitedMinor).toBe(order.amountMinor);
    }
    // A sale marked paid has its money, of the right amount, at the provider.
    if (sale.state === 'paid' && !sale.reason.startsWith('Resolved')) {
      expect(
        links.some((l) => l.status === 'paid' && l.paidAmountMinor === sale.amountMinor && l.link.reference === sale.link?.reference),
      ).toBe(true);
    }
  }
  expect(liveSales).toBeLessThanOrEqual(1);
}

const journalRecords = journalRecordsIn;

/** The report ledger from a checkpoint plus the lines after it equals the ledger of every line. */
function checkLedgerFromCheckpoint(fs: MemoryFs, checkpoint: Checkpoint, h: Harness): void {
  const records = journalRecords(fs);
  const full = buildLedger(records);
  const resumed = extendLedger(
    restoreFromCheckpoint(checkpoint, h.journal).ledger,
    records.filter((r) => r.seq > checkpoint.anchor.seq),
  );
  expect(resumed.entries).toEqual(full.entries);
  expect(resumed.receipts).toEqual(full.receipts);
  expect(resumed.lastReceipt).toEqual(full.lastReceipt);
  expect(resumed.lastSeq).toBe(full.lastSeq);
  for (const id of full.sales.summaries()) expect(resumed.sales.get(id.id)).toEqual(full.sales.get(id.id));
}

/**
 * Runs one plan of commands against the checkout and a provider world, checking the invariants
 * after every step and at the end (network back, every link checked); returns the sales as they end.
 */
interface ModelCounts {
  restartsFromCheckpoint: number;
  /** Each refund's `method state` seen, after any step. */
  refundStates: Set<string>;
}

async function runModel(commands: Command[], orderMode: boolean, counts: ModelCounts): Promise<SaleView[]> {
  const fs = new MemoryFs();
  const clock = new FakeClock();
  const world = new ProviderWorld(clock);
  // Order mode: the provider makes an order that decides and must be debited (Ecster).
  if (orderMode) world.orders = new Map();
  let h = await startService(fs, clock, world);
  let checkpoint: Checkpoint | null = null;
  let prices: number[] = [];
  const current = () => h.service.current();
  try {
    for (const c of commands) {
      const sale = current();
      switch (c.kind) {
        case 'add':
          prices.push(c.price);
          break;
        case 'charge':
          await h.service.charge(cartOf(...prices)).then(() => (prices = []), expected);
          break;
        case 'checkpoint':
          // As at a Z report: the checkpoint then ages while sales go on.
          checkpoint = (await takeCheckpoint(h)) ?? checkpoint;
          break;
        case 'restart': {
          // A crash: the process is gone; its journal (and the last checkpoint) are all that is left.
          await h.service.stop();
          h = await startService(fs, clock, world, c.fromCheckpoint && checkpoint ? { checkpoint } : {});
          if (c.fromCheckpoint && checkpoint) {
            expect(h.resumed).toBe(true);
            checkLedgerFromCheckpoint(fs, checkpoint, h);
            counts.restartsFromCheckpoint += 1;
          }
          break;
        }
        case 'network':
          world.network = c.up ? 'up' : 'down';
          break;
        case 'createFault':
          world.createFault = c.fault;
          break;
        case 'wait':
          await clock.advance(c.ms);
          break;
        case 'pay':
          if (sale?.link) world.pay(sale.link.reference, c.wrongAmount ? sale.amountMinor + 1 : undefined);
          break;
        case 'open':
          if (sale?.link) world.open(sale.link.reference);
          break;
        case 'cancel':
          if (sale) await h.service.cancel(sale.id).catch(expected);
          break;
        case 'checkNow':
          for (const s of h.service.list()) await h.service.checkNow(s.id).catch(expected);
          break;
        case 'update':
          if (sale) await h.service.updateCart(sale.id, cartOf(c.price), c.confirm).catch(expected);
          break;
        case 'recreate':
          if (sale) await h.service.confirmRecreate(sale.id).catch(expected);
          break;
        case 'resolve':
          for (const s of h.service.list({ states: ['needs-attention'] }))
            await h.service.resolve(s.id, 'Checked by the manager').catch(expected);
          break;
        case 'expire':
          await clock.advance(16 * 60_000);
          break;
        case 'orderPlan':
          world.nextOrder = { statuses: c.statuses, method: c.method };
          break;
        case 'captureFault':
          world.captureFault = c.fault;
          break;
        case 'refund': {
          const paid = h.service.list({ states: ['paid'], limit: 1 })[0];
          if (!paid) break;
          const refund = refundCommand(paid, c.share);
          let answered = false;
          const presses = Promise.all(Array.from({ length: c.presses }, () => h.service.refund(paid.id, refund).catch(expected)));
          void presses.then(() => (answered = true));
          await settle(40);
          if (!answered) {
            // The refund's answer never came because the till died while it was out: start again.
            await h.service.stop();
            h = await startService(fs, clock, world);
          }
          break;
        }
        case 'refundFault':
          world.refundFault = c.fault;
          break;
        case 'markRefund':
          for (const s of h.service.list({ states: ['paid'], limit: 1000 }))
            for (const r of s.refunds.filter((r) => r.state === 'needs-attention' || (r.state === 'requested' && r.method === 'portal')))
              await h.service.markRefund(s.id, r.number, c.done).catch(expected);
          break;
      }
      await settle();
      checkInvariants(fs, world, h);
      for (const s of h.service.list({ states: ['paid'], limit: 1000 }))
        for (const r of s.refunds) counts.refundStates.add(`${r.method} ${r.state}`);
    }
    // In the end, with the network back, every payment the provider holds is seen.
    world.network = 'up';
    for (const s of h.service.list({ limit: 1000 })) await h.service.checkNow(s.id).catch(expected);
    await clock.advance(20 * 60_000);
    checkInvariants(fs, world, h);
    for (const s of h.service.list({ limit: 1000 })) {
      const order = orderOf(world, s);
      const ended = order !== undefined && !['READY', 'FULLY_DELIVERED'].includes(world.orderStatus(order));
      const paidHere = !ended && [...world.links.values()].some((l) => l.status === 'paid' && l.link.reference === s.link?.reference);
      if (paidHere) expect(['paid', 'needs-attention']).toContain(s.state);
    }
    return h.service.list({ limit: 1000 });
  } finally {
    await h.service.stop();
  }
}

describe('checkout model', () => {
  it('never makes two links for a sale, never loses a payment, and the journal (alone or after a checkpoint) always replays to the live state', async () => {
    const endStates = new Set<string>();
    const counts = { restartsFromCheckpoint: 0, refundStates: new Set<string>() };
    // MODEL_SEED=<n> replays one run (fast-check prints the seed of a failing one).
    const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 60, size: 'max' }), fc.boolean(), async (commands, orderMode) => {
        for (const s of await runModel(commands, orderMode, counts)) endStates.add(s.state);
      }),
      { numRuns: 150, ...(seed === undefined ? {} : { seed }) },
    );
    // The generator must actually reach every outcome, or the invariants prove little.
    expect([...endStates].sort()).toEqual(['cancelled', 'expired', 'failed', 'needs-attention', 'paid']);
    // How often a run restarts from a checkpoint is luck (a clean-clone CI run drew 19), so the floor sits well below.
    expect(counts.restartsFromCheckpoint).toBeGreaterThan(8);
    // Refunds meet every other command here; refunds-model.test.ts reaches each of their outcomes.
    expect(counts.refundStates.size).toBeGreaterThan(0);
  }, 60_000);

  // Whether a random plan happens to end with a debited card order and a Swish order is luck (the
  // network may be down past a link's expiry, and the sale then goes to a person); so reaching each
  // settlement is proven by plans of its own, run through the same model and invariants.
  it.each([
    { settlement: 'captured', statuses: ['PENDING_SIGNATURE', 'READY'], method: 'CARD' as const },
    { settlement: 'captured', statuses: ['READY'], method: 'INVOICE' as const },
    { settlement: 'charged', statuses: ['FULLY_DELIVERED'], method: 'SWISH' as const },
  ])('reaches a $settlement sale through an order $statuses ($method)', async ({ settlement, statuses, method }) => {
    const plan: Command[] = [
      { kind: 'add', price: 12_500 },
      { kind: 'orderPlan', statuses, method },
      { kind: 'charge' },
      { kind: 'open' },
      { kind: 'pay', wrongAmount: false },
      { kind: 'wait', ms: 5_000 },
    ];
    const sales = await runModel(plan, true, { restartsFromCheckpoint: 0, refundStates: new Set() });
    expect(sales).toEqual([expect.objectContaining({ state: 'paid', settlement })]);
  });
});
