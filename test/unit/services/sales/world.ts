import { addCustomItem, counterLineIds, emptyCart, priceCart, validateCart } from '../../../../shared/domain/cart';
import type { Currency } from '../../../../shared/domain/money';
import { makeOrderReference } from '../../../../shared/domain/order-reference';
import type { Cart } from '../../../../shared/domain/schemas';
import type { LinkStatus, PaymentLink } from '../../../../shared/domain/sale';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import {
  ProviderError,
  type CaptureRequest,
  type LinkRequest,
  type PaymentLinkProvider,
  type ProviderCapabilities,
  type RefundRequest,
} from '../../../../electron/services/providers/provider';
import { CheckoutService } from '../../../../electron/services/sales/checkout-service';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  restoreFromCheckpoint,
  type Checkpoint,
} from '../../../../electron/services/startup/checkpoint-store';
import { buildLedger, snapshotLedger } from '../../../../electron/services/receipts/ledger';
import { recordingLogger, type MemoryFs } from '../journal/helpers';
import { orderStatusReport } from '../../../../electron/services/providers/ecster/status';
import { ecsterOrderSchema } from '../../../../electron/services/providers/ecster/schemas';
import { msg } from '../../../../shared/messages';

/** A clock tests move by hand; `sleep` timers fire in time order as it advances. */
export class FakeClock {
  private timers: { at: number; seq: number; wake: () => void }[] = [];
  private seq = 0;
  constructor(public ms = Date.parse('2026-04-01T12:00:00.000Z')) {}

  now = (): Date => new Date(this.ms);
  nowMs = (): number => this.ms;

  sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      const timer = {
        at: this.ms + Math.max(0, ms),
        seq: this.seq++,
        wake: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal.addEventListener('abort', onAbort, { once: true });
    });

  get pending(): number[] {
    return this.timers.map((t) => t.at - this.ms).sort((a, b) => a - b);
  }

  /** Moves time forward, firing each due timer and letting the work it starts settle. */
  async advance(ms: number): Promise<void> {
    const end = this.ms + ms;
    await settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.ms = next.at;
      next.wake();
      await settle();
    }
    this.ms = end;
    await settle();
  }
}

/** Lets promise chains and in-memory I/O run to completion. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** An order the provider makes when a link is paid (order mode, as Ecster does). */
export interface WorldOrder {
  id: string;
  orderReference: string;
  method: 'CARD' | 'INVOICE' | 'SWISH';
  amountMinor: number;
  feeMinor: number;
  currency: Currency;
  /** Statuses still to come; the first is the current one. Each read moves one step on. */
  path: string[];
  settled: string | null;
  debitedMinor: number;
  debits: { id: string; reference: string | null; amountMinor: number }[];
  creditedMinor: number;
  /** CREDIT and ANNUL transactions, and Swish refunds (with the reads left before they succeed). */
  refunds: { id: string; type: 'CREDIT' | 'ANNUL' | 'SWISH'; reference: string | null; amountMinor: number; readsLeft: number }[];
}

export interface OrderPlan {
  statuses: string[];
  method?: 'CARD' | 'INVOICE' | 'SWISH';
}

interface WorldLink {
  link: PaymentLink;
  orderReference: string;
  amountMinor: number;
  currency: Currency;
  status: 'open' | 'opened' | 'paid' | 'cancelled' | 'expired';
  paidAmountMinor: number | null;
}

/**
 * The outside world for the checkout service: a payment provider's servers, with a network that
 * can go down and customers who open and pay links. The one legitimate fake in these tests.
 */
export class ProviderWorld {
  readonly links = new Map<string, WorldLink>();
  network: 'up' | 'down' = 'up';
  /** What the next create does when the network is up. */
  createFault: 'none' | 'timeout-after-create' | 'timeout-before-create' | 'garbled-after-create' | 'reject' = 'none';
  statusFault: 'none' | 'rate-limited' = 'none';
  creates = 0;
  statusCalls = 0;
  private counter = 0;
  /** Pending status calls are released by the test when set. */
  statusGate: Promise<void> | null = null;
  /** A create that never returns stands for a crash while it was out. */
  createGate: Promise<void> | null = null;
  /** Cancelling a paid link succeeds quietly (as Straumur's disable does) instead of being refused. */
  cancelPaidSilently = false;
  /** Order mode: a paid link makes an order that decides (Ecster); off, the link's status is all (Straumur). */
  orders: Map<string, WorldOrder> | null = null;
  /** How the next order goes; READY card by default. */
  nextOrder: OrderPlan | null = null;
  /** What the next debit does. */
  captureFault: 'none' | 'timeout-before' | 'timeout-after' | 'reject' = 'none';
  captureCalls = 0;
  /** The merchant's setting: debit approved orders at once (else they debit in the portal). */
  captureAtOnce = true;
  /** What the next refund does. */
  refundFault: 'none' | 'timeout-before' | 'timeout-after' | 'reject' | 'crash-after' = 'none';
  refundCalls = 0;
  /** How many status reads a Swish refund stays ONGOING. */
  swishReads = 1;

