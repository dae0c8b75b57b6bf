import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReport, type ReportEntry } from '../../../shared/domain/report';
import { cashChange, paymentMeansOf, tenderFor, tenderInputSchema } from '../../../shared/domain/tender';

describe('cash change', () => {
  it('is the amount given less the total, in whole minor units, and null when the cash is short', () => {
    expect(cashChange(5_550, 10_000)).toBe(4_450);
    expect(cashChange(5_550, 5_550)).toBe(0);
    expect(cashChange(5_550, 5_549)).toBeNull();
    expect(cashChange(5_550, 55.5)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000_000 }), (total, given) => {
        const change = cashChange(total, given);
        if (given < total) return change === null;
        return change !== null && Number.isSafeInteger(change) && total + change === given;
      }),
    );
  });

  it('makes the tender a sale records, or none when the cash does not cover the total', () => {
    expect(tenderFor(2_000, { kind: 'cash', givenMinor: 5_000 })).toEqual({ kind: 'cash', givenMinor: 5_000, changeMinor: 3_000 });
    expect(tenderFor(2_000, { kind: 'cash', givenMinor: 1_000 })).toBeNull();
    expect(tenderFor(2_000, { kind: 'terminal', reference: 'AUTH 42' })).toEqual({ kind: 'terminal', reference: 'AUTH 42' });
  });

  it('refuses a fractional amount given, an empty terminal reference and an unknown tender at the boundary', () => {
    expect(tenderInputSchema.safeParse({ kind: 'cash', givenMinor: 10.5 }).success).toBe(false);
    expect(tenderInputSchema.safeParse({ kind: 'cash', givenMinor: 0 }).success).toBe(false);
    expect(tenderInputSchema.safeParse({ kind: 'terminal', reference: '   ' }).success).toBe(false);
    expect(tenderInputSchema.safeParse({ kind: 'cheque', reference: '1' }).success).toBe(false);
  });
});

describe('payment means', () => {
  it('reads the tender first, then the provider order’s method, and calls a link without one a payment link', () => {
    expect(paymentMeansOf({ tender: { kind: 'cash', givenMinor: 1, changeMinor: 0 }, orderMethod: 'CARD' })).toBe('cash');
    expect(paymentMeansOf({ tender: { kind: 'terminal', reference: 'x' } })).toBe('terminal');
    expect(paymentMeansOf({ orderMethod: 'SWISH' })).toBe('swish');
    expect(paymentMeansOf({ orderMethod: 'CARD' })).toBe('card');
    expect(paymentMeansOf({ orderMethod: 'INVOICE' })).toBe('invoice');
    expect(paymentMeansOf({ orderMethod: null })).toBe('link');
    expect(paymentMeansOf({})).toBe('link');
  });

  it('groups an X report’s paid sales per means with count and amount, training apart, in a fixed order', () => {
    let seq = 0;
    const paid = (amountMinor: number, extra: Partial<ReportEntry>): ReportEntry => ({
      seq: ++seq,
      at: '2026-12-06T10:00:00.000Z',
      saleId: `s${seq}`,
      outcome: 'paid',
      demo: false,
      provider: 'ecster',
      currency: 'SEK',
      amountMinor,
      vat: [],
      receiptNumber: seq,
      ...extra,
    });
    const entries = [
      paid(1_000, { means: 'cash' }),
      paid(2_000, { means: 'card' }),
      paid(3_000, {}),
      paid(500, { means: 'cash' }),
      paid(700, { means: 'terminal' }),
      paid(900, { means: 'swish', demo: true }),
      { ...paid(4_000, {}), outcome: 'cancelled' as const, receiptNumber: null },
    ];
    const report = buildReport(entries, {
      kind: 'x',
      number: null,
      period: { fromSeq: 0, toSeq: seq, fromAt: null, toAt: '2026-12-06T11:00:00.000Z' },
    });
    expect(report.real.currencies[0]!.means).toEqual([
      { means: 'card', count: 1, amountMinor: 2_000 },
      { means: 'link', count: 1, amountMinor: 3_000 },
      { means: 'cash', count: 2, amountMinor: 1_500 },
      { means: 'terminal', count: 1, amountMinor: 700 },
    ]);
    expect(report.training.currencies[0]!.means).toEqual([{ means: 'swish', count: 1, amountMinor: 900 }]);
    const sum = report.real.currencies[0]!.means.reduce((s, m) => s + m.amountMinor, 0);
    expect(sum).toBe(report.real.currencies[0]!.sales.amountMinor);
  });
});
