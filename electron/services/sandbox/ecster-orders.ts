import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Ecster's orders, imitated (providers.md §1.9–1.11): when a customer pays a link the sandbox makes
 * an order, readable by order reference and by id, that goes through the statuses a test or the
 * demo chooses (`plan`), and takes DEBIT, CREDIT and ANNUL transactions with Ecster's rules and its
 * `4424` for an order that is not in a valid state. Everything here is deterministic: an order moves
 * to its next planned status after a given number of reads, never on a timer.
 */

export const ecsterOrderStatuses = [
  'READY',
  'PENDING_PAYMENT',
  'PENDING_DECISION',
  'PENDING_SIGNATURE',
  'PENDING_PROCESSING',
  'AWAITING_CONTRACT',
  'DENIED',
  'FAILED',
  'ABORTED',
  'PARTIALLY_DELIVERED',
  'FULLY_DELIVERED',
  'ANNULLED',
  'EXPIRED',
  'STOPPED',
  'BLOCKED',
  'MANUAL_PROCESSING',
] as const;
export type EcsterOrderStatus = (typeof ecsterOrderStatuses)[number];

export const ecsterPaymentMethods = ['CARD', 'INVOICE', 'SWISH'] as const;
export type EcsterPaymentMethod = (typeof ecsterPaymentMethods)[number];

/** The fee the sandbox's invoice adds, as Ecster does on top of the merchant's cart (minor units). */
export const SANDBOX_INVOICE_FEE = 2900;

/** The code Ecster answers for a transaction on an order that is not in a valid state. */
export const ORDER_STATE_CODE = 4424;

/** How the next order made goes: its statuses in turn, each held for `readsPerStep` reads. */
export const orderPlanSchema = z.object({
  statuses: z.array(z.enum(ecsterOrderStatuses)).min(1).max(20),
  readsPerStep: z.number().int().min(1).max(100).default(1),
  /** Overrides the method the customer chose. */
  method: z.enum(ecsterPaymentMethods).optional(),
});
export type OrderPlan = z.input<typeof orderPlanSchema>;
type ParsedPlan = z.output<typeof orderPlanSchema>;

/** POST /orders/{id}/refunds (§1.10): Swish only; `debitTransaction` names the Swish DEBIT. */
export const swishRefundBodySchema = z.looseObject({
  amount: z.number().int().positive(),
  debitTransaction: z.string().min(1),
  message: z.string().optional(),
});

export const transactionBodySchema = z.looseObject({
  type: z.enum(['DEBIT', 'CREDIT', 'ANNUL']),
  amount: z.number().int().positive(),
  transactionReference: z.string().max(64).optional(),
  debitTransaction: z.string().optional(),
  closeDebit: z.boolean().optional(),
  rows: z.array(z.unknown()).optional(),
  message: z.string().optional(),
});

export interface OrderTransaction {
  readonly id: string;
  readonly type: 'ORIGINAL' | 'DEBIT' | 'CREDIT' | 'ANNUL';
  readonly created: string;
  readonly amount: number;
  readonly transactionReference?: string;
  readonly rows: readonly unknown[];
}

export interface SandboxOrder {
  readonly id: string;
  readonly orderReference: string;
  readonly method: EcsterPaymentMethod;
  readonly amount: number;
  readonly currency: string;
  readonly invoiceFee: number | null;
  readonly created: number;
  /** The planned statuses still to come; the first is the current one. */
  path: EcsterOrderStatus[];
  readsPerStep: number;
  readsAtStep: number;
  /** Set by a transaction: the plan no longer applies. */
  settled: EcsterOrderStatus | null;
  debitedAmount: number;
  creditedAmount: number;
  transactions: OrderTransaction[];
  /** Swish refunds, each `ONGOING` for a read of its status, then `SUCCESS`. */
  swishRefunds: { amount: number; readsLeft: number }[];
}

export interface NewOrder {
  readonly orderReference: string;
  readonly amount: number;
  readonly currency: string;
  readonly rows: readonly unknown[];
  readonly method: EcsterPaymentMethod;
}