  constructor(
    readonly clock: FakeClock,
    readonly capabilities: ProviderCapabilities = {
      canUpdate: true,
      canSendLink: true,
      reportsOpened: true,
      searchFilters: true,
      capture: false,
      refund: false,
    },
  ) {}

  private reachable(what: string): void {
    if (this.network === 'down')
      throw new ProviderError('unavailable', msg('providerOffline'), {}, `Could not reach the payment service (${what}).`);
  }

  liveLinksFor(orderReferences: Set<string>): WorldLink[] {
    return [...this.links.values()].filter((l) => orderReferences.has(l.orderReference) && (l.status === 'open' || l.status === 'opened'));
  }

  pay(reference: string, amountMinor?: number): boolean {
    const l = this.links.get(reference);
    if (!l || (l.status !== 'open' && l.status !== 'opened')) return false;
    if (l.link.validTo && Date.parse(l.link.validTo) < this.clock.ms) return false;
    l.status = 'paid';
    l.paidAmountMinor = amountMinor ?? l.amountMinor;
    if (this.orders) {
      const plan = this.nextOrder ?? { statuses: ['READY'] };
      this.nextOrder = null;
      const method = plan.method ?? 'CARD';
      const feeMinor = method === 'INVOICE' ? 2900 : 0;
      const id = `order-${this.orders.size + 1}`;
      const order: WorldOrder = {
        id,
        orderReference: l.orderReference,
        method,
        amountMinor: l.paidAmountMinor + feeMinor,
        feeMinor,
        currency: l.currency,
        path: [...plan.statuses],
        settled: null,
        debitedMinor: 0,
        debits: [],
        creditedMinor: 0,
        refunds: [],
      };
      if (method === 'SWISH') {
        order.debitedMinor = order.amountMinor;
        order.debits.push({ id: `${id}-swish`, reference: null, amountMinor: order.amountMinor });
      }
      this.orders.set(id, order);
    }
    return true;
  }

  orderStatus(order: WorldOrder): string {
    return order.settled ?? order.path[0] ?? 'READY';
  }

  /** The order as Ecster's GET answers it; a read moves a planned order one step on. */
  private readOrder(order: WorldOrder): unknown {
    const json = {
      id: order.id,
      status: this.orderStatus(order),
      properties: { method: order.method, ...(order.feeMinor ? { invoiceFee: order.feeMinor } : {}) },
      amount: order.amountMinor,
      currency: order.currency,
      debitedAmount: order.debitedMinor,
      creditedAmount: order.creditedMinor,
      orderReference: order.orderReference,
      transactions: [
        { id: `${order.id}-0`, type: 'ORIGINAL', amount: order.amountMinor },
        ...order.debits.map((d) => ({ id: d.id, type: 'DEBIT', amount: d.amountMinor, transactionReference: d.reference })),
        ...order.refunds
          .filter((r) => r.type !== 'SWISH')
          .map((r) => ({ id: r.id, type: r.type, amount: r.amountMinor, transactionReference: r.reference })),
      ],
    };
    if (order.settled === null && order.path.length > 1) order.path.shift();
    return json;
  }

  open(reference: string): void {
    const l = this.links.get(reference);
    if (l?.status === 'open') l.status = 'opened';
  }

  expire(reference: string): void {
    const l = this.links.get(reference);
    if (l && (l.status === 'open' || l.status === 'opened')) l.status = 'expired';
  }

