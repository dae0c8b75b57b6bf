import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestKind, startSandbox, type Sandbox } from '../../../electron/services/sandbox/server';
import { providers, sandboxRoutes } from '../../../electron/services/providers/registry';
import { ORDER_STATE_CODE, SANDBOX_INVOICE_FEE } from '../../../electron/services/sandbox/ecster-orders';

const KEYS = { 'x-api-key': 'k-api', 'x-merchant-key': 'k-merchant', 'Content-Type': 'application/json' };

let sandbox: Sandbox;
const clock = Date.parse('2026-03-01T10:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox({
    host: '127.0.0.1',
    now: () => clock,
    routes: sandboxRoutes(providers, { ecster: { apiKey: 'k-api', merchantKey: 'k-merchant' }, straumur: { apiKey: 'x' } }),
  });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.baseUrl}/__sandbox/ecster/reset`, { method: 'POST' });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read loosely
type Json = any;

const api = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> => {
  const res = await fetch(`${sandbox.baseUrls.ecster}${path}`, { ...init, headers: KEYS });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

async function paidLink(orderReference: string, method?: string): Promise<void> {
  const created = await api('paymentlinks', {
    method: 'POST',
    body: JSON.stringify({
      locale: { language: 'sv', country: 'SE' },
      parameters: { sendLink: false, inPerson: true, validTo: '2026-03-01T10:15:00Z' },
      cart: { amount: 10_000, currency: 'SEK', rows: [{ name: 'Socks', quantity: 1, unitAmount: 10_000, vatRate: 2500 }] },
      orderReference,
    }),
  });
  const key = String(created.body.paymentLink.key);
  // As the customer's phone does: the page's form, with the chosen method.
  const res = await fetch(`${sandbox.baseUrl}/pay/ecster/${key}/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: method ? `method=${method}` : '',
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}

const plan = (body: unknown) => fetch(`${sandbox.baseUrl}/__sandbox/ecster/next-order`, { method: 'POST', body: JSON.stringify(body) });

async function orderOf(orderReference: string): Promise<Json> {
  const found = await api(`orders?orderReference=${orderReference}`);
  expect(found.status).toBe(200);
  expect(found.body).toHaveLength(1);
  return found.body[0];
}

