import { describe, expect, it } from 'vitest';
import { buildReport, nextZ, type ReportEntry } from '../../../shared/domain/report';

let seq = 0;
function entry(partial: Partial<ReportEntry>): ReportEntry {
  seq += 1;
  return {
    seq,
    at: `2025-01-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    saleId: `s${seq}`,
    outcome: 'paid',
    demo: false,
    provider: 'ecster',
    currency: 'SEK',
    amountMinor: 12500,
    vat: [{ vatRate: 2500, grossMinor: 12500, netMinor: 10000, vatMinor: 2500 }],
    receiptNumber: null,
    ...partial,
  };
}

const period = (fromSeq: number, toSeq: number) => ({ fromSeq, toSeq, fromAt: null, toAt: '2025-01-01T23:00:00.000Z' });

describe('buildReport', () => {
  it('sums sales, VAT per rate and providers exactly, and counts the other outcomes', () => {
    seq = 0;
    const entries = [
      entry({ receiptNumber: 1 }),
      entry({
        receiptNumber: 2,
        provider: 'straumur',
        amountMinor: 1120,
        vat: [{ vatRate: 1200, grossMinor: 1120, netMinor: 1000, vatMinor: 120 }],
      }),
      entry({ outcome: 'cancelled', amountMinor: 999 }),
      entry({ outcome: 'expired', amountMinor: 500 }),
      entry({ outcome: 'needs-attention', amountMinor: 700 }),
      entry({ outcome: 'failed', amountMinor: 300 }),
    ];
    const report = buildReport(entries, { kind: 'x', number: null, period: period(0, 6) });
    const sek = report.real.currencies[0]!;
    expect(sek.sales).toEqual({ count: 2, amountMinor: 13620 });
    expect(sek.vat).toEqual([
      { vatRate: 2500, grossMinor: 12500, netMinor: 10000, vatMinor: 2500 },
      { vatRate: 1200, grossMinor: 1120, netMinor: 1000, vatMinor: 120 },
    ]);
    expect(sek.vatTotalMinor).toBe(2620);
    expect(sek.netTotalMinor).toBe(11000);
    expect(sek.providers).toEqual([
      { provider: 'ecster', count: 1, amountMinor: 12500 },
      { provider: 'straumur', count: 1, amountMinor: 1120 },
    ]);
    expect([sek.cancelled, sek.expired, sek.needsAttention, sek.failed]).toEqual([
      { count: 1, amountMinor: 999 },
      { count: 1, amountMinor: 500 },
      { count: 1, amountMinor: 700 },
      { count: 1, amountMinor: 300 },
    ]);
    expect([report.real.firstReceipt, report.real.lastReceipt]).toEqual([1, 2]);
    expect(report.entries).toBe(6);
  });

  it('reports training sales apart and never in the real totals', () => {
    seq = 0;
    const report = buildReport([entry({ receiptNumber: 1 }), entry({ demo: true, receiptNumber: 1, amountMinor: 5000 })], {
      kind: 'x',
      number: null,
      period: period(0, 2),
    });
    expect(report.real.currencies[0]!.sales).toEqual({ count: 1, amountMinor: 12500 });
    expect(report.training.currencies[0]!.sales).toEqual({ count: 1, amountMinor: 5000 });
  });

  it('keeps currencies apart rather than adding kronor to euros', () => {
    seq = 0;
    const report = buildReport([entry({}), entry({ currency: 'EUR', amountMinor: 100 })], {
      kind: 'x',
      number: null,
      period: period(0, 2),
    });
    expect(report.real.currencies.map((c) => [c.currency, c.sales.amountMinor])).toEqual([
      ['EUR', 100],
      ['SEK', 12500],
    ]);
  });

  it('counts only the outcomes inside the period', () => {
    seq = 0;
    const entries = [entry({}), entry({}), entry({})];
    expect(buildReport(entries, { kind: 'z', number: 2, period: period(1, 2) }).real.currencies[0]!.sales.count).toBe(1);
  });
});

describe('nextZ', () => {
  it('numbers the first Z 1 and starts it at the beginning of the journal', () => {
    expect(nextZ([], [{ seq: 3 }], { seq: 5, at: '2025-01-01T20:00:00.000Z' })).toEqual({
      ok: true,
      number: 1,
      period: { fromSeq: 0, toSeq: 5, fromAt: null, toAt: '2025-01-01T20:00:00.000Z' },
    });
  });

  it('starts the next Z where the previous one ended', () => {
    const previous = [{ number: 1, period: { fromSeq: 0, toSeq: 5, fromAt: null, toAt: '2025-01-01T20:00:00.000Z' } }];
    const decision = nextZ(previous, [{ seq: 3 }, { seq: 9 }], { seq: 10, at: '2025-01-02T20:00:00.000Z' });
    expect(decision).toMatchObject({ ok: true, number: 2, period: { fromSeq: 5, toSeq: 10, fromAt: '2025-01-01T20:00:00.000Z' } });
  });

  it('refuses a second Z for the same period', () => {
    const previous = [{ number: 1, period: { fromSeq: 0, toSeq: 5, fromAt: null, toAt: '2025-01-01T20:00:00.000Z' } }];
    expect(nextZ(previous, [{ seq: 3 }], { seq: 7, at: '2025-01-01T21:00:00.000Z' })).toEqual({
      ok: false,
      reason: 'Nothing to close: no sale has finished since Z report 1.',
      reasonMessage: { key: 'zNothingSince', params: { number: 1 } },
    });
    expect(nextZ([], [], { seq: 0, at: '2025-01-01T21:00:00.000Z' }).ok).toBe(false);
  });
});
