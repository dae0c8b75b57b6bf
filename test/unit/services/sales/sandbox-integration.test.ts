import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import { makeOrderReference } from '../../../../shared/domain/order-reference';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import { cartOf } from './world';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';
import { sandboxService, waitFor, type SandboxService } from './sandbox-service';

let sandbox: Sandbox;
let cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    host: '127.0.0.1',
    routes: sandboxRoutes(providers, { ecster: providers.ecster.demoCredentials, straumur: { apiKey: 'unused-straumur-key' } }),
  });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  sandbox.setFaults([]);
});

async function control(path: string, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/ecster/${path}`, { method });
  expect(res.ok).toBe(true);
  return res.json();
}

/** The real Ecster client against the sandbox over loopback, with a real clock and fast polling. */
async function realService(): Promise<SandboxService> {
  const started = await sandboxService(sandbox);
  cleanups.push(started.close);
  return started;
}

describe('checkout against the Ecster sandbox', () => {
  it('charges, is paid through the sandbox control endpoint and polls to paid', async () => {
    await control('reset');
    const { service, journal } = await realService();
    const sale = await service.charge(cartOf(12_500, 2_000));
    expect(sale.state).toBe('waiting');
    // The till's name goes into the journal with the sale, for its receipt however the till is renamed.
    expect(sale.tillName).toBe('Counter 1');
    expect((await journal.readAll()).find((r) => r.type === 'sale-created')?.data).toMatchObject({ tillName: 'Counter 1' });
    const links = (await control('links', 'GET')) as { key: string; orderReference: string; amount: number }[];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ orderReference: sale.orderReference, amount: 14_500 });
    await control(`links/${sale.link!.reference}/pay`);
    await waitFor(() => service.get(sale.id).state === 'paid');
    expect((await journal.verify()).ok).toBe(true);
  });

  it('reconciles a create that hangs to exactly one link', async () => {
    await control('reset');
    sandbox.setFaults([{ kind: 'hang', match: { method: 'POST', path: '/ecster/rest/public/v1/paymentlinks*' }, count: 1 }]);
    const { service } = await realService();
    const sale = await service.charge(cartOf(5_000));
    expect(sale.state).toBe('waiting');
    expect(sale.history.some((h) => /adopted/.test(h.note))).toBe(true);
    const links = (await control('links', 'GET')) as unknown[];
    expect(links).toHaveLength(1);
  });

  it('never adopts a link under the sale’s order reference whose amount is another: the sale needs attention', async () => {
    await control('reset');
    const { service, journal, provider } = await realService();
    // Another till (or an earlier install) made a link under the reference this sale is about to get.
    const orderReference = makeOrderReference({ tillId: 'IT1', saleNumber: 1, now: new Date() });
    const foreign = await provider.create({
      orderReference,
      totals: priceCart(cartOf(9_900)),
      validTo: new Date(Date.now() + 15 * 60_000),
    });
    // This sale's create is garbled before the sandbox handles it: an unknown outcome, no link made.
    sandbox.setFaults([{ kind: 'truncate', match: { method: 'POST', path: '/ecster/rest/public/v1/paymentlinks*' }, count: 1 }]);
    const sale = await service.charge(cartOf(5_000));
    expect(sale.orderReference).toBe(orderReference);
    expect(sale).toMatchObject({ state: 'needs-attention', link: null });
    expect(sale.reasonMessage).toMatchObject({ key: 'reasonFoundLinkMismatch' });
    const links = (await control('links', 'GET')) as { key: string; amount: number }[];
    expect(links).toEqual([expect.objectContaining({ key: foreign.reference, amount: 9_900 })]);
    const types = (await journal.readAll()).filter((r) => r.saleId === sale.id).map((r) => r.type);
    expect(types).toEqual(['sale-created', 'needs-attention']);
    // Not a sale waiting for a new link either: the clerk checks the payment service and resolves it.
    await expect(service.confirmRecreate(sale.id)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'saleNotAwaitingRecreate' } });
  });

  it('makes no new link when the clerk confirms a recreate but a link of another amount has appeared under the reference', async () => {
    await control('reset');
    const { service, provider } = await realService();
    sandbox.setFaults([{ kind: 'truncate', match: { method: 'POST', path: '/ecster/rest/public/v1/paymentlinks*' }, count: 1 }]);
    const sale = await service.charge(cartOf(5_000));
    expect(sale.state).toBe('needs-attention');
    expect(sale.reasonMessage).toMatchObject({ key: 'reasonNoLinkFound' });
    // Before the clerk confirms, a link for another amount turns up under this sale's reference.
    const foreign = await provider.create({
      orderReference: sale.orderReference,
      totals: priceCart(cartOf(7_700)),
      validTo: new Date(Date.now() + 15 * 60_000),
    });
    await expect(service.confirmRecreate(sale.id)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'saleRecreateForeignLink' } });
    expect(service.get(sale.id)).toMatchObject({ state: 'needs-attention', link: null });
    const links = (await control('links', 'GET')) as { key: string }[];
    expect(links.map((l) => l.key)).toEqual([foreign.reference]);
  });

  it('refunds part of a captured sale by CREDIT against its debit, then the rest; the sandbox holds both credits', async () => {
    await control('reset');
    const { service, journal } = await realService();
    const sale = await service.charge(cartOf(12_500, 2_000));
    await control(`links/${sale.link!.reference}/pay`);
    await waitFor(() => service.get(sale.id).state === 'paid');
    const [first, second] = service.get(sale.id).totals.lines;
    const part = await service.refund(sale.id, { refundNumber: 1, lines: [{ lineId: second!.id, quantityMilli: 1000 }], reason: 'Broken' });
    expect(part.refunds[0]).toMatchObject({ state: 'refunded', method: 'credit', amountMinor: 2_000 });
    const rest = await service.refund(sale.id, { refundNumber: 2, lines: [{ lineId: first!.id, quantityMilli: 1000 }], reason: '' });
    expect(rest.refunds[1]).toMatchObject({ state: 'refunded', amountMinor: 12_500 });
    const orders = (await control('orders', 'GET')) as {
      creditedAmount: number;
      transactions: { type: string; transactionReference?: string }[];
    }[];
    expect(orders[0]?.creditedAmount).toBe(14_500);
    expect(orders[0]?.transactions.filter((t) => t.type === 'CREDIT').map((t) => t.transactionReference)).toEqual([
      `${sale.orderReference}-R1`,
      `${sale.orderReference}-R2`,
    ]);
    expect((await journal.verify()).ok).toBe(true);
  });
});
