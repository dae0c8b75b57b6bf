import { describe, expect, it } from 'vitest';
import { mapEcsterStatus, orderOutcome, orderStatusReport, statusReport } from '../../../../electron/services/providers/ecster/status';
import { ecsterOrderSchema, ecsterSearchEntrySchema } from '../../../../electron/services/providers/ecster/schemas';

const entry = (fields: Record<string, unknown>) =>
  ecsterSearchEntrySchema.parse({ key: 'K', orderReference: 'REF', status: 'ORDER_CREATED', amount: 1000, currency: 'SEK', ...fields });
const sale = { amountMinor: 1000, currency: 'SEK' as const, orderReference: 'REF' };

describe('Ecster status mapping', () => {
  it('maps OPEN, ORDER_CREATED and INVALID, and anything else to unknown (never paid)', () => {
    expect(['OPEN', 'ORDER_CREATED', 'INVALID', 'PAID', 'order_created', null].map(mapEcsterStatus)).toEqual([
      'open',
      'paid',
      'expired',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('counts a matching ORDER_CREATED as paid', () => {
    expect(statusReport(entry({}), sale)).toEqual({
      status: 'paid',
      providerStatus: 'ORDER_CREATED',
      amountMinor: 1000,
      currency: 'SEK',
      mismatch: null,
      charged: true,
    });
  });

  it.each([
    ['a different amount', { amount: 999 }, 'amount is 999'],
    ['a missing amount', { amount: null }, 'did not report the amount'],
    ['a different currency', { currency: 'EUR' }, 'currency is EUR'],
    ['a missing currency', { currency: undefined }, 'did not report the currency'],
    ['a different order reference', { orderReference: 'OTHER' }, 'order reference is OTHER'],
  ])('never counts a link with %s as paid', (_name, fields, words) => {
    const report = statusReport(entry(fields), sale);
    expect(report.status).toBe('unknown');
    expect(report.mismatch).toContain(words);
    // ORDER_CREATED: money was taken, whatever it was — the clerk must never read "nothing paid".
    expect(report.charged).toBe(true);
  });
});

const order = (fields: Record<string, unknown> = {}) =>
  ecsterOrderSchema.parse({
    id: 'O1',
    status: 'READY',
    properties: { method: 'CARD' },
    amount: 1000,
    currency: 'SEK',
    debitedAmount: 0,
    creditedAmount: 0,
    orderReference: 'REF',
    transactions: [{ id: 'T0', type: 'ORIGINAL', amount: 1000 }],
    ...fields,
  });

describe('Ecster order status mapping (every status of providers.md §1.9)', () => {
  const table: Array<[string, string, string]> = [
    ['READY', 'ready', 'paid'],
    ['FULLY_DELIVERED', 'delivered', 'paid'],
    ['PENDING_PAYMENT', 'pending', 'unknown'],
    ['PENDING_DECISION', 'pending', 'unknown'],
    ['PENDING_SIGNATURE', 'pending', 'unknown'],
    ['PENDING_PROCESSING', 'pending', 'unknown'],
    ['AWAITING_CONTRACT', 'pending', 'unknown'],
    ['DENIED', 'ended', 'failed'],
    ['FAILED', 'ended', 'failed'],
    ['ABORTED', 'ended', 'failed'],
    ['ANNULLED', 'ended', 'failed'],
    ['EXPIRED', 'ended', 'failed'],
    ['STOPPED', 'ended', 'failed'],
    ['BLOCKED', 'ended', 'failed'],
    ['MANUAL_PROCESSING', 'attention', 'unknown'],
    ['PARTIALLY_DELIVERED', 'attention', 'unknown'],
    ['SOMETHING_NEW', 'attention', 'unknown'],
    ['ready', 'attention', 'unknown'],
  ];
  it.each(table)('%s is %s, and the link reads %s', (status, outcome, linkStatus) => {
    expect(orderOutcome(status)).toBe(outcome);
    const report = orderStatusReport(order({ status }), sale);
    expect(report.status).toBe(linkStatus);
    expect(report.order?.outcome).toBe(outcome);
    expect(report.charged).toBe(outcome !== 'ended');
  });

  it('a READY card or invoice order needs a debit; Swish and a delivered order do not', () => {
    expect(orderStatusReport(order(), sale).order?.needsCapture).toBe(true);
    expect(orderStatusReport(order({ properties: { method: 'INVOICE', invoiceFee: 2900 }, amount: 3900 }), sale).order?.needsCapture).toBe(
      true,
    );
    expect(orderStatusReport(order({ properties: { method: 'SWISH' } }), sale).order?.needsCapture).toBe(false);
    expect(orderStatusReport(order({ status: 'FULLY_DELIVERED', debitedAmount: 1000 }), sale).order?.needsCapture).toBe(false);
  });

  it('allows the invoice fee on top of the sale and shows it', () => {
    const report = orderStatusReport(order({ properties: { method: 'INVOICE', invoiceFee: 2900 }, amount: 3900 }), sale);
    expect(report).toMatchObject({ status: 'paid', mismatch: null, amountMinor: 1000 });
    expect(report.order).toMatchObject({ amountMinor: 3900, feeMinor: 2900 });
  });

  it.each([
    ['a different amount', { amount: 1100 }, "order's amount is 1100"],
    [
      'a fee that does not explain the difference',
      { amount: 4000, properties: { method: 'INVOICE', invoiceFee: 2900 } },
      'with a fee of 2900',
    ],
    ['a different currency', { currency: 'EUR' }, "order's currency is EUR"],
    ['a different order reference', { orderReference: 'OTHER' }, 'order reference is OTHER'],
  ])('never counts an order with %s as paid', (_name, fields, words) => {
    const report = orderStatusReport(order(fields), sale);
    expect(report.status).toBe('unknown');
    expect(report.mismatch).toContain(words);
    expect(report.charged).toBe(true);
  });
});
