import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ecsterCreateRequestSchema,
  ecsterLinkResponseSchema,
  ecsterOrderSchema,
  ecsterOrderSearchSchema,
  ecsterSearchResponseSchema,
  ecsterTransactionRequestSchema,
  ecsterTransactionResponseSchema,
} from '../../../../electron/services/providers/ecster/schemas';
import { checkPayLinkUrl } from '../../../../electron/services/providers/ecster/urls';
import { orderStatusReport, summary } from '../../../../electron/services/providers/ecster/status';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../fixtures/ecster/${name}`, import.meta.url), 'utf8'));

describe('Ecster documented examples', () => {
  it('the documented create request satisfies the request schema, rows adding up to the amount', () => {
    const body = ecsterCreateRequestSchema.parse(fixture('create-request.json'));
    const sum = body.cart.rows.reduce((s, r) => s + r.unitAmount * r.quantity - r.discountAmount, 0);
    expect(sum).toBe(body.cart.amount);
    expect(body.cart.amount).toBe(266900);
    expect(body.parameters.inPerson).toBe(false);
  });

  it('the documented create response yields the key and an https payLinkUrl, despite a scheme-less notificationUrl', () => {
    const { paymentLink } = ecsterLinkResponseSchema.parse(fixture('create-response.json'));
    expect(paymentLink.key).toBe('7125D0126E4BC49EB15086709E08B400');
    expect(checkPayLinkUrl(paymentLink.payLinkUrl)).toBe('https://secure1.ft.ecster.se/pay/links/?7125D0126E4BC49EB15086709E08B400');
    expect(paymentLink.notificationUrl).toBe('www.myCoolStore.com/notify/page.html');
    expect(paymentLink.tags?.[0]).toBe('APIv1');
  });

  it('the documented search response parses, keeping a date-only created and a plain-string cellular', () => {
    const [entry] = ecsterSearchResponseSchema.parse(fixture('search-response.json'));
    expect(entry).toMatchObject({
      key: '97E5909113BB4BE6881C28B78ED5EB7B',
      created: '2019-08-12+02:00',
      cellular: '700000000',
      amount: 266900,
      currency: 'SEK',
    });
    expect(summary(entry!).status).toBe('open');
  });

  it('accepts cellular as an object and missing optional fields in search results', () => {
    const [entry] = ecsterSearchResponseSchema.parse([{ key: 'K', cellular: { country: '+46', number: '701234567' }, status: 'OPEN' }]);
    expect(entry).toMatchObject({ cellular: '+46701234567', amount: null, currency: null, orderReference: null });
  });
});

describe('checkPayLinkUrl', () => {
  it('accepts https and loopback http only', () => {
    expect(checkPayLinkUrl('https://pay.example/x')).toBe('https://pay.example/x');
    for (const ok of ['http://127.0.0.1:4000/pay/ecster/K', 'http://localhost/p', 'http://[::1]:80/p'])
      expect(checkPayLinkUrl(ok)).toBe(ok);
    for (const bad of ['http://pay.example/x', 'http://192.168.1.5/p', 'javascript:alert(1)', 'not a url', 'ftp://x/y']) {
      expect(() => checkPayLinkUrl(bad)).toThrow(expect.objectContaining({ kind: 'bad-response' }));
    }
  });
});

describe('Ecster order documents (providers.md §1.9–1.10)', () => {
  it('reads an invoice order with its fee: the fee is on top of the sale, which still matches', () => {
    const order = ecsterOrderSchema.parse(fixture('order-invoice.json'));
    expect(order.properties).toMatchObject({ method: 'INVOICE', invoiceFee: 2900 });
    expect(order.transactions.map((t) => t.type)).toEqual(['ORIGINAL']);
    const report = orderStatusReport(order, { amountMinor: 266900, currency: 'SEK', orderReference: 'OrderRef_123123' });
    expect(report).toMatchObject({ status: 'paid', mismatch: null, amountMinor: 266900 });
    expect(report.order).toMatchObject({ outcome: 'ready', feeMinor: 2900, amountMinor: 269800, needsCapture: true, debitedMinor: 0 });
  });

  it('reads an order search as a plain array or a wrapped page', () => {
    const order = fixture('order-invoice.json');
    expect(ecsterOrderSearchSchema.parse([order])).toHaveLength(1);
    expect(ecsterOrderSearchSchema.parse({ orders: [order], offset: 0, total: 1 })).toHaveLength(1);
  });

  it('reads a debit answer, and the debit request LinkPOS sends satisfies the request schema', () => {
    const answer = ecsterTransactionResponseSchema.parse(fixture('transaction-debit-response.json'));
    expect(answer).toMatchObject({
      orderStatus: 'FULLY_DELIVERED',
      transaction: { id: 'T-DEBIT-1', transactionReference: 'OrderRef_123123-D' },
    });
    expect(ecsterTransactionRequestSchema.parse({ type: 'DEBIT', amount: 269800, transactionReference: 'OrderRef_123123-D' }).type).toBe(
      'DEBIT',
    );
    expect(ecsterTransactionRequestSchema.safeParse({ type: 'ANNULL', amount: 1 }).success).toBe(false);
  });
});
