import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyLink } from '../../../../electron/services/providers/straumur/classify';
import { getResponseSchema, type StraumurPaymentLink } from '../../../../electron/services/providers/straumur/schemas';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/straumur/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string) => getResponseSchema.parse(JSON.parse(fixture(name))).paymentLink;

const ISK_20000 = { amountMinor: 20_000, currency: 'ISK' };

function link(overrides: Partial<StraumurPaymentLink> = {}): StraumurPaymentLink {
  return {
    ...parseFixture('get-pay-by-link.json'),
    status: 'Active',
    visitCount: 0,
    salesCount: 0,
    submissions: [],
    ...overrides,
  };
}

const completed = (amount = 20_000, currency = 'ISK') => ({ answers: [], completed: true, amount, currency, token: null });
const declined = () => ({ answers: [], completed: false, amount: 20_000, currency: 'ISK', token: null });

describe('the documentation examples', () => {
  it('keeps the seed text byte-faithful: its trailing commas are not JSON', () => {
    for (const name of ['get-pay-by-link', 'get-tokenize-by-link']) {
      const text = fixture(`${name}.txt`);
      expect(text).toMatch(/"prefilledValue": (null|"1111111119"),\n\}/);
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      // The cleaned copy differs from the seed only by those commas.
      expect(JSON.parse(fixture(`${name}.json`))).toEqual(JSON.parse(text.replace(/,(\s*[}\]])/g, '$1')));
    }
  });

  it('parses the Pay by Link example, including its 8-character terminal identifier', () => {
    const parsed = parseFixture('get-pay-by-link.json');
    expect(parsed.terminalIdentifier).toBe('1adfe4a1');
    expect(parsed.items[0]).toMatchObject({ amountWithoutDiscount: 25_000, amount: 20_000, unitPrice: 20_000 });
    expect(parsed.submissions[0]?.answers).toEqual([{ field: 'Ssn', value: '1111111119' }]);
  });

  it('classifies the Active Pay by Link example with a completed sale as paid', () => {
    expect(classifyLink(parseFixture('get-pay-by-link.json'), ISK_20000)).toEqual({
      status: 'paid',
      providerStatus: 'Active',
      amountMinor: 20_000,
      currency: 'ISK',
      mismatch: null,
      charged: true,
    });
  });

  it('never counts the Completed Tokenize by Link example as a sale', () => {
    const parsed = parseFixture('get-tokenize-by-link.json');
    for (const expected of [{ amountMinor: 0, currency: 'ISK' }, ISK_20000]) {
      const report = classifyLink(parsed, expected);
      expect(report.status).toBe('unknown');
      expect(report.providerStatus).toBe('Completed');
      expect(report.mismatch).toMatch(/TokenizeByLink/);
    }
  });
});

describe('classifyLink', () => {
  it('reports a fresh Active link as open and a visited one as opened', () => {
    expect(classifyLink(link(), ISK_20000).status).toBe('open');
    expect(classifyLink(link({ visitCount: 1 }), ISK_20000).status).toBe('opened');
  });

  it('counts salesCount alone as paid', () => {
    expect(classifyLink(link({ salesCount: 1 }), ISK_20000).status).toBe('paid');
  });

  it('counts a completed submission for the sale amount as paid even before salesCount moves', () => {
    expect(classifyLink(link({ submissions: [completed()] }), ISK_20000).status).toBe('paid');
  });

  it('does not count a declined submission', () => {
    expect(classifyLink(link({ visitCount: 2, submissions: [declined()] }), ISK_20000).status).toBe('opened');
  });

  it('reads Expired and Disabled without a sale as expired and cancelled', () => {
    expect(classifyLink(link({ status: 'Expired' }), ISK_20000).status).toBe('expired');
    expect(classifyLink(link({ status: 'Disabled', visitCount: 3 }), ISK_20000).status).toBe('cancelled');
  });

  it('still reports paid when a paid link was later disabled or closed', () => {
    for (const status of ['Disabled', 'Expired', 'Used']) {
      expect(classifyLink(link({ status, salesCount: 1, submissions: [completed()] }), ISK_20000).status).toBe('paid');
    }
  });

  it('maps an unknown status string to unknown unless the sale rule says paid', () => {
    expect(classifyLink(link({ status: 'Frozen' }), ISK_20000)).toMatchObject({ status: 'unknown', providerStatus: 'Frozen' });
    expect(classifyLink(link({ status: 'Frozen', salesCount: 1 }), ISK_20000).status).toBe('paid');
    expect(classifyLink(link({ status: 'Used' }), ISK_20000).status).toBe('unknown');
  });

  it('flags a link for another amount or currency as a mismatch, never paid', () => {
    const other = classifyLink(link({ salesCount: 1, submissions: [completed()] }), { amountMinor: 30_000, currency: 'ISK' });
    expect(other.status).not.toBe('paid');
    expect(other.mismatch).toMatch(/different amount/);
    const currency = classifyLink(link({ salesCount: 1 }), { amountMinor: 20_000, currency: 'EUR' });
    expect(currency.status).not.toBe('paid');
    expect(currency.mismatch).toMatch(/ISK/);
  });

  it('flags a completed submission for another amount as a mismatch and reports what was charged', () => {
    const report = classifyLink(link({ salesCount: 1, submissions: [completed(100)] }), ISK_20000);
    expect(report).toMatchObject({ status: 'unknown', amountMinor: 100, charged: true });
    expect(report.mismatch).toMatch(/paid a different amount/);
    // A link for another amount that nobody paid took no money.
    expect(classifyLink(link({ salesCount: 0, submissions: [] }), { amountMinor: 30_000, currency: 'ISK' })).toMatchObject({
      charged: false,
    });
  });

  it('flags a link paid twice for one sale', () => {
    const report = classifyLink(link({ salesCount: 2, submissions: [completed(), completed()] }), ISK_20000);
    expect(report.status).toBe('unknown');
    expect(report.mismatch).toMatch(/2 times/);
  });

  it('keeps the neutral status beside a mismatch when nothing was sold', () => {
    const report = classifyLink(link({ status: 'Expired' }), { amountMinor: 1, currency: 'ISK' });
    expect(report.status).toBe('expired');
    expect(report.mismatch).not.toBeNull();
  });
});
