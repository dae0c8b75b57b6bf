import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReceipt, buildRefundReceipt, receiptProblems, ReceiptUnavailable } from '../../../shared/domain/receipt';
import { planRefund, refundedSoFar, remainingLines, type RefundView } from '../../../shared/domain/refund';
import type { SaleView } from '../../../shared/domain/sale';
import { paidSale } from '../../support/receipts';
import type { Cart } from '../../../shared/domain/schemas';
import { defaultSettings } from '../../../shared/domain/settings';

const cart: Cart = {
  currency: 'SEK',
  discount: { kind: 'percent', basisPoints: 500 },
  lines: [
    {
      id: 'a',
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
      id: 'b',
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
      id: 'c',
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

const settings = {
  ...defaultSettings,
  clerkName: 'Anna',
  shop: { ...defaultSettings.shop, vatNumber: 'SE556000000001', organisationNumber: '556000-0000' },
};
const real = { series: 'real' as const, number: 3, paidAt: '2025-01-01T10:01:00.000Z' };

describe('buildReceipt', () => {
  it('prints the sale’s own totals for three VAT rates, a discount and weighed goods', () => {
    const sale = paidSale(cart);
    const receipt = buildReceipt(sale, { settings, number: real, copy: false });
    expect(receipt.totalMinor).toBe(sale.amountMinor);
    expect(receipt.vat.map((v) => v.vatRate)).toEqual([2500, 1200, 600]);
    expect(receipt.vat).toEqual(sale.totals.vat);
    expect(receipt.lines.find((l) => l.weighed)?.quantityMilli).toBe(1234);
    expect(receipt.discountMinor).toBe(sale.totals.discountMinor);
    expect(receiptProblems(receipt, sale)).toEqual([]);
  });

  it('carries shop, clerk, payment references and the copy mark', () => {
    const receipt = buildReceipt(paidSale(cart), { settings, number: real, copy: true });
    expect(receipt.copy).toBe(true);
    expect(receipt.clerk).toBe('Anna');
    expect(receipt.shop.vatNumber).toBe('SE556000000001');
    expect(receipt.payment).toEqual({
      provider: 'ecster',
      providerName: 'Ecster Pay Link',
      linkReference: 'ABC123',
      orderReference: 'LP-T1-250101-7',
      method: null,
      feeMinor: 0,
      settlement: null,
      tender: null,
    });
    expect(receipt.receipt.number).toBe(3);
  });

  it('names the till the sale was made on, whatever the till is called now; nothing for an older sale', () => {
    const renamed = { ...settings, tillName: 'Counter 2' };
    expect(buildReceipt({ ...paidSale(cart), tillName: 'Till 1' }, { settings: renamed, number: real, copy: true }).till).toBe('Till 1');
    expect(buildReceipt(paidSale(cart), { settings: renamed, number: real, copy: true }).till).toBe('');
  });

  it('says how an order was paid: its method, the invoice fee on top (not in the total), and whether it was debited', () => {
    const sale = {
      ...paidSale(cart),
      order: { method: 'INVOICE', providerStatus: 'FULLY_DELIVERED', amountMinor: paidSale(cart).amountMinor + 2900, feeMinor: 2900 },
      settlement: 'captured' as const,
    };
    const receipt = buildReceipt(sale, { settings, number: real, copy: false });
    expect(receipt.payment).toMatchObject({ method: 'INVOICE', feeMinor: 2900, settlement: 'captured' });
    expect(receipt.totalMinor).toBe(sale.amountMinor);
    expect(receiptProblems(receipt, sale)).toEqual([]);
  });

  it('marks a demo sale as training and refuses a number from the real series for it', () => {
    const demo = paidSale(cart, true);
    expect(buildReceipt(demo, { settings, number: { ...real, series: 'training' }, copy: false }).training).toBe(true);
    expect(() => buildReceipt(demo, { settings, number: real, copy: false })).toThrow(ReceiptUnavailable);
  });

  it('has no receipt for a sale that is not paid', () => {
    expect(() => buildReceipt({ ...paidSale(cart), state: 'cancelled' }, { settings, number: real, copy: false })).toThrow(
      'Only a paid sale has a receipt.',
    );
  });

  it('flags a receipt whose VAT rows or total disagree with the sale', () => {
    const sale = paidSale(cart);
    const receipt = buildReceipt(sale, { settings, number: real, copy: false });
    expect(receiptProblems({ ...receipt, totalMinor: receipt.totalMinor + 1 }, sale)).toContain(
      'The receipt total differs from the amount charged.',
    );
    const vat = receipt.vat.map((v, i) => (i === 0 ? { ...v, vatMinor: v.vatMinor + 1 } : v));
    expect(receiptProblems({ ...receipt, vat }, sale).length).toBeGreaterThan(0);
  });

  it('always adds up for any priced cart', () => {
    const line = fc.record({
      price: fc.integer({ min: 0, max: 500_000 }),
      rate: fc.constantFrom(0, 600, 1200, 2500),
      weighed: fc.boolean(),
      qty: fc.integer({ min: 1, max: 20 }),
      grams: fc.integer({ min: 1, max: 5000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 10_000 }), (lines, percent) => {
        const c: Cart = {
          currency: 'SEK',
          discount: { kind: 'percent', basisPoints: percent },
          lines: lines.map((l, i) => ({
            id: `l${i}`,
            barcode: '',
            name: `Item ${i}`,
            unitPriceMinor: l.price,
            vatRate: l.rate,
            quantityMilli: l.weighed ? l.grams : l.qty * 1000,
            weighed: l.weighed,
            unit: l.weighed ? 'kg' : 'st',
            partNumber: '',
            discount: null,
            custom: true,
          })),
        };
        const sale = paidSale(c);
        expect(receiptProblems(buildReceipt(sale, { settings, number: real, copy: false }), sale)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

const refunded = (sale: SaleView, plan: Extract<ReturnType<typeof planRefund>, { ok: true }>, number: number): RefundView => ({
  number,
  state: 'refunded',
  method: 'credit',
  amountMinor: plan.amountMinor,
  lines: plan.lines,
  vat: plan.vat,
  reason: 'Wrong size',
  requestedAt: sale.updatedAt,
  updatedAt: sale.updatedAt,
});

describe('buildRefundReceipt', () => {
  it('prints a credit note: its own number, the original receipt’s, the refunded lines and VAT per rate, negative', () => {
    const sale = paidSale(cart);
    const plan = planRefund(sale.totals, refundedSoFar([]), remainingLines(sale.totals, refundedSoFar([])));
    if (!plan.ok) throw new Error(plan.problem);
    const withRefund = { ...sale, refunds: [refunded(sale, plan, 1)] };
    const note = { series: 'real' as const, number: 1, paidAt: '2025-01-02T09:00:00.000Z' };
    const receipt = buildRefundReceipt(withRefund, 1, { settings, number: note, original: real, copy: false });
    expect(receipt.receipt).toEqual(note);
    expect(receipt.refund).toEqual({ number: 1, originalReceipt: real, reason: 'Wrong size', method: 'credit' });
    expect(receipt.totalMinor).toBe(-sale.amountMinor);
    expect(receipt.lines.every((l) => l.totalMinor <= 0)).toBe(true);
    expect(receipt.vat.map((v) => v.vatRate)).toEqual([2500, 1200, 600]);
    expect(receipt.vat.every((v) => v.vatMinor <= 0 && v.grossMinor < 0)).toBe(true);
    expect(receiptProblems(receipt, sale)).toEqual([]);
  });

  it('refuses a refund that has not been made', () => {
    const sale = paidSale(cart);
    const plan = planRefund(sale.totals, refundedSoFar([]), remainingLines(sale.totals, refundedSoFar([])));
    if (!plan.ok) throw new Error(plan.problem);
    const pending = { ...sale, refunds: [{ ...refunded(sale, plan, 1), state: 'sent' as const }] };
    expect(() => buildRefundReceipt(pending, 1, { settings, number: real, original: real, copy: false })).toThrow(ReceiptUnavailable);
  });
});

describe('planRefund', () => {
  it('shares a line out by quantity so its parts always add up to the line, and never goes past what was sold', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }), (steps) => {
        const sale = paidSale(cart);
        const line = sale.totals.lines.find((l) => !l.weighed && l.quantityMilli >= 1000)!;
        const refunds: RefundView[] = [];
        for (const step of steps) {
          const plan = planRefund(sale.totals, refundedSoFar(refunds), [{ lineId: line.id, quantityMilli: step * 1000 }]);
          const before = refundedSoFar(refunds).quantities.get(line.id) ?? 0;
          if (before + step * 1000 > line.quantityMilli) {
            expect(plan).toEqual({ ok: false, problem: 'refundTooMuch' });
            continue;
          }
          if (!plan.ok) throw new Error(plan.problem);
          refunds.push(refunded(sale, plan, refunds.length + 1));
        }
        const done = refundedSoFar(refunds);
        if ((done.quantities.get(line.id) ?? 0) === line.quantityMilli) expect(done.amountMinor).toBe(line.totalMinor);
        expect(done.amountMinor).toBeLessThanOrEqual(line.totalMinor);
      }),
    );
  });
});
