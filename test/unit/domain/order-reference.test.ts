import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deriveOrderReference,
  MAX_ORDER_REFERENCE_LENGTH,
  MAX_SALE_NUMBER,
  isValidOrderReference,
  makeOrderReference,
  tillCode,
} from '../../../shared/domain/order-reference';

/** Any text, surrogates and control characters included (cheaper than fast-check's binary unit). */
const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 100 }).map((codes) => String.fromCharCode(...codes));

describe('makeOrderReference', () => {
  it('reads LP-<till>-<yymmdd>-<number>', () => {
    expect(makeOrderReference({ tillId: 't1', saleNumber: 42, now: Date.UTC(2026, 3, 1, 12) })).toBe('LP-00T1-260401-42');
  });

  it('hashes long or odd till ids to four characters, so ids sharing a prefix still differ', () => {
    expect(tillCode('kassa-main-1')).toMatch(/^[0-9A-Z]{4}$/);
    expect(tillCode('kassa-main-1')).not.toBe(tillCode('kassa-main-2'));
    expect(tillCode('kassa-main-1')).toBe(tillCode('kassa-main-1'));
  });

  it('refuses sale numbers it cannot fit', () => {
    expect(() => makeOrderReference({ tillId: 'A', saleNumber: 0, now: 0 })).toThrow(RangeError);
    expect(() => makeOrderReference({ tillId: 'A', saleNumber: MAX_SALE_NUMBER + 1, now: 0 })).toThrow(RangeError);
    expect(() => makeOrderReference({ tillId: 'A', saleNumber: 1.5, now: 0 })).toThrow(RangeError);
  });

  it('is at most 22 characters of [A-Za-z0-9-] for every till, number and date in range', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.integer({ min: 1, max: MAX_SALE_NUMBER }),
        fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
        (tillId, saleNumber, now) => {
          const reference = makeOrderReference({ tillId, saleNumber, now });
          expect(reference.length).toBeLessThanOrEqual(MAX_ORDER_REFERENCE_LENGTH);
          expect(reference).toMatch(/^[A-Za-z0-9-]+$/);
          expect(isValidOrderReference(reference)).toBe(true);
        },
      ),
    );
  });

  it('gives different sales on one till different references', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SALE_NUMBER }), fc.integer({ min: 1, max: MAX_SALE_NUMBER }), (a, b) => {
        fc.pre(a !== b);
        const now = Date.UTC(2026, 0, 1);
        expect(makeOrderReference({ tillId: 'T1', saleNumber: a, now })).not.toBe(makeOrderReference({ tillId: 'T1', saleNumber: b, now }));
      }),
    );
  });
});

describe('deriveOrderReference', () => {
  it('derives order references within 22 characters that keep the sale number and attempt', () => {
    expect(deriveOrderReference('LP-00T1-260401-42', 1)).toBe('LP-00T1-260401-42');
    expect(deriveOrderReference('LP-00T1-260401-42', 2)).toBe('LP-00T1-260401-42-2');
    const long = deriveOrderReference('LP-00T1-260401-1234567', 12);
    expect(long.length).toBeLessThanOrEqual(22);
    expect(long.endsWith('-1234567-12')).toBe(true);
    expect(deriveOrderReference('LP-00T1-260401-1234567', 2)).not.toBe(deriveOrderReference('LP-00T1-260401-1234568', 2));
  });
});