  provider(): PaymentLinkProvider {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the fake provider is a plain object literal whose methods need the world
    const world = this;
    const makeLink = (request: LinkRequest): PaymentLink => {
      world.counter += 1;
      const reference = `link-${world.counter}`;
      return { reference, url: `https://pay.example.test/${reference}`, validTo: request.validTo.toISOString() };
    };
    return {
      id: 'ecster',
      // An order-making provider (Ecster) refunds at the provider; a link-only one (Straumur) cannot.
      capabilities: { ...world.capabilities, refund: world.orders !== null },
      async create(request) {
        if (world.createGate) await world.createGate;
        world.reachable('create');
        world.creates += 1;
        const fault = world.createFault;
        world.createFault = 'none';
        if (fault === 'reject') throw new ProviderError('rejected', msg('providerRejected'), {}, 'The payment service refused the sale.');
        if (fault === 'timeout-before-create')
          throw new ProviderError('unknown-outcome', msg('providerUnknownOutcome'), {}, 'The payment service did not answer.');
        const link = makeLink(request);
        world.links.set(link.reference, {
          link,
          orderReference: request.orderReference,
          amountMinor: request.totals.totalMinor,
          currency: request.totals.currency,
          status: 'open',
          paidAmountMinor: null,
        });
        if (fault === 'timeout-after-create')
          throw new ProviderError('unknown-outcome', msg('providerUnknownOutcome'), {}, 'The payment service did not answer.');
        if (fault === 'garbled-after-create')
          throw new ProviderError(
            'bad-response',
            msg('providerBadResponse'),
            {},
            'The payment service sent an answer LinkPOS could not read.',
          );
        return link;
      },
      update(link, request) {
        world.reachable('update');
        const l = world.links.get(link.reference);
        if (!l || (l.status !== 'open' && l.status !== 'opened'))
          return Promise.reject(new ProviderError('rejected', msg('providerRejected'), {}, 'The link can no longer be changed.'));
        l.amountMinor = request.totals.totalMinor;
        return Promise.resolve(l.link);
      },
      cancel(link) {
        world.reachable('cancel');
        const l = world.links.get(link.reference);
        if (!l) return Promise.reject(new ProviderError('not-found', msg('providerNotFound'), {}, 'No such link.'));
        if (l.status === 'paid') {
          // Ecster refuses to delete a paid link; Straumur disables it and keeps the sale.
          return world.cancelPaidSilently
            ? Promise.resolve()
            : Promise.reject(new ProviderError('rejected', msg('providerRejected'), {}, 'The link is already paid.'));
        }
        if (l.status === 'open' || l.status === 'opened') l.status = 'cancelled';
        return Promise.resolve();
      },
      async status(link, expected) {
        if (world.statusGate) await world.statusGate;
        world.statusCalls += 1;
        world.reachable('status');
        if (world.statusFault === 'rate-limited')
          throw new ProviderError(
            'rate-limited',
            msg('providerRateLimited', { seconds: 20 }),
            { status: 429, retryAfterMs: 20_000 },
            'Too many requests.',
          );
        if (world.orders && expected.orderId) {
          const known = world.orders.get(expected.orderId);
          if (!known) throw new ProviderError('not-found', msg('providerNotFound'), {}, 'No such order.');
          return orderStatusReport(ecsterOrderSchema.parse(world.readOrder(known)), expected);
        }
        const l = world.links.get(link.reference);
        if (!l) throw new ProviderError('not-found', msg('providerNotFound'), {}, 'No such link.');
        if (world.orders && l.status === 'paid') {
          // As the Ecster client does: the link's ORDER_CREATED leads to the order, which decides.
          const order = [...world.orders.values()].find((o) => o.orderReference === l.orderReference);
          if (!order)
            return {
              status: 'unknown',
              providerStatus: 'ORDER_CREATED',
              amountMinor: null,
              currency: null,
              mismatch: null,
              charged: false,
              order: null,
            };
          return orderStatusReport(ecsterOrderSchema.parse(world.readOrder(order)), expected);
        }
        if ((l.status === 'open' || l.status === 'opened') && l.link.validTo && Date.parse(l.link.validTo) < world.clock.ms - 60_000)
          l.status = 'expired';
        const paidAmount = l.status === 'paid' ? l.paidAmountMinor : null;
        // As the real clients do: a link (paid or not) for another amount is a mismatch, and a paid
        // one then reports `unknown` with `charged` set — never `paid`.
        const amount = paidAmount ?? l.amountMinor;
        const mismatch =
          amount !== expected.amountMinor
            ? `${paidAmount !== null ? 'paid' : 'link for'} ${amount}, expected ${expected.amountMinor}`
            : null;
        const status: LinkStatus = mismatch !== null && l.status === 'paid' ? 'unknown' : l.status;
        return {
          status,
          providerStatus: l.status.toUpperCase(),
          amountMinor: paidAmount ?? l.amountMinor,
          currency: l.currency,
          mismatch,
          charged: l.status === 'paid',
        };
      },
      ...(world.orders
        ? {
            capture(request: CaptureRequest) {
              world.reachable('capture');
              world.captureCalls += 1;
              const fault = world.captureFault;
              world.captureFault = 'none';
              if (fault === 'timeout-before')
                return Promise.reject(new ProviderError('unknown-outcome', msg('providerUnknownOutcome'), {}, 'No answer.'));
              if (fault === 'reject')
                return Promise.reject(new ProviderError('rejected', msg('providerRejected'), { status: 400 }, 'Refused.'));
              const order = world.orders?.get(request.orderId);
              if (!order) return Promise.reject(new ProviderError('not-found', msg('providerNotFound'), {}, 'No such order.'));
              const status = world.orderStatus(order);
              if (status !== 'READY' || order.debitedMinor + request.amountMinor > order.amountMinor)
                return Promise.resolve({ kind: 'invalid-state' as const, detail: `Order is ${status}` });
              const id = `${order.id}-debit-${order.debits.length + 1}`;
              order.debits.push({ id, reference: request.transactionReference, amountMinor: request.amountMinor });
              order.debitedMinor += request.amountMinor;
              order.settled = 'FULLY_DELIVERED';
              if (fault === 'timeout-after')
                return Promise.reject(new ProviderError('unknown-outcome', msg('providerUnknownOutcome'), {}, 'No answer.'));
              return Promise.resolve({
                kind: 'captured' as const,
                transactionId: id,
                orderStatus: 'FULLY_DELIVERED',
                amountMinor: request.amountMinor,
              });
            },
          }
        : {}),
      ...(world.orders
        ? {
            refund(request: RefundRequest) {
              world.reachable('refund');
              world.refundCalls += 1;
              const fault = world.refundFault;
              world.refundFault = 'none';
              if (fault === 'timeout-before')
                return Promise.reject(new ProviderError('unknown-outcome', msg('providerUnknownOutcome'), {}, 'No answer.'));
              if (fault === 'reject')
                return Promise.reject(new ProviderError('rejected', msg('providerRejected'), { status: 400 }, 'Refused.'));
              const order = world.orders?.get(request.orderId);
              if (!order) return Promise.reject(new ProviderError('not-found', msg('providerNotFound'), {}, 'No such order.'));
              const status = world.orderStatus(order);
              const id = `${order.id}-refund-${order.refunds.length + 1}`;
              if (request.method === 'annul') {
                if (status !== 'READY' || order.debitedMinor > 0)
                  return Promise.resolve({ kind: 'invalid-state' as const, detail: `Order is ${status}` });
                order.settled = 'ANNULLED';
              } else {
                if (!order.debits.some((d) => d.id === request.debitTransaction))
                  return Promise.reject(
                    new ProviderError('rejected', msg('providerRejected'), { status: 400 }, 'debitTransaction is mandatory.'),
                  );
                if (order.creditedMinor + request.amountMinor > order.debitedMinor)
                  return Promise.resolve({ kind: 'invalid-state' as const, detail: 'Exceeds what is left to credit' });
                order.creditedMinor += request.amountMinor;
              }
              const type = request.method === 'credit' ? 'CREDIT' : request.method === 'annul' ? 'ANNUL' : 'SWISH';
              order.refunds.push({
                id,
                type,
                reference: request.transactionReference,
                amountMinor: request.amountMinor,
                readsLeft: world.swishReads,
              });
              if (fault === 'timeout-after')
                return Promise.reject(new ProviderError('unknown-outcome', msg('providerUnknownOutcome'), {}, 'No answer.'));
              // The refund was made; the till dies before the answer arrives.
              if (fault === 'crash-after') return new Promise<never>(() => undefined);
              return Promise.resolve(type === 'SWISH' ? { kind: 'ongoing' as const } : { kind: 'refunded' as const, transactionId: id });
            },
            readRefund(request: RefundRequest) {
              world.reachable('read refund');
              const order = world.orders?.get(request.orderId);
              if (!order) return Promise.reject(new ProviderError('not-found', msg('providerNotFound'), {}, 'No such order.'));
              if (request.method === 'swish') {
                const latest = order.refunds.filter((r) => r.type === 'SWISH').at(-1);
                if (!latest) return Promise.resolve({ kind: 'none' as const });
                if (latest.readsLeft > 0) {
                  latest.readsLeft -= 1;
                  return Promise.resolve({ kind: 'ongoing' as const });
                }
                return Promise.resolve({ kind: 'refunded' as const, transactionId: null });
              }
              const ours = order.refunds.find((r) => r.reference === request.transactionReference);
              return Promise.resolve(ours ? { kind: 'refunded' as const, transactionId: ours.id } : { kind: 'none' as const });
            },
          }
        : {}),
      findByOrderReference(orderReference) {
        world.reachable('search');
        const found = [...world.links.values()].find((l) => l.orderReference === orderReference);
        return Promise.resolve(found ? found.link : null);
      },
      search() {
        return Promise.resolve([]);
      },
      ping() {
        world.reachable('ping');
        return Promise.resolve();
      },
    };
  }
}

