import { describe, expect, it } from 'vitest';
import {
  controlUnitRequest,
  fiscalKey,
  formatOrganisationNumber,
  isSwedishOrganisationNumber,
  organisationNumberDigits,
} from '../../../shared/domain/fiscal';
import { defaultSettings, validateSettings } from '../../../shared/domain/settings';
import { sampleReceipt } from '../../support/receipts';

describe('Swedish organisation numbers', () => {
  it('accepts numbers whose tenth digit is the Luhn check digit, in the forms people write', () => {
    // Bolagsverket's own examples and well-known companies' numbers.
    for (const valid of ['556036-0793', '5560360793', '202100-6297', '16556036-0793', '165560360793', '19811218-9876'])
      expect(isSwedishOrganisationNumber(valid), valid).toBe(true);
  });
  it('refuses a wrong check digit, wrong length and letters', () => {
    for (const invalid of ['556036-0794', '556036079', '55603607930', 'ABCDEF-1234', '', '99556036-0793'])
      expect(isSwedishOrganisationNumber(invalid), invalid).toBe(false);
  });
  it('prints as NNNNNN-NNNN', () => {
    expect(formatOrganisationNumber('165560360793')).toBe('556036-0793');
    expect(organisationNumberDigits('556036 0793')).toBe('5560360793');
  });
});

describe('Swedish till settings', () => {
  const swedish = {
    ...defaultSettings,
    shop: { ...defaultSettings.shop, organisationNumber: '556036-0793', address: 'Storgatan 1, 123 45 Göteborg' },
    sweden: { enabled: true, tillDesignation: 'Kassa 1', controlUnit: { kind: 'simulated' as const, efstaUrl: 'http://localhost:5618' } },
  };
  it('accepts a complete Swedish till', () => {
    expect(validateSettings(swedish).ok).toBe(true);
  });
  it('asks for a valid organisation number, the address of the sale and the till designation', () => {
    const result = validateSettings({
      ...swedish,
      shop: { ...swedish.shop, organisationNumber: '556036-0794', address: ' ' },
      sweden: { ...swedish.sweden, tillDesignation: '' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldMessages).sort()).toEqual(['shop.address', 'shop.organisationNumber', 'sweden.tillDesignation']);
    expect(result.fieldMessages['shop.organisationNumber']).toEqual({ key: 'settingsOrganisationNumber' });
  });
  it('leaves every other till alone (off by default; an Icelandic till needs none of it)', () => {
    expect(defaultSettings.sweden.enabled).toBe(false);
    expect(validateSettings({ ...defaultSettings, currency: 'ISK', demoProvider: 'straumur' }).ok).toBe(true);
  });
});

describe('the control unit request', () => {
  it('carries what the receipt is signed over, copied from the receipt, keyed by series, number and original/copy', () => {
    const receipt = sampleReceipt();
    const r = controlUnitRequest(receipt, { organisationNumber: '556036-0793', tillDesignation: 'Kassa 1' });
    expect(r).toMatchObject({
      key: 'real:3:original',
      kind: 'normal',
      organisationNumber: '5560360793',
      tillDesignation: 'Kassa 1',
      at: receipt.receipt.paidAt,
      receiptNumber: 3,
      totalMinor: receipt.totalMinor,
    });
    expect(r.vat).toEqual(receipt.vat.map((v) => ({ vatRate: v.vatRate, vatMinor: v.vatMinor, grossMinor: v.grossMinor })));
    expect(controlUnitRequest(sampleReceipt({ copy: true }), { organisationNumber: '5560360793', tillDesignation: 'K' })).toMatchObject({
      key: 'real:3:copy',
      kind: 'copy',
    });
    expect(controlUnitRequest(sampleReceipt({ demo: true }), { organisationNumber: '5560360793', tillDesignation: 'K' })).toMatchObject({
      key: 'training:3:original',
      kind: 'training',
    });
    expect(
      fiscalKey(
        { receipt: receipt.receipt, refund: { number: 1, originalReceipt: receipt.receipt, reason: '', method: 'portal' } },
        'refund',
      ),
    ).toBe('refund-real:3:original');
  });
});
