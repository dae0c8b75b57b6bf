import { describe, expect, it, vi } from 'vitest';
import type { SaleView } from '../../../../shared/domain/sale';
import { DomainError } from '../../../../electron/services/errors';
import { actAsDemoCustomer } from '../../../../electron/services/sales/demo-customer';

const sandboxUrl = 'http://127.0.0.1:4100';

function sale(overrides: Partial<SaleView>): SaleView {
  return {
    id: 's1',
    number: 1,
    orderReference: 'LP-TILL-261121-1',
    state: 'waiting',
    provider: 'ecster',
    demo: true,
    currency: 'SEK',
    amountMinor: 2500,
    totals: { currency: 'SEK', lines: [], subtotalMinor: 2500, discountMinor: 0, totalMinor: 2500, vat: [], vatTotalMinor: 0 },
    link: { reference: 'ABC', url: `${sandboxUrl}/pay/ecster/ABC`, validTo: null },
    reason: '',
    reasonMessage: null,
    connectionLost: false,
    order: null,
    settlement: null,
    tender: null,
    refunds: [],
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    history: [],
    ...overrides,
  };
}

describe('acting as the customer of a demo sale', () => {
  it.each([
    ['a real (non-demo) sale', { demo: false }],
    ['a demo sale without a link', { link: null }],
    ['a link outside the embedded sandbox', { link: { reference: 'ABC', url: 'https://secure.ecster.se/pay/ABC', validTo: null } }],
    ['a loopback address that is not a payment page', { link: { reference: 'ABC', url: 'http://127.0.0.1:9/admin/ABC', validTo: null } }],
    ['another host over plain http', { link: { reference: 'ABC', url: 'http://example.test/pay/ecster/ABC', validTo: null } }],
  ])('refuses %s and sends nothing', async (_name, overrides) => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const checkNow = vi.fn();
    const attempt = actAsDemoCustomer({ get: () => sale(overrides), checkNow, sandboxUrl, fetch }, 's1', 'pay');
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    expect(fetch).not.toHaveBeenCalled();
    expect(checkNow).not.toHaveBeenCalled();
  });

  it("presses the sandbox page's button for the sale's own link, then checks the sale at once", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(new Response(null, { status: 200 }));
    const checkNow = vi.fn().mockResolvedValue(sale({ state: 'paid' }));
    const result = await actAsDemoCustomer({ get: () => sale({}), checkNow, sandboxUrl, fetch }, 's1', 'pay');
    expect(fetch).toHaveBeenCalledWith(`${sandboxUrl}/__sandbox/ecster/links/ABC/pay`, expect.objectContaining({ method: 'POST' }));
    expect(result.state).toBe('paid');
  });
});

describe('demo customer after the sandbox came back on another port', () => {
  it('acts on a demo link made on this computer before a restart, through the sandbox as it is now', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(new Response(null, { status: 200 }));
    const checkNow = vi.fn().mockResolvedValue(sale({ state: 'paid' }));
    const before = { link: { reference: 'ABC', url: 'http://127.0.0.1:9/pay/ecster/ABC', validTo: null } };
    await actAsDemoCustomer({ get: () => sale(before), checkNow, sandboxUrl, fetch }, 's1', 'pay');
    expect(fetch).toHaveBeenCalledWith(`${sandboxUrl}/__sandbox/ecster/links/ABC/pay`, expect.objectContaining({ method: 'POST' }));
  });
});
