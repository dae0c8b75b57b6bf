import { priceCart } from '../../shared/domain/cart';
import { buildReceipt, type Receipt } from '../../shared/domain/receipt';
import type { SaleView } from '../../shared/domain/sale';
import type { Cart, CartLine } from '../../shared/domain/schemas';
import { defaultSettings } from '../../shared/domain/settings';

/**
 * Receipts as the back office builds them (buildReceipt from a priced paid sale), with Nordic
 * names in them, for the printing tests.
 */
function item(
  id: string,
  name: string,
  unitPriceMinor: number,
  vatRate: number,
  quantityMilli = 1000,
  extra: Partial<CartLine> = {},
): CartLine {
  return {
    id,
    barcode: '',
    name,
    unitPriceMinor,
    vatRate,
    quantityMilli,
    weighed: false,
    unit: 'st',
    partNumber: '',
    discount: null,
    custom: true,
    ...extra,
  };
}

export const nordicCart: Cart = {
  currency: 'SEK',
  discount: null,
  lines: [
    item('a', 'Smörgåstårta Ærø-æbler', 24900, 2500, 2000, { discount: { kind: 'amount', minor: 1000 } }),
    item('b', 'Äpplen och päron Øko', 3490, 1200, 1234, { weighed: true, unit: 'kg' }),
    item('c', 'Þorramatur, harðfiskur ÝÐ þý', 5900, 600),
  ],
};

export function paidSale(cart: Cart, demo = false, extra: Partial<SaleView> = {}): SaleView {
  const totals = priceCart(cart);
  return {
    id: 'sale-1',
    number: 7,
    orderReference: 'LP-T1-250101-7',
    state: 'paid',
    provider: 'ecster',
    demo,
    currency: cart.currency,
    amountMinor: totals.totalMinor,
    totals,
    link: { reference: 'ABC123', url: 'https://example.test/pay/ABC123', validTo: null },
    reason: '',
    reasonMessage: null,
    connectionLost: false,
    order: null,
    settlement: null,
    refunds: [],
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:01:00.000Z',
    history: [],
    ...extra,
  };
}

export function sampleReceipt(options: { demo?: boolean; copy?: boolean; cart?: Cart; paperWidthMm?: 58 | 80 } = {}): Receipt {
  const demo = options.demo ?? false;
  return buildReceipt(paidSale(options.cart ?? nordicCart, demo, { tillName: 'Kassa Ö' }), {
    settings: {
      ...defaultSettings,
      paperWidthMm: options.paperWidthMm ?? 80,
      clerkName: 'Þórdís',
      shop: { ...defaultSettings.shop, name: 'Bódin Åkeröy', address: 'Storgatan 1\n123 45 Göteborg', vatNumber: 'SE556000000001' },
    },
    number: { series: demo ? 'training' : 'real', number: 3, paidAt: '2025-01-01T10:01:00.000Z' },
    copy: options.copy ?? false,
  });
}