describe('Ecster sandbox orders', () => {
  it('makes a READY card order when the customer pays, found by order reference and by id', async () => {
    await paidLink('REF-1');
    const order = await orderOf('REF-1');
    expect(order).toMatchObject({ status: 'READY', amount: 10_000, currency: 'SEK', debitedAmount: 0, creditedAmount: 0 });
    expect(order.properties).toEqual({ method: 'CARD' });
    expect(order.transactions.map((t: { type: string }) => t.type)).toEqual(['ORIGINAL']);
    expect((await api(`orders/${order.id}`)).body.id).toBe(order.id);
    expect((await api('paymentlinks?orderReference=REF-1')).body[0].status).toBe('ORDER_CREATED');
  });

  it('adds the invoice fee to an invoice order, and a Swish order is fully delivered with its debit', async () => {
    await paidLink('REF-INV', 'INVOICE');
    const invoice = await orderOf('REF-INV');
    expect(invoice.properties).toEqual({ method: 'INVOICE', invoiceFee: SANDBOX_INVOICE_FEE });
    expect(invoice.amount).toBe(10_000 + SANDBOX_INVOICE_FEE);
    await paidLink('REF-SW', 'SWISH');
    const swish = await orderOf('REF-SW');
    expect(swish).toMatchObject({ status: 'FULLY_DELIVERED', debitedAmount: 10_000 });
    expect(swish.transactions.map((t: { type: string }) => t.type)).toEqual(['ORIGINAL', 'DEBIT']);
  });

  it('follows a planned status path, one step per N reads by id', async () => {
    expect((await plan({ statuses: ['PENDING_SIGNATURE', 'READY'], readsPerStep: 2 })).status).toBe(200);
    await paidLink('REF-P');
    const { id } = await orderOf('REF-P');
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await api(`orders/${String(id)}`)).body.status);
    expect(seen).toEqual(['PENDING_SIGNATURE', 'PENDING_SIGNATURE', 'READY', 'READY']);
  });

  it('plans only the next order', async () => {
    await plan({ statuses: ['DENIED'] });
    await paidLink('REF-D');
    await paidLink('REF-N');
    expect((await orderOf('REF-D')).status).toBe('DENIED');
    expect((await orderOf('REF-N')).status).toBe('READY');
  });

  it('debits a READY order once (201, FULLY_DELIVERED) and answers 4424 to a second debit', async () => {
    await paidLink('REF-DB');
    const { id } = await orderOf('REF-DB');
    const debit = { type: 'DEBIT', amount: 10_000, transactionReference: 'REF-DB-D' };
    const first = await api(`orders/${String(id)}/transactions`, { method: 'POST', body: JSON.stringify(debit) });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      orderStatus: 'FULLY_DELIVERED',
      transaction: { type: 'DEBIT', amount: 10_000, transactionReference: 'REF-DB-D' },
    });
    const again = await api(`orders/${String(id)}/transactions`, { method: 'POST', body: JSON.stringify(debit) });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe(ORDER_STATE_CODE);
    const order = await orderOf('REF-DB');
    expect(order).toMatchObject({ status: 'FULLY_DELIVERED', debitedAmount: 10_000 });
    expect(order.transactions.filter((t: Json) => t.type === 'DEBIT')).toHaveLength(1);
  });

  it('refuses to debit a DENIED order, credits only against a debit, and annuls an undebited order', async () => {
    await plan({ statuses: ['DENIED'] });
    await paidLink('REF-X');
    const denied = await orderOf('REF-X');
    const debit = await api(`orders/${String(denied.id)}/transactions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'DEBIT', amount: 10_000 }),
    });
    expect(debit.body.code).toBe(ORDER_STATE_CODE);

    await paidLink('REF-A');
    const ready = await orderOf('REF-A');
    const credit = await api(`orders/${String(ready.id)}/transactions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'CREDIT', amount: 100 }),
    });
    expect(credit.status).toBe(400);
    const annul = await api(`orders/${String(ready.id)}/transactions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'ANNUL', amount: 10_000 }),
    });
    expect(annul.status).toBe(201);
    expect(annul.body.orderStatus).toBe('ANNULLED');
  });

  it('credits a debited order against its DEBIT only, never above what was debited', async () => {
    await paidLink('REF-C');
    const { id } = await orderOf('REF-C');
    const path = `orders/${String(id)}/transactions`;
    const debit = await api(path, {
      method: 'POST',
      body: JSON.stringify({ type: 'DEBIT', amount: 10_000, transactionReference: 'REF-C-D' }),
    });
    const debitId = String(debit.body.transaction.id);
    const credit = (amount: number, reference: string) =>
      api(path, {
        method: 'POST',
        body: JSON.stringify({ type: 'CREDIT', amount, debitTransaction: debitId, transactionReference: reference }),
      });
    expect((await credit(4_000, 'REF-C-R1')).status).toBe(201);
    const over = await credit(6_001, 'REF-C-R2');
    expect(over).toMatchObject({ status: 400, body: { code: ORDER_STATE_CODE } });
    expect((await credit(6_000, 'REF-C-R2')).status).toBe(201);
    const order = await orderOf('REF-C');
    expect(order).toMatchObject({ debitedAmount: 10_000, creditedAmount: 10_000 });
    expect(order.transactions.filter((t: Json) => t.type === 'CREDIT').map((t: Json) => String(t.transactionReference))).toEqual([
      'REF-C-R1',
      'REF-C-R2',
    ]);
  });

  it('refunds a Swish order by the Swish refund flow only: ONGOING, then SUCCESS', async () => {
    await paidLink('REF-S', 'SWISH');
    const order = await orderOf('REF-S');
    const swishDebit = String(order.transactions.find((t: Json) => t.type === 'DEBIT').id);
    const credit = await api(`orders/${String(order.id)}/transactions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'CREDIT', amount: 100, debitTransaction: swishDebit }),
    });
    expect(credit.body.code).toBe(ORDER_STATE_CODE);
    expect((await api(`orders/${String(order.id)}/refunds/latest/status`)).status).toBe(404);
    const missing = await api(`orders/${String(order.id)}/refunds`, { method: 'POST', body: JSON.stringify({ amount: 100 }) });
    expect(missing.status).toBe(400);
    const refund = await api(`orders/${String(order.id)}/refunds`, {
      method: 'POST',
      body: JSON.stringify({ amount: 10_000, debitTransaction: swishDebit }),
    });
    expect(refund.status).toBe(201);
    expect((await api(`orders/${String(order.id)}/refunds/latest/status`)).body).toEqual({ status: 'ONGOING' });
    expect((await api(`orders/${String(order.id)}/refunds/latest/status`)).body).toEqual({ status: 'SUCCESS' });
    const again = await api(`orders/${String(order.id)}/refunds`, {
      method: 'POST',
      body: JSON.stringify({ amount: 1, debitTransaction: swishDebit }),
    });
    expect(again.body.code).toBe(ORDER_STATE_CODE);
  });

  it('offers the customer a choice of payment method on the page', async () => {
    const created = await api('paymentlinks', {
      method: 'POST',
      body: JSON.stringify({
        locale: { language: 'sv', country: 'SE' },
        parameters: { sendLink: false, inPerson: true },
        cart: { amount: 100, currency: 'SEK', rows: [{ name: 'A', quantity: 1, unitAmount: 100, vatRate: 2500 }] },
        orderReference: 'REF-PAGE',
      }),
    });
    const html = await (await fetch(`${sandbox.baseUrl}/pay/ecster/${String(created.body.paymentLink.key)}`)).text();
    for (const method of ['CARD', 'INVOICE', 'SWISH']) expect(html).toContain(`value="${method}"`);
  });
  it('moves a pending order on when told to, and refuses once a transaction settled it', async () => {
    await plan({ statuses: ['PENDING_SIGNATURE'] });
    await paidLink('REF-MOVE');
    const order = await orderOf('REF-MOVE');
    expect(order.status).toBe('PENDING_SIGNATURE');
    expect((await orderOf('REF-MOVE')).status).toBe('PENDING_SIGNATURE');
    const move = (status: string) =>
      fetch(`${sandbox.baseUrl}/__sandbox/ecster/orders/${String(order.id)}/status`, { method: 'POST', body: JSON.stringify({ status }) });
    expect((await move('SOMETHING')).status).toBe(400);
    expect((await move('READY')).status).toBe(200);
    expect((await orderOf('REF-MOVE')).status).toBe('READY');
    const debit = await api(`orders/${String(order.id)}/transactions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'DEBIT', amount: 10_000 }),
    });
    expect(debit.status).toBe(201);
    expect((await move('DENIED')).status).toBe(409);
  });

  it('counts the provider requests it answered by kind, ids and query values left out', async () => {
    const before = sandbox.requestCounts();
    await paidLink('REF-COUNT');
    const order = await orderOf('REF-COUNT');
    await api(`orders/${String(order.id)}`);
    const counts = (await (await fetch(`${sandbox.baseUrl}/__sandbox/requests`)).json()) as Record<string, number>;
    const grew = (kind: string) => (counts[kind] ?? 0) - (before[kind] ?? 0);
    expect(grew('ecster POST paymentlinks')).toBe(1);
    expect(grew('ecster GET orders?orderReference')).toBe(1);
    expect(grew('ecster GET orders/{id}')).toBe(1);
    expect(requestKind('straumur', 'GET', 'paymentlinks/30001uqdkcz', new URLSearchParams())).toBe('straumur GET paymentlinks/{id}');
    // The customer's page and the controls are not provider API requests.
    expect(Object.keys(counts).every((kind) => kind.startsWith('ecster ') || kind.startsWith('straumur '))).toBe(true);
  });
});
