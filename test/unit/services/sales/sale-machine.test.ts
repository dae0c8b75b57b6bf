import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import { saleViewSchema } from '../../../../shared/domain/sale';
import {
  applySaleRecord,
  closedUnconfirmed,
  IllegalTransition,
  isFollowed,
  isLive,
  replaySales,
  toView,
  type Sale,
} from '../../../../electron/services/sales/sale-machine';
import type { SaleRecord } from '../../../../electron/services/sales/sale-records';
import { cartOf } from './world';

const link = { reference: 'L1', url: 'https://pay.example.test/L1', validTo: '2026-04-01T12:15:00.000Z' };
const totals = priceCart(cartOf(1000));
let t = 0;
const rec = (record: Omit<SaleRecord, 'saleId' | 'at'> & { saleId?: string }): SaleRecord =>
  ({ saleId: 's1', at: new Date(Date.UTC(2026, 3, 1, 12, 0, t++)).toISOString(), ...record }) as SaleRecord;
const created = (number = 1, saleId = 's1') =>
  rec({
    type: 'sale-created',
    saleId,
    data: {
      number,
      orderReference: `LP-00T1-260401-${number}`,
      provider: 'ecster',
      demo: true,
      currency: 'SEK',
      amountMinor: 1000,
      totals,
    },
  });
const status = (s: 'opened' | 'paid' | 'expired' | 'cancelled' | 'failed') =>
  rec({
    type: 'status-observed',
    data: { reference: 'L1', status: s, providerStatus: s.toUpperCase(), amountMinor: 1000, currency: 'SEK' },
  });

function run(...records: SaleRecord[]): Sale {
  let sale: Sale | undefined;
  for (const r of records) sale = applySaleRecord(sale, r);
  return sale!;
}

describe('sale state machine', () => {
  it('walks creating → waiting → opened → paid and records each step in the history', () => {
    const sale = run(created(), rec({ type: 'link-created', data: { link, adopted: false } }), status('opened'), status('paid'));
    expect(sale.state).toBe('paid');
    expect(sale.history.map((h) => h.state)).toEqual(['creating', 'waiting', 'opened', 'paid']);
    expect(isLive(sale)).toBe(false);
    expect(saleViewSchema.parse(toView(sale))).toMatchObject({ state: 'paid', link, number: 1 });
  });

  it('keeps the till name a sale was made under, and reads a record from before till names without one', () => {
    const named = created(1, 's1');
    const withName = { ...named, data: { ...named.data, tillName: 'Counter 2' } } as SaleRecord;
    expect(saleViewSchema.parse(toView(run(withName))).tillName).toBe('Counter 2');
    expect(saleViewSchema.parse(toView(run(created(2, 's1')))).tillName).toBeUndefined();
  });

  it('rejects illegal transitions: paid is terminal, nothing before a sale exists, opened only once', () => {
    const paid = run(created(), rec({ type: 'link-created', data: { link, adopted: false } }), status('paid'));
    expect(() => applySaleRecord(paid, rec({ type: 'cancelled', data: { reference: 'L1' } }))).toThrow(IllegalTransition);
    expect(() => applySaleRecord(paid, status('paid'))).toThrow(IllegalTransition);
    expect(() => applySaleRecord(undefined, status('paid'))).toThrow(IllegalTransition);
    const opened = run(created(), rec({ type: 'link-created', data: { link, adopted: false } }), status('opened'));
    expect(() => applySaleRecord(opened, status('opened'))).toThrow(IllegalTransition);
    expect(() => applySaleRecord(run(created()), status('paid'))).toThrow(IllegalTransition);
  });

  it('pays a sale created with a tender by tender-recorded, never gives it a link, and records a tender for no link sale', () => {
    const base = created(2, 's2');
    const tendered = {
      ...base,
      data: { ...base.data, tender: { kind: 'cash', givenMinor: 2000, changeMinor: 1000 }, replaces: 's1' },
    } as SaleRecord;
    const paid = run(tendered, rec({ type: 'tender-recorded', saleId: 's2', data: {} }));
    expect(paid).toMatchObject({ state: 'paid', paid: true, tender: { kind: 'cash', changeMinor: 1000 }, replaces: 's1' });
    expect(saleViewSchema.parse(toView(paid)).tender).toEqual({ kind: 'cash', givenMinor: 2000, changeMinor: 1000 });
    expect(paid.history.map((h) => h.noteMessage?.key)).toEqual(['noteSaleStarted', 'notePaidCash']);
    expect(() => applySaleRecord(run(tendered), rec({ type: 'link-created', saleId: 's2', data: { link, adopted: false } }))).toThrow(
      IllegalTransition,
    );
    expect(() => applySaleRecord(run(created()), rec({ type: 'tender-recorded', data: {} }))).toThrow(IllegalTransition);
    expect(() => applySaleRecord(paid, rec({ type: 'tender-recorded', saleId: 's2', data: {} }))).toThrow(IllegalTransition);
    expect(toView(run(created())).tender).toBeNull();
  });

  it('turns a payment after cancellation into needs-attention (paid), and resolving keeps it paid', () => {
    const cancelled = run(
      created(),
      rec({ type: 'link-created', data: { link, adopted: false } }),
      rec({ type: 'cancel-requested', data: { reference: 'L1' } }),
      rec({ type: 'cancelled', data: { reference: 'L1' } }),
    );
    const late = applySaleRecord(cancelled, status('paid'));
    expect(late).toMatchObject({ state: 'needs-attention', paid: true });
    expect(late.reason).toMatch(/paid after the sale was cancelled/);
    expect(applySaleRecord(late, rec({ type: 'resolved', data: { note: 'refunded' } })).state).toBe('paid');
  });

  it('lets only the clerk recreate after an unknown create, and adopts a late-found link', () => {
    const unknown = run(created(), rec({ type: 'create-unknown', data: { reason: 'no answer' } }));
    expect(unknown).toMatchObject({ state: 'needs-attention', awaitingRecreate: true });
    expect(isLive(unknown)).toBe(true);
    expect(() => applySaleRecord(unknown, rec({ type: 'failed', data: { reason: 'x' } }))).toThrow(IllegalTransition);
    expect(applySaleRecord(unknown, rec({ type: 'link-created', data: { link, adopted: true } })).state).toBe('waiting');
    const again = applySaleRecord(unknown, rec({ type: 'recreate-confirmed', data: { orderReference: 'LP-00T1-260401-1-2' } }));
    expect(again).toMatchObject({ state: 'creating', orderReference: 'LP-00T1-260401-1-2', attempts: 2 });
  });

  it('replays a journal to sales and reports records it cannot apply and gaps in sale numbers', () => {
    const records = [
      created(1, 'a'),
      created(3, 'b'),
      { ...status('paid'), saleId: 'a' },
      { type: 'mystery', saleId: 'a', at: 'x', data: {} },
    ];
    const result = replaySales(records);
    expect(result.sales.get('a')!.state).toBe('creating');
    expect(result.sales.get('b')!.number).toBe(3);
    expect(result.maxNumber).toBe(3);
    expect(result.problems).toHaveLength(3);
  });
});

