import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ecsterTimestamp } from '../../../../electron/services/providers/ecster/dates';

const seedExample = (
  JSON.parse(readFileSync(new URL('../../../fixtures/ecster/create-request.json', import.meta.url), 'utf8')) as {
    parameters: { validTo: string };
  }
).parameters.validTo;

describe('ecsterTimestamp', () => {
  it("writes the seed's own validTo back exactly from its instant and offset", () => {
    expect(seedExample).toBe('2019-10-30T11:05:01+01:00');
    expect(ecsterTimestamp(new Date(Date.parse(seedExample)), 60)).toBe(seedExample);
  });

  it('writes local time at the given offset, in whole seconds, dropping milliseconds', () => {
    const at = new Date('2026-07-01T21:30:59.999Z');
    expect(ecsterTimestamp(at, 120)).toBe('2026-07-01T23:30:59+02:00');
    expect(ecsterTimestamp(at, 180)).toBe('2026-07-02T00:30:59+03:00');
    expect(ecsterTimestamp(at, 0)).toBe('2026-07-01T21:30:59+00:00');
    expect(ecsterTimestamp(at, -300)).toBe('2026-07-01T16:30:59-05:00');
    expect(ecsterTimestamp(at, 330)).toBe('2026-07-02T03:00:59+05:30');
    expect(ecsterTimestamp(at, -570)).toBe('2026-07-01T12:00:59-09:30');
  });

  it("uses the machine's own offset for that instant by default", () => {
    const at = new Date('2026-01-15T08:00:00.500Z');
    expect(ecsterTimestamp(at)).toBe(ecsterTimestamp(at, -at.getTimezoneOffset()));
    expect(Date.parse(ecsterTimestamp(at))).toBe(Date.parse('2026-01-15T08:00:00Z'));
  });

  it('always names the same instant, truncated to the second, in the seed form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const text = ecsterTimestamp(new Date(ms), offset);
          expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
          expect(Date.parse(text)).toBe(Math.floor(ms / 1000) * 1000);
        },
      ),
    );
  });

  it('refuses a date that is not one', () => {
    expect(() => ecsterTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});
