import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addCustomItem, counterLineIds, emptyCart } from '../../../../shared/domain/cart';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';
import { startSandbox, type Sandbox } from '../../../../electron/services/sandbox/server';
import { cartOf } from './world';
import { sandboxService, waitFor, type SandboxService } from './sandbox-service';

/**
 * A sale is never stuck waiting: a link the provider no longer knows, or one past its validity
 * whose end cannot be confirmed, goes to a person — against the real sandbox and its controls.
 */

let sandbox: Sandbox;
let open: SandboxService[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', routes: sandboxRoutes(providers) });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  for (const s of open.reverse()) await s.close();
  open = [];
  sandbox.setFaults([]);
});

async function start(options: Parameters<typeof sandboxService>[1] = {}): Promise<SandboxService> {
  const s = await sandboxService(sandbox, options);
  open.push(s);
  return s;
}

async function control(path: string, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/${path}`, { method });
  expect(res.ok).toBe(true);
  return res.json().catch(() => null);
}

const recordTypes = async (s: SandboxService, saleId: string) =>
  (await s.journal.readAll()).filter((r) => r.saleId === saleId).map((r) => r.type);

/** The status checks the sandbox has answered so far (a poll still going would keep adding them). */
const statusChecks = (s: SandboxService) => s.log.lines.filter((l) => l.message === 'sales: the provider does not know the link').length;

describe('a link the provider no longer knows', () => {
  it('needs attention, in the clerk’s words, once the provider has said so three times over the set time', async () => {
    const s = await start({ poller: { notFoundForMs: 300 } });
    const sale = await s.service.charge(cartOf(4_000));
    expect(sale.state).toBe('waiting');
    // The sandbox forgets every link, as after a restart of a sandbox that kept them in memory.
    await control('ecster/reset');
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention');
    const now = s.service.get(sale.id);
    expect(now.reasonMessage).toMatchObject({ key: 'reasonLinkUnknown' });
    expect(now.reason).toMatch(/no longer knows this link/);
    expect(now.connectionLost).toBe(false);
    expect(statusChecks(s)).toBeGreaterThanOrEqual(3);
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'needs-attention']);
    // The till is free for the next customer, and nobody polls the lost link any more.
    expect(s.service.current()).toBeNull();
    expect(s.service.poller.isWatching(sale.id)).toBe(false);
  });

  it('keeps waiting through one not-found answer (a provider catching up) when the link is known again', async () => {
    const s = await start({ poller: { notFoundForMs: 60_000 } });
    const sale = await s.service.charge(cartOf(4_000));
    sandbox.setFaults([{ kind: 'not-found', match: { method: 'GET' }, count: 2 }]);
    await waitFor(() => statusChecks(s) === 2);
    await control(`ecster/links/${sale.link!.reference}/pay`);
    await waitFor(() => s.service.get(sale.id).state === 'paid');
  });

  it('is the same with Straumur answering that it does not know the link', async () => {
    const s = await start({ providerId: 'straumur', currency: 'ISK', poller: { notFoundForMs: 300 } });
    const cart = addCustomItem(emptyCart('ISK'), { name: 'Kaffi', priceMinor: 50_000, vatRate: 1100 }, { newId: counterLineIds('s') });
    const sale = await s.service.charge(cart);
    expect(sale.state).toBe('waiting');
    await control('straumur/reset');
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention');
    expect(s.service.get(sale.id).reasonMessage).toMatchObject({ key: 'reasonLinkUnknown' });
  });
});

describe('after a link’s validity', () => {
  it('stops polling after the final checks and asks a person when the provider cannot say how it ended', async () => {
    const s = await start({ linkValidityMs: 1_500, poller: { expiryGraceMs: 100 } });
    const sale = await s.service.charge(cartOf(2_500));
    // From now on every status check fails: the provider is down.
    sandbox.setFaults([{ kind: 'error', status: 503, match: { method: 'GET' } }]);
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention', 10_000);
    expect(s.service.get(sale.id).reasonMessage).toMatchObject({ key: 'reasonOutcomeUnconfirmed' });
    expect(s.service.poller.isWatching(sale.id)).toBe(false);
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'needs-attention']);
  });

  it('still records a link that ended normally as expired (the final check decides)', async () => {
    const s = await start({ linkValidityMs: 1_500, poller: { expiryGraceMs: 100 } });
    const sale = await s.service.charge(cartOf(2_500));
    await waitFor(() => s.service.get(sale.id).state === 'expired', 10_000);
    expect(s.service.poller.isWatching(sale.id)).toBe(false);
  });
});

describe('the clerk’s way out of a sale whose link is gone', () => {
  async function lostLink(s: SandboxService) {
    const sale = await s.service.charge(cartOf(4_000, 1_500));
    await control('ecster/reset');
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention');
    expect(s.service.get(sale.id).relinkable).toBe(true);
    return sale;
  }

  it('makes a new link for the same cart under a new order reference, which the customer can pay', async () => {
    const s = await start({ poller: { notFoundForMs: 300 } });
    const sale = await lostLink(s);
    const again = await s.service.confirmRecreate(sale.id);
    expect(again).toMatchObject({ id: sale.id, number: sale.number, state: 'waiting', amountMinor: 5_500, reason: '' });
    expect(again.orderReference).toBe(`${sale.orderReference}-2`);
    expect(again.link!.reference).not.toBe(sale.link!.reference);
    expect(again.totals.lines.map((l) => l.name)).toEqual(sale.totals.lines.map((l) => l.name));
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'needs-attention', 'link-replaced', 'link-created']);
    await control(`ecster/links/${again.link!.reference}/pay`);
    await waitFor(() => s.service.get(sale.id).state === 'paid');
  });

  it('closes the sale as not paid once the provider confirms the link is gone', async () => {
    const s = await start({ poller: { notFoundForMs: 300 } });
    const sale = await lostLink(s);
    const closed = await s.service.cancel(sale.id);
    expect(closed).toMatchObject({ state: 'cancelled' });
    expect(closed.relinkable).toBeUndefined();
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'needs-attention', 'cancelled']);
  });

  it('makes no new link while the provider cannot confirm the old one is gone, and none beside another live sale', async () => {
    const s = await start({ linkValidityMs: 60_000, poller: { notFoundForMs: 300 } });
    const sale = await s.service.charge(cartOf(2_000));
    // The provider stops answering about the link: unknown at first, then down altogether.
    sandbox.setFaults([{ kind: 'not-found', match: { method: 'GET' } }]);
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention');
    sandbox.setFaults([{ kind: 'error', status: 503 }]);
    await expect(s.service.confirmRecreate(sale.id)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(s.service.cancel(sale.id)).rejects.toMatchObject({ kind: 'unavailable' });
    sandbox.setFaults([]);
    // The link was there all along: the provider answers it is still open until the cancel goes through.
    const other = await s.service.charge(cartOf(700));
    await expect(s.service.confirmRecreate(sale.id)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'saleAnotherLive' } });
    await s.service.cancel(other.id);
    const again = await s.service.confirmRecreate(sale.id);
    expect(again.state).toBe('waiting');
    const links = (await control('ecster/links', 'GET')) as { key: string; status: string }[];
    expect(links.find((l) => l.key === sale.link!.reference)?.status).not.toBe('ACTIVE');
    expect(s.service.get(sale.id).history.map((h) => h.state)).toContain('needs-attention');
  });

  it('finds a payment made meanwhile instead of closing the sale', async () => {
    const s = await start({ poller: { notFoundForMs: 300 } });
    const sale = await s.service.charge(cartOf(3_000));
    sandbox.setFaults([{ kind: 'not-found', match: { method: 'GET' } }]);
    await waitFor(() => s.service.get(sale.id).state === 'needs-attention');
    sandbox.setFaults([]);
    await control(`ecster/links/${sale.link!.reference}/pay`);
    await expect(s.service.cancel(sale.id)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'saleCloseFoundPayment' } });
    expect(s.service.get(sale.id).state).toBe('needs-attention');
    await expect(s.service.confirmRecreate(sale.id)).rejects.toMatchObject({ kind: 'conflict' });
  });
});

describe('Cancel payment on a link the provider does not know', () => {
  it('cancels the sale instead of failing', async () => {
    const s = await start({ poller: { notFoundForMs: 60_000 } });
    const sale = await s.service.charge(cartOf(1_200));
    await control('ecster/reset');
    const cancelled = await s.service.cancel(sale.id);
    expect(cancelled.state).toBe('cancelled');
    expect(await recordTypes(s, sale.id)).toEqual(['sale-created', 'link-created', 'cancel-requested', 'cancelled']);
  });
});
