// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReceiptView } from '../../../renderer/src/components/receipt/ReceiptView';
import { changeLanguage } from '../../../renderer/src/i18n';
import type { ReceiptFiscal } from '../../../shared/domain/fiscal';
import type { Receipt } from '../../../shared/domain/receipt';
import type { UiLanguage } from '../../../shared/domain/settings';
import { sampleReceipt, sampleRefundReceipt, signedFiscal as signed } from '../../support/receipts';
import rules from '../../fixtures/fiscal/skvfs-2014-9-receipt.json';

/**
 * The receipt on screen and in the PDF (the print page draws this view) against 7 kap. 1 § SKVFS
 * 2014:9, as receipt-fields.test.ts holds the ESC/POS slip and the e-mail text to it.
 */
const swedish = (receipt: Receipt, fiscal: Partial<ReceiptFiscal> = {}): Receipt => ({ ...receipt, fiscal: { ...signed, ...fiscal } });
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const view = (receipt: Receipt) => {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(<ReceiptView receipt={receipt} />);
  return {
    text: plain(host.textContent ?? ''),
    marks: [...host.querySelectorAll('[data-testid="receipt-mark"]')].map((m) => m.textContent),
  };
};

beforeEach(() => changeLanguage('sv'));

describe('the receipt view (screen and PDF) of a Swedish receipt', () => {
  for (const field of rules.items) {
    // The date is drawn in the viewer's time zone, which the fixture's UTC time cannot know.
    if (field.item === 3) continue;
    it(`item ${field.item}: ${field.rule}`, () => {
      const { text } = view(swedish(sampleReceipt(), { electronic: field.electronicOnly === true }));
      for (const expected of field.expect) expect(text, expected).toContain(plain(expected));
    });
  }

  it('says "Elektroniskt kassakvitto" only on the electronic receipt', () => {
    expect(view(swedish(sampleReceipt())).text).not.toContain('Elektroniskt kassakvitto');
  });

  it('marks a copy KOPIA, a training receipt ÖVNING and one without a control code EJ KVITTO', () => {
    expect(view(swedish(sampleReceipt({ copy: true }))).marks).toEqual([rules.marks.copy]);
    expect(view(swedish(sampleReceipt({ demo: true }))).marks).toEqual([rules.marks.training]);
    const waiting = view(swedish(sampleReceipt(), { controlUnit: { state: 'waiting' } }));
    expect(waiting.marks).toEqual([rules.marks.notAReceipt]);
    expect(waiting.text).not.toContain('Kontrollkod');
    expect(view(swedish(sampleReceipt())).marks).toEqual([]);
  });

  it('a return receipt carries the same fields: company, org. no., address, till designation, articles, VAT per rate, payment means, unit and code', () => {
    const refund = view(swedish(sampleRefundReceipt(), { tillDesignation: 'Kassa 1' }));
    for (const expected of [
      'Bódin Åkeröy',
      'Org.nr 556036-0793',
      'Storgatan 1',
      'Kassabeteckning: Kassa 1',
      'Smörgåstårta Ærø-æbler',
      '25 %',
    ]) {
      expect(refund.text, expected).toContain(expected);
    }
    expect(refund.text).toContain('Kontrollenhet: ISCCUSE0000000001');
    expect(refund.text).toContain('Återbetalt via');
    expect(view(swedish(sampleRefundReceipt(), {})).marks).toEqual([]);
    expect(view(swedish({ ...sampleRefundReceipt(), copy: true })).marks).toEqual([rules.marks.copy]);
  });

  it('is in Swedish or English whatever the clerk’s language (5 kap. 2 § SKVFS 2014:10); other tills’ receipts stay in the clerk’s', async () => {
    for (const language of ['fi', 'nb', 'da', 'is'] as UiLanguage[]) {
      await changeLanguage(language);
      expect(view(swedish(sampleReceipt())).text, language).toContain('Kassabeteckning: Kassa 1');
    }
    await changeLanguage('en');
    expect(view(swedish(sampleReceipt())).text).toContain('Till designation: Kassa 1');
    await changeLanguage('fi');
    expect(view(sampleReceipt()).text).not.toContain('Kvitto 3');
  });
});
