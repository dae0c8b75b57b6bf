import { priceCart } from '../../shared/domain/cart';
import type { ReceiptFiscal } from '../../shared/domain/fiscal';
import { buildReceipt, buildRefundReceipt, type Receipt } from '../../shared/domain/receipt';
import { planRefund, refundedSoFar } from '../../shared/domain/refund';
import { buildReport, type Report, type ReportEntry } from '../../shared/domain/report';
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
    tender: null,
    refunds: [],
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:01:00.000Z',
    history: [],
    ...extra,
  };
}

const sampleSettings = {
  ...defaultSettings,
  clerkName: 'Þórdís',
  shop: { ...defaultSettings.shop, name: 'Bódin Åkeröy', address: 'Storgatan 1\n123 45 Göteborg', vatNumber: 'SE556000000001' },
};

export function sampleReceipt(options: { demo?: boolean; copy?: boolean; cart?: Cart; paperWidthMm?: 58 | 80 } = {}): Receipt {
  const demo = options.demo ?? false;
  return buildReceipt(paidSale(options.cart ?? nordicCart, demo, { tillName: 'Kassa Ö' }), {
    settings: { ...sampleSettings, paperWidthMm: options.paperWidthMm ?? 80 },
    number: { series: demo ? 'training' : 'real', number: 3, paidAt: '2025-01-01T10:01:00.000Z' },
    copy: options.copy ?? false,
  });
}

/**
 * The refund receipt (credit note) of the sample sale: the first line's two items given back
 * (one when `quantity` says so), refund 1, credit note 2, with the clerk's reason.
 */
export function sampleRefundReceipt(options: { demo?: boolean; quantityMilli?: number; paperWidthMm?: 58 | 80 } = {}): Receipt {
  const demo = options.demo ?? false;
  const sale = paidSale(nordicCart, demo, { tillName: 'Kassa Ö' });
  const plan = planRefund(sale.totals, refundedSoFar([]), [{ lineId: 'a', quantityMilli: options.quantityMilli ?? 2000 }]);
  if (!plan.ok) throw new Error(plan.problem);
  const refund = {
    number: 1,
    state: 'refunded' as const,
    method: 'credit' as const,
    amountMinor: plan.amountMinor,
    lines: plan.lines,
    vat: plan.vat,
    reason: 'Fel storlek — återlämnad',
    requestedAt: '2025-01-02T09:00:00.000Z',
    updatedAt: '2025-01-02T09:00:00.000Z',
  };
  const series = demo ? ('training' as const) : ('real' as const);
  return buildRefundReceipt({ ...sale, refunds: [refund] }, 1, {
    settings: { ...sampleSettings, paperWidthMm: options.paperWidthMm ?? 80 },
    number: { series, number: 2, paidAt: '2025-01-02T09:00:00.000Z' },
    original: { series, number: 3, paidAt: '2025-01-01T10:01:00.000Z' },
    copy: false,
  });
}

/** A report entry: by default a real paid sale of 125.00 at 25 % through Ecster, receipt `seq`. */
export const reportEntry = (seq: number, partial: Partial<ReportEntry>): ReportEntry => ({
  seq,
  at: `2025-01-01T10:00:${String(seq).padStart(2, '0')}.000Z`,
  saleId: `s${seq}`,
  outcome: 'paid',
  demo: false,
  provider: 'ecster',
  currency: 'SEK',
  amountMinor: 12500,
  vat: [{ vatRate: 2500, grossMinor: 12500, netMinor: 10000, vatMinor: 2500 }],
  receiptNumber: seq,
  ...partial,
});

/** An X or Z report over two paid sales (two rates, both providers), a cancelled one and a refund, with a training sale apart. */
export function sampleReport(kind: 'x' | 'z' = 'z'): Report {
  const entry = reportEntry;
  const entries = [
    entry(1, {}),
    entry(2, { provider: 'straumur', amountMinor: 1120, vat: [{ vatRate: 1200, grossMinor: 1120, netMinor: 1000, vatMinor: 120 }] }),
    entry(3, { outcome: 'cancelled', amountMinor: 999, receiptNumber: null }),
    entry(4, { outcome: 'refunded', saleId: 's1', receiptNumber: 1, refundNumber: 1 }),
    entry(5, {
      demo: true,
      amountMinor: 4000,
      receiptNumber: 1,
      vat: [{ vatRate: 1200, grossMinor: 4000, netMinor: 3571, vatMinor: 429 }],
    }),
  ];
  return buildReport(entries, {
    kind,
    tillName: 'Kassa Ö',
    number: kind === 'z' ? 4 : null,
    period: { fromSeq: 0, toSeq: 5, fromAt: '2024-12-31T18:00:00.000Z', toAt: '2025-01-01T18:00:00.000Z' },
  });
}

/** The Swedish part of a receipt signed by a certified control unit (serial and code as efsta's documentation shows them). */
export const signedFiscal: ReceiptFiscal = {
  organisationNumber: '556036-0793',
  tillDesignation: 'Kassa 1',
  controlUnit: {
    state: 'signed',
    serial: 'ISCCUSE0000000001',
    code: 'UFFQD564M5SQ2JFEAVNOVXV6O6I7NSIQ;M2O6FTVNVMGKNOEPOOTXJY3M7A',
    training: false,
  },
  electronic: false,
};
