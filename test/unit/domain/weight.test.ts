import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_WEIGHT_GRAMS, parseWeightInput } from '../../../shared/domain/weight';

describe('parseWeightInput', () => {
  it.each([
    ['1,250', 1250],
    ['1.250', 1250],
    ['1,25', 1250],
    ['0,3', 300],
    [',5', 500],
    ['2', 2000],
    [' 0.005 ', 5],
    ['1,250 kg', 1250],
    ['2kg', 2000],
    ['007,5', 7500],
    ['999,999', 999_999],
  ])('reads %j kg as %i grams', (text, grams) => {
    expect(parseWeightInput(text)).toEqual({ ok: true, grams });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['kg', 'empty'],
    ['abc', 'not-a-number'],
    ['1,2,3', 'not-a-number'],
    ['1.250,5', 'not-a-number'],
    ['-1', 'not-a-number'],
    ['1e3', 'not-a-number'],
    [',', 'not-a-number'],
    ['1,2345', 'too-many-decimals'],
    ['0', 'zero'],
    ['0,000', 'zero'],
    ['1000', 'too-heavy'],
    ['123456789012345', 'too-heavy'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseWeightInput(text)).toEqual({ ok: false, problem });
  });

  it('reads every weight written with three decimals back to its grams, comma or point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_WEIGHT_GRAMS }), fc.constantFrom(',', '.'), (grams, mark) => {
        const text = `${Math.floor(grams / 1000)}${mark}${String(grams % 1000).padStart(3, '0')}`;
        expect(parseWeightInput(text)).toEqual({ ok: true, grams });
      }),
    );
  });
});
