import type { APIRequestContext, Page } from '@playwright/test';
import type { Cart } from '../../../shared/domain/schemas';
import type { SaleView } from '../../../shared/domain/sale';
import { expect } from '../fixtures';
import { customerPresses } from './pos-page';

/** Three VAT rates, a line discount, a cart discount and a weighed line. */
export const receiptCart: Cart = {
  currency: 'SEK',
  discount: { kind: 'percent', basisPoints: 500 },
  lines: [
    {
      id: 'l1',
      barcode: '',
      name: 'Hammare',
      unitPriceMinor: 24900,
      vatRate: 2500,
      quantityMilli: 2000,
      weighed: false,
      unit: 'st',
      partNumber: '',
      discount: { kind: 'amount', minor: 1000 },
      custom: true,
    },
    {
      id: 'l2',
      barcode: '',
      name: 'Äpplen',
      unitPriceMinor: 3490,
      vatRate: 1200,
      quantityMilli: 1234,
      weighed: true,
      unit: 'kg',
      partNumber: '',
      discount: null,
      custom: true,
    },
    {
      id: 'l3',
      barcode: '',
      name: 'Tidning',
      unitPriceMinor: 5900,
      vatRate: 600,
      quantityMilli: 1000,
      weighed: false,
      unit: 'st',
      partNumber: '',
      discount: null,
      custom: true,
    },
  ],
};

type Answer<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

export async function call<T>(request: APIRequestContext, origin: string, channel: string, input?: unknown): Promise<T> {
  const response = await request.post(`${origin}/api/${channel}`, { data: { input }, headers: { Origin: origin } });
  const body = (await response.json()) as Answer<T>;
  if (!body.ok) throw new Error(`${channel}: ${body.error.message}`);
  return body.value;
}

/** Charges a cart through the API and pays it on the sandbox's customer page, as a phone would. */
export async function payCart(page: Page, origin: string, cart: Cart): Promise<SaleView> {
  const sale = await call<SaleView>(page.request, origin, 'sale:charge', { cart });
  expect(sale.link).not.toBeNull();
  await (await customerPresses(page.context(), sale.link!.url, 'Pay')).close();
  await expect
    .poll(async () => (await call<SaleView>(page.request, origin, 'sale:checkNow', { id: sale.id })).state, { timeout: 10_000 })
    .toBe('paid');
  return call<SaleView>(page.request, origin, 'sale:get', { id: sale.id });
}
