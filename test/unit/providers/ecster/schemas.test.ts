import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ecsterCreateRequestSchema,
  ecsterLinkResponseSchema,
  ecsterSearchResponseSchema,
} from '../../../../electron/services/providers/ecster/schemas';
import { checkPayLinkUrl } from '../../../../electron/services/providers/ecster/urls';
import { summary } from '../../../../electron/services/providers/ecster/status';

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
