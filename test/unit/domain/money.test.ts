import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divRound, mulDivRound, roundingStepMinor } from '../../../shared/domain/money';

describe('mulDivRound', () => {
  it('rounds half away from zero', () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(4, 1, 3)).toBe(1);
  });

  it('stays exact where the product passes 2^53', () => {
    // 1 000 000.00 × 9 999.999 kg: the product 9.99…e17 is beyond exact doubles.
    expect(mulDivRound(100_000_000, 9_999_999, 1000)).toBe(999_999_900_000);
    expect(mulDivRound(999_999_999, 999_999_999, 1_000_000_000)).toBe(999_999_998);
  });

  it('agrees with divRound wherever the product is a safe integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 1, max: 1e6 }), (a, b, c) => {
        expect(mulDivRound(a, b, c)).toBe(divRound(a * b, c));
      }),
    );
  });

  it('refuses non-integers and a non-positive divisor', () => {
    expect(() => mulDivRound(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDivRound(1, 1, 0)).toThrow(RangeError);
  });

  it('pays ISK in whole krónur and the rest to the cent', () => {
    expect(roundingStepMinor('ISK')).toBe(100);
    expect(roundingStepMinor('SEK')).toBe(1);
  });
});