describe('reasons and notes in the clerk’s language', () => {
  const failed = (data: Record<string, unknown>) => rec({ type: 'failed', data } as unknown as Omit<SaleRecord, 'saleId' | 'at'>);

  it('replays an old record without a Message with its stored English reason', () => {
    const sale = run(created(), failed({ reason: 'Straumur refused the request (code 2099).' }));
    expect(sale).toMatchObject({ state: 'failed', reason: 'Straumur refused the request (code 2099).', reasonMessage: null });
    expect(sale.history.at(-1)).toMatchObject({ note: 'Straumur refused the request (code 2099).', noteMessage: null });
    expect(saleViewSchema.parse(toView(sale))).toMatchObject({ reason: 'Straumur refused the request (code 2099).', reasonMessage: null });
  });

  it('gives a new record’s Message as the reason and the note', () => {
    const reasonMessage = { key: 'straumurRefusedCode', params: { code: 2099 } };
    const sale = run(created(), failed({ reason: 'Straumur refused the request (code 2099).', reasonMessage }));
    expect(sale).toMatchObject({ reason: 'Straumur refused the request (code 2099).', reasonMessage });
    expect(sale.history.at(-1)).toMatchObject({ noteMessage: reasonMessage });
    expect(saleViewSchema.parse(toView(sale)).reasonMessage).toEqual(reasonMessage);
  });

  it('falls back to the English text for a key this version does not know', () => {
    const sale = run(created(), failed({ reason: 'Some future reason.', reasonMessage: { key: 'notYetInvented' } }));
    expect(sale).toMatchObject({ reason: 'Some future reason.', reasonMessage: null });
  });

  it('keys every note the machine writes itself, also for old journals', () => {
    const sale = run(
      created(),
      rec({ type: 'link-created', data: { link, adopted: false } }),
      rec({ type: 'link-sent', data: { via: 'cellular', to: 'SE ***12', link } }),
      rec({ type: 'cancel-requested', data: { reference: 'L1' } }),
      status('paid'),
      rec({ type: 'resolved', data: { note: 'Refunded at the counter' } }),
    );
    expect(sale.history.map((h) => h.noteMessage)).toEqual([
      { key: 'noteSaleStarted' },
      { key: 'noteLinkCreated' },
      { key: 'noteLinkSentSms', params: { to: 'SE ***12' } },
      { key: 'noteProviderReports', params: { status: 'PAID' } },
      { key: 'reasonResolved', params: { note: 'Refunded at the counter' } },
    ]);
    expect(sale.history.map((h) => h.note)).toEqual([
      'Sale started',
      'Link created',
      'Link sent by SMS to SE ***12',
      'Provider reports PAID',
      'Resolved: Refunded at the counter',
    ]);
  });

  describe('a sale whose link is gone with nothing paid', () => {
    const lost = () => [
      created(),
      rec({ type: 'link-created', data: { link, adopted: false } }),
      rec({ type: 'needs-attention', data: { reason: 'The payment service no longer knows this link.' } }),
    ];
    const replaced = (oldLink = link) =>
      rec({ type: 'link-replaced', data: { oldLink, orderReference: 'LP-00T1-260401-1-2', totals, amountMinor: 1000 } });

    it('may get a new link for its cart (creating again, new order reference, reason cleared) or be closed as not paid', () => {
      const again = run(...lost(), replaced());
      expect(again).toMatchObject({ state: 'creating', orderReference: 'LP-00T1-260401-1-2', attempts: 2, link: null, reason: '' });
      expect(toView(run(...lost())).relinkable).toBe(true);
      expect(run(...lost(), rec({ type: 'cancelled', data: { reference: 'L1' } })).state).toBe('cancelled');
    });

    it('never once money was recorded, nor for another link than its own', () => {
      const paidLate = [...lost(), status('paid')];
      expect(run(...paidLate)).toMatchObject({ state: 'needs-attention', paid: true });
      expect(toView(run(...paidLate)).relinkable).toBeUndefined();
      expect(() => run(...paidLate, replaced())).toThrow(IllegalTransition);
      expect(() => run(...paidLate, rec({ type: 'cancelled', data: { reference: 'L1' } }))).toThrow(IllegalTransition);
      expect(() => run(...lost(), replaced({ ...link, reference: 'OTHER' }))).toThrow(IllegalTransition);
    });
  });
  it('keeps following a link a person closed as not paid before its end was confirmed, from the journal alone', () => {
    const attention = (reason: string, key: string) => rec({ type: 'needs-attention', data: { reason, reasonMessage: { key } } });
    const resolved = rec({ type: 'resolved', data: { note: 'Checked' } });
    const base = [created(), rec({ type: 'link-created', data: { link, adopted: false } })];
    const unconfirmed = run(...base, attention('Could not confirm', 'reasonOutcomeUnconfirmed'), resolved);
    expect(unconfirmed.state).toBe('cancelled');
    expect(closedUnconfirmed(unconfirmed)).toBe(true);
    expect(isFollowed(unconfirmed)).toBe(true);
    // An old record with English only says nothing either way: followed too.
    const old = run(...base, rec({ type: 'needs-attention', data: { reason: 'Could not confirm' } }), resolved);
    expect(isFollowed(old)).toBe(true);
    // A person who resolved a link that did not match its sale has seen what the provider holds.
    expect(isFollowed(run(...base, attention('Mismatch', 'reasonMismatchOpen'), resolved))).toBe(false);
    // Money found later is a person's again, and nothing more is followed.
    const paidLater = applySaleRecord(unconfirmed, status('paid'));
    expect(paidLater).toMatchObject({ state: 'needs-attention', paid: true });
    expect(isFollowed(paidLater)).toBe(false);
    // A sale closed by the clerk's cancel (the provider confirmed it) is not followed.
    const cancelled = run(...base, rec({ type: 'cancelled', data: { reference: 'L1' } }));
    expect(isFollowed(cancelled)).toBe(false);
  });

  it('stops following once a later record moves the sale: a mismatch resolved again, or closed by the clerk, is not followed', () => {
    const attention = (reason: string, key: string) => rec({ type: 'needs-attention', data: { reason, reasonMessage: { key } } });
    const resolved = rec({ type: 'resolved', data: { note: 'Checked' } });
    const base = [created(), rec({ type: 'link-created', data: { link, adopted: false } })];
    const followed = [...base, attention('Could not confirm', 'reasonOutcomeUnconfirmed'), resolved];
    expect(isFollowed(run(...followed))).toBe(true);
    // The followed link turned out not to match: a person resolves that, and it must not bounce back to them.
    const mismatch = [...followed, attention('Mismatch', 'reasonMismatchOpen')];
    expect(run(...mismatch).closedUnconfirmed).toBeUndefined();
    expect(isFollowed(run(...mismatch, resolved))).toBe(false);
    // An order found in a state a person must look at, then closed by the clerk: not followed either.
    const orderAttention = [...followed, attention('Order needs a look', 'reasonOrderAttention')];
    expect(isFollowed(run(...orderAttention, rec({ type: 'cancelled', data: { reference: 'L1' } })))).toBe(false);
  });
});
