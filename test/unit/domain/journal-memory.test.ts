import { describe, expect, it } from 'vitest';
import {
  amountText,
  quantityAmountText,
  quantityCountText,
  swedishDateTime,
  text72Of,
  vatRateText,
} from '../../../shared/domain/journal-memory';

/** The value formats of Skatteverket's journal-memory schema (docs/skvfs-2021-16.md). */
describe('journal-memory values', () => {
  it('writes Swedish local time without a zone, across both clock changes of 2027', () => {
    expect(swedishDateTime('2027-01-04T09:01:00.000Z')).toBe('2027-01-04T10:01:00');
    expect(swedishDateTime('2027-07-01T09:01:02.999Z')).toBe('2027-07-01T11:01:02');
    // Summer time starts 28 March 2027 at 01:00 UTC: 02:00 local becomes 03:00.
    expect(swedishDateTime('2027-03-28T00:59:59Z')).toBe('2027-03-28T01:59:59');
    expect(swedishDateTime('2027-03-28T01:00:00Z')).toBe('2027-03-28T03:00:00');
    // And ends 31 October 2027 at 01:00 UTC: 03:00 local becomes 02:00 again.
    expect(swedishDateTime('2027-10-31T00:59:59Z')).toBe('2027-10-31T02:59:59');
    expect(swedishDateTime('2027-10-31T01:00:00Z')).toBe('2027-10-31T02:00:00');
    // An offset in the input is an instant like any other.
    expect(swedishDateTime('2027-01-04T12:30:00+02:00')).toBe('2027-01-04T11:30:00');
  });

  it('writes amounts and rates with a dot and two decimals, counts with two, amounts of weight with three', () => {
    expect([amountText(7000), amountText(-3000), amountText(5), amountText(0)]).toEqual(['70.00', '-30.00', '0.05', '0.00']);
    expect([vatRateText(2500), vatRateText(1200), vatRateText(0)]).toEqual(['25.00', '12.00', '0.00']);
    expect([quantityCountText(2000), quantityCountText(-1000), quantityCountText(1500), quantityCountText(125)]).toEqual([
      '2.00',
      '-1.00',
      '1.50',
      null,
    ]);
    expect([quantityAmountText(125), quantityAmountText(2000)]).toEqual(['0.125', '2.000']);
  });

  it('cuts text to the schema’s 72 characters and never writes it empty', () => {
    expect(text72Of('x'.repeat(100))).toHaveLength(72);
    expect(text72Of('  Kaffe  ')).toBe('Kaffe');
    expect(text72Of('   ')).toBe('-');
    expect(text72Of('', 'Kort')).toBe('Kort');
    // Characters, not UTF-16 units: a name of emoji is not cut in half.
    expect([...text72Of('🥐'.repeat(80))]).toHaveLength(72);
  });
});