export type TransactionResult =
  | { ok: true; body: { orderStatus: EcsterOrderStatus; transaction: Record<string, unknown> } }
  | { ok: false; status: number; code: number; message: string };

const newId = () => randomBytes(8).toString('hex').toUpperCase();
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Swish is charged at purchase (§1.9): its order is fully delivered from the start. */
const defaultPath = (method: EcsterPaymentMethod): EcsterOrderStatus[] => [method === 'SWISH' ? 'FULLY_DELIVERED' : 'READY'];

export class EcsterOrders {
  private readonly orders = new Map<string, SandboxOrder>();
  private next: ParsedPlan | null = null;

  /** The next order made follows this plan (once), whatever the customer does. */
  plan(plan: OrderPlan): void {
    this.next = orderPlanSchema.parse(plan);
  }

  clear(): void {
    this.orders.clear();
    this.next = null;
  }

  /** The orders of an earlier run (SandboxState.restore). */
  restore(orders: readonly SandboxOrder[]): void {
    this.clear();
    for (const order of orders) this.orders.set(order.id, order);
  }

  create(order: NewOrder, now: number): SandboxOrder {
    const plan = this.next;
    this.next = null;
    const method = plan?.method ?? order.method;
    const invoiceFee = method === 'INVOICE' ? SANDBOX_INVOICE_FEE : null;
    const amount = order.amount + (invoiceFee ?? 0);
    const path = plan ? [...plan.statuses] : defaultPath(method);
    const made: SandboxOrder = {
      id: newId(),
      orderReference: order.orderReference,
      method,
      amount,
      currency: order.currency,
      invoiceFee,
      created: now,
      path,
      readsPerStep: plan?.readsPerStep ?? 1,
      readsAtStep: 0,
      settled: null,
      debitedAmount: 0,
      creditedAmount: 0,
      swishRefunds: [],
      transactions: [{ id: newId(), type: 'ORIGINAL', created: iso(now), amount, rows: order.rows }],
    };
    // A Swish payment is taken at once: the order carries its debit.
    if (path[0] === 'FULLY_DELIVERED' || path.at(-1) === 'FULLY_DELIVERED') {
      made.debitedAmount = amount;
      made.transactions.push({ id: newId(), type: 'DEBIT', created: iso(now), amount, rows: [] });
    }
    this.orders.set(made.id, made);
    return made;
  }

  /**
   * The order moves to `status` now and stays there (a control, like the customer finishing a
   * signature): false for an order a transaction has settled.
   */
  move(order: SandboxOrder, status: EcsterOrderStatus): boolean {
    if (order.settled !== null) return false;
    order.path = [status];
    order.readsAtStep = 0;
    return true;
  }

  list(): SandboxOrder[] {
    return [...this.orders.values()];
  }

  status(order: SandboxOrder): EcsterOrderStatus {
    return order.settled ?? order.path[0] ?? 'READY';
  }

  /** A read by the merchant: counts towards the next planned status. */
  read(id: string): SandboxOrder | null {
    const order = this.orders.get(id) ?? null;
    if (order && order.settled === null && order.path.length > 1) {
      order.readsAtStep++;
      if (order.readsAtStep > order.readsPerStep) {
        order.path.shift();
        order.readsAtStep = 1;
      }
    }
    return order;
  }

  byReference(orderReference: string): SandboxOrder[] {
    return this.list().filter((o) => o.orderReference === orderReference);
  }

  json(order: SandboxOrder): Record<string, unknown> {
    return {
      id: order.id,
      merchantId: 'sandbox',
      status: this.status(order),
      properties: {
        method: order.method,
        ...(order.invoiceFee === null ? {} : { invoiceFee: order.invoiceFee }),
      },
      created: iso(order.created),
      amount: order.amount,
      currency: order.currency,
      debitedAmount: order.debitedAmount,
      creditedAmount: order.creditedAmount,
      orderReference: order.orderReference,
      transactions: order.transactions.map((t) => ({ ...t })),
    };
  }

