import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLinkBody, ecsterLanguage } from '../../../../electron/services/providers/ecster/body';
import type { EcsterLinkConfig } from '../../../../electron/services/providers/ecster/body';
import { ecsterCreateRequestSchema } from '../../../../electron/services/providers/ecster/schemas';
import { priceCart } from '../../../../shared/domain/cart';
import { cartSchema } from '../../../../shared/domain/schemas';
import { sampleRequest } from './support';

const config: EcsterLinkConfig = {
  locale: { language: 'sv', country: 'SE' },
  version: '1.2.3',
  shopTermsUrl: 'https://shop.example/terms',
  returnUrl: '',
};

describe('buildLinkBody', () => {
  it('builds a body the request schema accepts, always in person, rows adding up to the total', () => {
    const request = sampleRequest();
    const body = ecsterCreateRequestSchema.parse(buildLinkBody(request, config));
    expect(body.parameters).toEqual({
      sendLink: false,
      inPerson: true,
      validTo: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
      shopTermsUrl: 'https://shop.example/terms',
    });
    // The sale's instant, in the seed's form: local time, whole seconds, offset.
    expect(Date.parse(body.parameters.validTo)).toBe(Math.floor(request.validTo.getTime() / 1000) * 1000);
    expect(body.cart.amount).toBe(request.totals.totalMinor);
    expect(body.deliveryMethods).toEqual([]);
    // platform.reference is "provided by Ecster": none configured, so no platform at all.
    expect(body).not.toHaveProperty('platform');
    expect(body.consumer).toBeUndefined();
    expect(body.notificationUrl).toBeUndefined();
  });

  it('sends pieces at unit price with the line discount and weighed goods as one row at their gross', () => {
    const body = buildLinkBody(sampleRequest(), config);
    expect(body.cart.rows).toEqual([
      { name: 'Socks', quantity: 2, unitAmount: 9900, vatRate: 2500, discountAmount: 0, partNumber: 'S-1', unit: 'par' },
      expect.objectContaining({ name: 'Cheese', quantity: 1, unitAmount: 4482, vatRate: 1200, discountAmount: 0, unit: 'kg' }),
      expect.objectContaining({ name: 'T-shirt', quantity: 1, unitAmount: 29900, discountAmount: 2990 }),
    ]);
    expect(body.cart.rows[1]?.description).toContain('0.345 kg');
  });

  it('asks Ecster to send the link to an e-mail address or a phone', () => {
    const email = buildLinkBody(sampleRequest({ sendTo: { kind: 'email', email: 'a@b.se' } }), config);
    expect(email.parameters.sendLink).toBe(true);
    expect(email.consumer).toEqual({ contactInfo: { email: 'a@b.se' } });
    const sms = buildLinkBody(sampleRequest({ sendTo: { kind: 'cellular', country: '+46', number: '701234567' } }), config);
    expect(sms.consumer).toEqual({ contactInfo: { cellular: { country: '+46', number: '701234567' } } });
  });

  it('sends platform with the reference Ecster gave the merchant, and the LinkPOS version as info', () => {
    const reference = '2cc5c43d-fb92-472f-828a-1a5ad703d512';
    const body = ecsterCreateRequestSchema.parse(buildLinkBody(sampleRequest(), { ...config, platformReference: reference }));
    expect(body.platform).toEqual({ reference, info: 'LinkPOS 1.2.3' });
    expect(buildLinkBody(sampleRequest(), { ...config, platformReference: '' })).not.toHaveProperty('platform');
  });

  it('includes the notification URL and tags when configured', () => {
    const body = buildLinkBody(sampleRequest(), { ...config, notificationUrl: 'https://hook.example/n', tags: ['till:1'] });
    expect(body.notificationUrl).toBe('https://hook.example/n');
    expect(body.tags).toEqual(['till:1']);
  });

  it('refuses an order reference longer than 22 characters and an empty cart', () => {
    expect(() => buildLinkBody(sampleRequest({ orderReference: 'X'.repeat(23) }), config)).toThrow(
      expect.objectContaining({ kind: 'rejected' }),
    );
    const empty = priceCart(cartSchema.parse({ currency: 'SEK', lines: [] }));
    expect(() => buildLinkBody(sampleRequest({ totals: empty }), config)).toThrow(expect.objectContaining({ kind: 'rejected' }));
  });

  it('refuses totals whose lines do not add up rather than send a wrong amount', () => {
    const totals = { ...sampleRequest().totals, totalMinor: sampleRequest().totals.totalMinor + 1 };
    expect(() => buildLinkBody(sampleRequest({ totals }), config)).toThrow(expect.objectContaining({ kind: 'rejected' }));
  });
});

describe('ecsterLanguage', () => {
  it('falls back from Norwegian and Danish to Swedish and from anything else unsupported to English', () => {
    expect(['sv', 'en', 'fi', 'no', 'nb', 'da', 'de', 'is'].map(ecsterLanguage)).toEqual(['sv', 'en', 'fi', 'sv', 'sv', 'sv', 'en', 'en']);
  });
});

describe('property: any valid cart', () => {
  const line = fc.record({
    name: fc.string({ minLength: 1, maxLength: 20 }),
    unitPriceMinor: fc.integer({ min: 0, max: 2_000_000 }),
    vatRate: fc.constantFrom(0, 600, 1200, 2500),
    weighed: fc.boolean(),
    pieces: fc.integer({ min: 1, max: 50 }),
    grams: fc.integer({ min: 1, max: 20_000 }),
    discount: fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
        fc.record({ kind: fc.constant('amount' as const), minor: fc.integer({ min: 0, max: 5_000 }) }),
      ),
    ),
  });
  const cart = fc.record({
    lines: fc.array(line, { minLength: 1, maxLength: 12 }),
    discount: fc.option(fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 5_000 }) })),
  });

  it('builds rows whose Σ(unitAmount × quantity − discountAmount) is the cart amount and total, with a short order reference', () => {
    fc.assert(
      fc.property(cart, fc.stringMatching(/^[A-Za-z0-9-]{1,22}$/), (c, orderReference) => {
        let totals;
        try {
          totals = priceCart(
            cartSchema.parse({
              currency: 'SEK',
              discount: c.discount,
              lines: c.lines.map((l, i) => ({
                id: `l${i}`,
                name: l.name,
                unitPriceMinor: l.unitPriceMinor,
                vatRate: l.vatRate,
                weighed: l.weighed,
                quantityMilli: l.weighed ? l.grams : l.pieces * 1000,
                // An amount discount larger than the line is invalid input; clamp it to the line.
                discount:
                  l.discount?.kind === 'amount' ? { kind: 'amount', minor: Math.min(l.discount.minor, l.unitPriceMinor) } : l.discount,
              })),
            }),
          );
        } catch {
          return true; // priceCart refuses carts that would go negative; those never reach a provider
        }
        const body = buildLinkBody({ orderReference, totals, validTo: new Date(0) }, config);
        const sum = body.cart.rows.reduce((s, r) => s + r.unitAmount * r.quantity - r.discountAmount, 0);
        expect(sum).toBe(body.cart.amount);
        expect(body.cart.amount).toBe(totals.totalMinor);
        expect(body.orderReference.length).toBeLessThanOrEqual(22);
        expect(body.cart.rows.every((r) => Number.isInteger(r.quantity) && Number.isSafeInteger(r.unitAmount))).toBe(true);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
