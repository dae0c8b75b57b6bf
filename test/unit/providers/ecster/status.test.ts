import { describe, expect, it } from 'vitest';
import { mapEcsterStatus, statusReport } from '../../../../electron/services/providers/ecster/status';
import { ecsterSearchEntrySchema } from '../../../../electron/services/providers/ecster/schemas';

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