  /** POST /orders/{id}/transactions, with Ecster's rules (§1.10). */
  transact(order: SandboxOrder, raw: unknown, now: number): TransactionResult {
    const parsed = transactionBodySchema.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'body';
      return { ok: false, status: 400, code: 4000, message: `Invalid request: ${where} is missing or has the wrong type` };
    }
    const body = parsed.data;
    const status = this.status(order);
    const invalid = (message: string): TransactionResult => ({ ok: false, status: 400, code: ORDER_STATE_CODE, message });
    let next: EcsterOrderStatus;
    if (body.type === 'DEBIT') {
      if (status !== 'READY' && status !== 'PARTIALLY_DELIVERED') return invalid(`Order is ${status} and cannot be debited`);
      const residual = order.amount - order.debitedAmount;
      if (body.amount > residual) return invalid(`Amount ${body.amount} exceeds what is left to debit (${residual})`);
      order.debitedAmount += body.amount;
      next = order.debitedAmount === order.amount || body.closeDebit === true ? 'FULLY_DELIVERED' : 'PARTIALLY_DELIVERED';
    } else if (body.type === 'CREDIT') {
      // Swish money goes back through the Swish refund flow (§1.10), not a CREDIT.
      if (order.method === 'SWISH') return invalid('A Swish order is refunded with POST /orders/{id}/refunds');
      const debit = order.transactions.find((t) => t.type === 'DEBIT' && t.id === body.debitTransaction);
      if (!debit) return { ok: false, status: 400, code: 4000, message: 'debitTransaction is required and must name a DEBIT' };
      if (body.amount > order.debitedAmount - order.creditedAmount) return invalid('Amount exceeds what is left to credit');
      order.creditedAmount += body.amount;
      next = status;
    } else {
      if (status !== 'READY' || order.debitedAmount > 0) return invalid(`Order is ${status} and cannot be annulled`);
      if (body.amount > order.amount) return invalid(`Amount ${body.amount} exceeds the order (${order.amount})`);
      next = 'ANNULLED';
    }
    const transaction: OrderTransaction = {
      id: newId(),
      type: body.type,
      created: iso(now),
      amount: body.amount,
      ...(body.transactionReference === undefined ? {} : { transactionReference: body.transactionReference }),
      rows: body.rows ?? [],
    };
    order.transactions.push(transaction);
    order.settled = next;
    return {
      ok: true,
      body: { orderStatus: next, transaction: { ...transaction, merchantId: 'sandbox', message: body.message ?? null } },
    };
  }

  /** POST /orders/{id}/refunds: a Swish order's refund, processed asynchronously (its status is ONGOING at first). */
  swishRefund(order: SandboxOrder, raw: unknown, now: number): TransactionResult {
    const parsed = swishRefundBodySchema.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'body';
      return { ok: false, status: 400, code: 4000, message: `Invalid request: ${where} is missing or has the wrong type` };
    }
    const body = parsed.data;
    if (order.method !== 'SWISH')
      return { ok: false, status: 400, code: ORDER_STATE_CODE, message: 'Only a Swish order has Swish refunds' };
    const debit = order.transactions.find((t) => t.type === 'DEBIT' && t.id === body.debitTransaction);
    if (!debit) return { ok: false, status: 400, code: 4000, message: 'debitTransaction must name the Swish DEBIT' };
    if (body.amount > order.debitedAmount - order.creditedAmount)
      return { ok: false, status: 400, code: ORDER_STATE_CODE, message: 'Amount exceeds what is left to refund' };
    order.creditedAmount += body.amount;
    order.swishRefunds.push({ amount: body.amount, readsLeft: 1 });
    return {
      ok: true,
      body: { orderStatus: this.status(order), transaction: { amount: body.amount, created: iso(now), status: 'ONGOING' } },
    };
  }

  /** GET /orders/{id}/refunds/latest/status: the latest Swish refund, ONGOING for one read, then SUCCESS. */
  latestSwishRefund(order: SandboxOrder): 'ONGOING' | 'SUCCESS' | null {
    const latest = order.swishRefunds.at(-1);
    if (!latest) return null;
    if (latest.readsLeft > 0) {
      latest.readsLeft -= 1;
      return 'ONGOING';
    }
    return 'SUCCESS';
  }
}