let cartIds = counterLineIds('line');
export function cartOf(...prices: number[]): Cart {
  let cart = emptyCart('SEK');
  for (const price of prices) cart = addCustomItem(cart, { name: `Item ${price}`, priceMinor: price, vatRate: 2500 }, { newId: cartIds });
  return cart;
}
export function resetCartIds(): void {
  cartIds = counterLineIds('line');
}

export interface Harness {
  service: CheckoutService;
  journal: Journal;
  /** True when start-up read only the lines after a checkpoint. */
  resumed: boolean;
  events: EventPayload<'sale:changed'>[];
  log: ReturnType<typeof recordingLogger>;
  alarms: string[];
}

/** Builds a service over a journal kept in `fs`, the way the app does at start-up. */
export async function startService(
  fs: MemoryFs,
  clock: FakeClock,
  world: ProviderWorld,
  options: { resume?: boolean; checkpoint?: Checkpoint } = {},
): Promise<Harness> {
  const log = recordingLogger();
  const checkpoint = options.checkpoint;
  const opened = await openJournal('/data', {
    log,
    fs,
    now: clock.now,
    ...(checkpoint ? { resumeFrom: { anchor: checkpoint.anchor, index: copyIndex(checkpoint.index) } } : {}),
  });
  const bus = new EventBus();
  const events: EventPayload<'sale:changed'>[] = [];
  bus.subscribe((name, payload) => {
    if (name === 'sale:changed') events.push(payload as EventPayload<'sale:changed'>);
  });
  let ids = 0;
  const provider = world.provider();
  const service = new CheckoutService({
    journal: opened.journal,
    events: bus,
    getProvider: () => ({ provider, providerId: 'ecster', demo: true }),
    settings: () => ({ currency: 'SEK', linkValidityMinutes: 15, tillId: 'T1', captureAtOnce: world.captureAtOnce }),
    priceCart,
    validateCart,
    makeOrderReference,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    log,
    newId: () => `sale-${opened.journal.seq}-${++ids}`,
  });
  const restored = checkpoint && opened.resumed ? restoreFromCheckpoint(checkpoint, opened.journal).sales : undefined;
  if (options.resume !== false) await service.resume(opened.records, restored);
  return { service, journal: opened.journal, resumed: opened.resumed, events, log, alarms: opened.alarms };
}

/**
 * A checkpoint of a running service, as the app writes one (sales, ledger, record positions at the
 * journal's last record), passed through the file encoding and back.
 */
export async function takeCheckpoint(h: Harness): Promise<Checkpoint | null> {
  const sales = h.service.snapshot();
  const anchor = h.journal.anchor();
  if (!anchor) return null; // nothing to checkpoint yet
  if (sales.seq !== anchor.seq) throw new Error('the service is not at the last record');
  const ledger = buildLedger(await h.journal.readAll());
  const index = copyIndex(h.journal.positions());
  return decodeCheckpoint(
    encodeCheckpoint({
      anchor,
      index,
      maxNumber: sales.maxNumber,
      summaries: sales.summaries,
      problems: sales.problems,
      ledger: snapshotLedger(ledger),
    }),
  );
}

/** The journal takes over the index it is handed; a checkpoint used twice needs a copy each time. */
function copyIndex(index: ReadonlyMap<string, readonly number[]>): Map<string, number[]> {
  return new Map([...index].map(([id, p]) => [id, [...p]]));
}
