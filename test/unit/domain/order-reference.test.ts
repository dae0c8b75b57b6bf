import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deriveOrderReference,
  MAX_ORDER_REFERENCE_LENGTH,
  MAX_SALE_NUMBER,
  isValidOrderReference,
  makeOrderReference,
  tillCode,
  isTillCode,
  makeTillOrderReference,
  tillCodeOf,
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
    expect(long).toBe('00T1-260401-1234567-12');
    expect(deriveOrderReference('LP-00T1-260401-1234567', 2)).not.toBe(deriveOrderReference('LP-00T1-260401-1234568', 2));
  });
});

describe('the till form of the order reference', () => {
  const code = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{6}$/);
  const epoch = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{2}$/);
  const saleNumber = fc.integer({ min: 1, max: MAX_SALE_NUMBER });

  it('reads LP-<till code>-<epoch>-<number>', () => {
    expect(makeTillOrderReference({ code: '7K3QZ9', epoch: 'A2' }, 42)).toBe('LP-7K3QZ9-A2-42');
  });

  it('takes the till code from the first 30 bits of the identity, in base 32 without I, L, O, U', () => {
    expect(tillCodeOf('00000000-0000-4000-8000-000000000000')).toBe('000000');
    expect(tillCodeOf('ffffffff-ffff-4fff-bfff-ffffffffffff')).toBe('ZZZZZZ');
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(isTillCode(tillCodeOf(id))).toBe(true);
      }),
    );
    expect(() => tillCodeOf('till1')).toThrow(RangeError);
  });

  it('is at most 20 characters of [A-Za-z0-9-], leaving room for an attempt', () => {
    fc.assert(
      fc.property(code, epoch, saleNumber, (c, e, n) => {
        const reference = makeTillOrderReference({ code: c, epoch: e }, n);
        expect(reference.length).toBeLessThanOrEqual(20);
        expect(isValidOrderReference(reference)).toBe(true);
        expect(deriveOrderReference(reference, 9)).toBe(`${reference}-9`);
      }),
    );
  });

  it('differs whenever the till, the epoch or the sale number differs', () => {
    fc.assert(
      fc.property(fc.tuple(code, epoch, saleNumber), fc.tuple(code, epoch, saleNumber), ([c1, e1, n1], [c2, e2, n2]) => {
        fc.pre(c1 !== c2 || e1 !== e2 || n1 !== n2);
        expect(makeTillOrderReference({ code: c1, epoch: e1 }, n1)).not.toBe(makeTillOrderReference({ code: c2, epoch: e2 }, n2));
      }),
    );
  });

  it('derives distinct references within 22 characters for every attempt, dropping LP- before anything else', () => {
    fc.assert(
      fc.property(
        fc.tuple(code, epoch, saleNumber, fc.integer({ min: 1, max: 9999 })),
        fc.tuple(code, epoch, saleNumber, fc.integer({ min: 1, max: 9999 })),
        ([c1, e1, n1, a1], [c2, e2, n2, a2]) => {
          fc.pre(c1 !== c2 || e1 !== e2 || n1 !== n2 || a1 !== a2);
          const one = deriveOrderReference(makeTillOrderReference({ code: c1, epoch: e1 }, n1), a1);
          const two = deriveOrderReference(makeTillOrderReference({ code: c2, epoch: e2 }, n2), a2);
          expect(isValidOrderReference(one)).toBe(true);
          expect(one).toContain(`${c1}-${e1}-${n1}`);
          expect(one).not.toBe(two);
        },
      ),
    );
  });

  it('never equals a reference of the old form, so old journals and new sales cannot meet', () => {
    fc.assert(
      fc.property(code, epoch, saleNumber, anyText, saleNumber, (c, e, n, tillId, m) => {
        expect(makeTillOrderReference({ code: c, epoch: e }, n)).not.toBe(
          makeOrderReference({ tillId, saleNumber: m, now: Date.UTC(2026, 3, 1) }),
        );
      }),
    );
  });

  it('refuses a till code or epoch outside the alphabet', () => {
    expect(() => makeTillOrderReference({ code: '7K3QZI', epoch: 'A2' }, 1)).toThrow(RangeError);
    expect(() => makeTillOrderReference({ code: '7K3QZ9', epoch: 'A' }, 1)).toThrow(RangeError);
  });
});
