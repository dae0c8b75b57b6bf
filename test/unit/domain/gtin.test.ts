import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultInStoreRules, gtinCheckDigit, inStoreRuleProblems, isValidGtin, parseBarcode, toGtin14 } from '../../../shared/domain/gtin';
import type { InStoreRule } from '../../../shared/domain/gtin';

/** Reference check digit, written from the left as GS1's table does: weight 3 for positions that
 * are odd counted from the right of the full code (i.e. the body's last digit). */
function referenceCheckDigit(body: string): number {
  const digits = [...body].map(Number);
  const total = digits.reduce((sum, d, i) => sum + d * ((digits.length - i) % 2 === 1 ? 3 : 1), 0);
  return (10 - (total % 10)) % 10;
}

const withCheck = (body: string): string => body + String(referenceCheckDigit(body));

describe('GTIN check digits', () => {
  it.each([
    ['EAN-13', '4006381333931'],
    ['UPC-A', '036000291452'],
    ['EAN-8', '96385074'],
    ['GTIN-14', '10614141000415'],
  ])('accepts a published %s example', (format, code) => {
    expect(isValidGtin(code)).toBe(true);
    expect(parseBarcode(code)).toMatchObject({ kind: 'gtin', gtin: code, format, gtin14: code.padStart(14, '0') });
  });

  const bodyArb = fc
    .constantFrom(7, 11, 12, 13)
    .chain((length) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }))
    .map((digits) => digits.join(''));

  it('accepts every GTIN whose check digit is computed from its body', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        expect(gtinCheckDigit(body)).toBe(referenceCheckDigit(body));
        expect(isValidGtin(withCheck(body))).toBe(true);
      }),
    );
  });

  it('rejects every single-digit substitution of a valid GTIN', () => {
    fc.assert(
      fc.property(bodyArb, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const code = withCheck(body);
        const position = at % code.length;
        const wrong = String((Number(code[position]) + shift) % 10);
        const misread = code.slice(0, position) + wrong + code.slice(position + 1);
        expect(isValidGtin(misread)).toBe(false);
        expect(parseBarcode(misread)).toEqual({ kind: 'invalid', reason: 'check-digit' });
      }),
    );
  });

  it('pads to 14 digits so UPC-A and its EAN-13 form compare equal', () => {
    expect(toGtin14('036000291452')).toBe(toGtin14('0036000291452'));
  });
});

describe('in-store codes (EAN-13 prefix 20–29)', () => {
  it('decodes prefix 23 as a weight in grams by default', () => {
    const code = withCheck('230012300456');
    const parsed = parseBarcode(code);
    expect(parsed).toEqual({
      kind: 'in-store',
      gtin: code,
      lookupKey: '2300123',
      lookupGtin: withCheck('230012300000'),
      embedded: { kind: 'weight', quantityMilli: 456 },
    });
  });

  it('decodes the other prefixes as a price in minor units by default', () => {
    const parsed = parseBarcode(withCheck('201234501995'));
    expect(parsed).toMatchObject({ kind: 'in-store', lookupKey: '2012345', embedded: { kind: 'price', priceMinor: 1995 } });
  });

  it('still verifies the check digit of an in-store code', () => {
    const code = withCheck('230012300456');
    const misread = code.slice(0, -1) + String((Number(code.slice(-1)) + 1) % 10);
    expect(parseBarcode(misread)).toEqual({ kind: 'invalid', reason: 'check-digit' });
  });

  it('refuses a label that shows no weight or no price', () => {
    expect(parseBarcode(withCheck('230012300000'))).toMatchObject({ kind: 'invalid', reason: 'no-weight' });
    expect(parseBarcode(withCheck('250012300000'))).toMatchObject({ kind: 'invalid', reason: 'no-price' });
  });

  it('follows a shop’s own rules, longest prefix first', () => {
    const rules: InStoreRule[] = [
      { prefix: '2', kind: 'price', itemDigits: 6, valueDigits: 5, valueDecimals: 0 },
      { prefix: '299', kind: 'weight', itemDigits: 4, valueDigits: 5, valueDecimals: 2 },
    ];
    // Whole krónur: 01250 → 1250 kr → 125 000 minor units.
    expect(parseBarcode(withCheck('212345601250'), rules)).toMatchObject({
      lookupKey: '2123456',
      embedded: { kind: 'price', priceMinor: 125_000 },
    });
    // 00123 with two decimals of a kg → 1.23 kg → 1230 thousandths.
    expect(parseBarcode(withCheck('299123400123'), rules)).toMatchObject({
      lookupKey: '2991234',
      embedded: { kind: 'weight', quantityMilli: 1230 },
    });
  });

  it('ignores a rule that does not fill the code, and says why', () => {
    const broken: InStoreRule = { prefix: '23', kind: 'weight', itemDigits: 4, valueDigits: 5, valueDecimals: 3 };
    expect(inStoreRuleProblems(broken)).toEqual(['length']);
    expect(parseBarcode(withCheck('230012300456'), [broken])).toMatchObject({ kind: 'gtin' });
    for (const rule of defaultInStoreRules) expect(inStoreRuleProblems(rule)).toEqual([]);
  });
});

/** Any text, surrogates and control characters included (cheaper than fast-check's binary unit). */
const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((codes) => String.fromCharCode(...codes));

describe('parseBarcode on other input', () => {
  it('passes printable non-GTIN codes on as lookup keys', () => {
    expect(parseBarcode('ABC-123456')).toEqual({ kind: 'other', code: 'ABC-123456' });
    expect(parseBarcode('1234567890')).toEqual({ kind: 'other', code: '1234567890' });
  });

  it('drops the scanner’s trailing CR/LF and padding', () => {
    expect(parseBarcode(' 96385074\r\n')).toMatchObject({ kind: 'gtin', gtin: '96385074' });
  });

  it.each([
    ['empty', '', 'nothing-scanned'],
    ['only spaces', '   ', 'nothing-scanned'],
    ['not a string', 42, 'nothing-scanned'],
    ['a control character', '1234\u0000567', 'control-characters'],
    ['an escape sequence', '\u001b[31mABCDEF', 'control-characters'],
    ['longer than 64', 'A'.repeat(65), 'too-long'],
    ['an AZERTY digit row', '&é"\'(-è_çà', 'keyboard-layout'],
    ['punctuation only', '&"\'(-_)!', 'no-letters-or-digits'],
    ['Nordic shifted digits', '§½¤%&/()', 'keyboard-layout'],
    ['too short', 'AB12', 'too-short'],
  ])('answers invalid with a reason code for %s', (_what, raw, reason) => {
    const parsed = parseBarcode(raw);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.reason).toBe(reason);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, fc.string({ maxLength: 70 }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 })),
        (raw) => {
          const parsed = parseBarcode(raw);
          expect(['gtin', 'in-store', 'invalid', 'other']).toContain(parsed.kind);
        },
      ),
    );
  });
});
