import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import { parseSaleRecord, requireSaleRecord, saleRecordTypes } from '../../../../electron/services/sales/sale-records';
import { cartOf } from './world';

const at = '2026-04-01T12:00:00.000Z';
const created = {
  v: 1,
  seq: 1,
  at,
  type: 'sale-created',
  saleId: 's1',
  data: {
    number: 1,
    orderReference: 'LP-00T1-260401-1',
    provider: 'ecster',
    demo: true,
    currency: 'SEK',
    amountMinor: 1000,
    totals: priceCart(cartOf(1000)),
  },
};
const linked = {
  v: 1,
  seq: 2,
  at,
  type: 'link-created',
  saleId: 's1',
  data: { link: { reference: 'L1', url: 'https://pay.example.test/L1', validTo: null }, adopted: false },
};

describe('journal sale records', () => {
  it('have a schema for every record type the machine applies', () => {
    expect([...saleRecordTypes].sort()).toEqual(
      [
        'sale-created',
        'tender-recorded',
        'link-created',
        'create-unknown',
        'recreate-confirmed',
        'failed',
        'link-updated',
        'link-replaced',
        'link-sent',
        'status-observed',
        'cancel-requested',
        'cancelled',
        'needs-attention',
        'resolved',
        'order-observed',
        'capture-requested',
        'captured',
        'capture-unknown',
        'capture-failed',
        'refund-requested',
        'refund-sent',
        'refund-unknown',
        'refunded',
        'refund-failed',
        'refund-attention',
      ].sort(),
    );
  });

  it('are parsed when read: a record whose data does not fit its type is reported and not applied', () => {
    const garbled = { ...linked, data: { link: { reference: 'L1' }, adopted: false } };
    const result = replaySales([created, garbled]);
    expect(result.sales.get('s1')).toMatchObject({ state: 'creating', link: null });
    expect(result.problems).toEqual([expect.stringMatching(/^Journal record 2 is not a valid link-created record \(data\.link\.url: /)]);
  });

  it('name a journal version they do not know instead of guessing at it', () => {
    expect(parseSaleRecord({ ...created, v: 2 })).toEqual({ ok: false, problem: 'has an unknown version (2)' });
    expect(replaySales([{ ...created, v: 2 }]).problems).toEqual(['Journal record 1 has an unknown version (2).']);
  });

  it('hand back the record as the journal holds it, fields the schema does not name included', () => {
    const parsed = parseSaleRecord(created);
    expect(parsed.ok && parsed.record).toBe(created);
  });

  it('keep an old reason without a Message, and a Message of a newer app, for the machine to read', () => {
    for (const data of [{ reason: 'Refused.' }, { reason: 'Refused.', reasonMessage: { key: 'notYetInvented' } }]) {
      expect(parseSaleRecord({ ...linked, type: 'failed', data }).ok).toBe(true);
    }
  });

  it('refuse, before it is written, a record that would not read back', () => {
    expect(() => requireSaleRecord({ type: 'resolved', saleId: 's1', at, data: { note: 42 } })).toThrow(/not a valid resolved record/);
  });
});
