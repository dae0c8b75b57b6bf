import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../../electron/services/printing/escpos';
import { receiptMailText } from '../../../../electron/services/mail/receipt-text';
import type { ReceiptFiscal } from '../../../../shared/domain/fiscal';
import type { Receipt } from '../../../../shared/domain/receipt';
import { decodeEscPos } from '../../../../electron/services/sandbox/virtual-printer/decoder';
import { sampleReceipt, signedFiscal as signed } from '../../../support/receipts';
import rules from '../../../fixtures/fiscal/skvfs-2014-9-receipt.json';

const swedish = (options: { copy?: boolean; demo?: boolean; fiscal?: Partial<ReceiptFiscal> } = {}): Receipt => ({
  ...sampleReceipt({ copy: options.copy ?? false, demo: options.demo ?? false }),
  fiscal: { ...signed, ...options.fiscal },
});
// The sample's receipt is paid at 10:01 UTC; written in UTC so the fixture's time is fixed.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const slip = (receipt: Receipt) => {
  const decoded = decodeEscPos(encodeReceipt(receipt, { columns: 48, language: 'sv', timeZone: 'UTC' }));
  // A long line (the control code) wraps: the slip's text joined is what a reader sees.
  return {
    decoded,
    text: plain(decoded.slips[0]!.map((l) => l.trim()).join('\n')),
    joined: plain(decoded.slips[0]!.map((l) => l.trim()).join('')),
  };
};
const mail = (receipt: Receipt) => plain(receiptMailText(receipt, 'sv', 'UTC').text);

describe('a Swedish receipt shows every field 7 kap. 1 § SKVFS 2014:9 asks for', () => {
  for (const field of rules.items) {
    it(`item ${field.item}: ${field.rule} — on paper (ESC/POS) and in the e-mail`, () => {
      const printed = slip(swedish());
      const mailed = mail(swedish({ fiscal: { electronic: true } }));
      for (const text of field.expect) {
        if (!field.electronicOnly) expect(printed.text.includes(text) || printed.joined.includes(text), `slip: ${text}`).toBe(true);
        expect(mailed, `mail: ${text}`).toContain(text);
      }
    });
  }

  it('a paper receipt does not say it is electronic', () => {
    expect(slip(swedish()).text).not.toContain('Elektroniskt kassakvitto');
  });

  it('marks a copy KOPIA, a training receipt ÖVNING and one without a control code EJ KVITTO, at double width and height (twice the amounts)', () => {
    const copy = slip(swedish({ copy: true })).decoded;
    expect(copy.largeLines.map((l) => l.text)).toEqual([rules.marks.copy, rules.marks.copy]);
    for (const line of copy.largeLines) expect(line).toMatchObject({ width: 2, height: 2 });
    // The amounts print at normal size.
    expect(copy.largeLines.some((l) => /kr/.test(l.text))).toBe(false);

    const training = slip(
      swedish({ fiscal: { controlUnit: { ...signed.controlUnit, training: true } as ReceiptFiscal['controlUnit'] } }),
    ).decoded;
    expect(training.largeLines.map((l) => l.text)).toContain(rules.marks.training);
    expect(slip(swedish({ demo: true })).decoded.largeLines.map((l) => l.text)).toContain(rules.marks.training);

    const waiting = slip(swedish({ fiscal: { controlUnit: { state: 'waiting' } } }));
    expect(waiting.decoded.largeLines.map((l) => l.text)).toContain(rules.marks.notAReceipt);
    expect(waiting.text).toContain('Väntar på kontrollenheten');
    expect(waiting.text).not.toContain('Kontrollkod');

    expect(slip(swedish()).decoded.largeLines).toEqual([]);
    expect(mail(swedish({ copy: true }))).toContain('KOPIA');
  });

  it('leaves a receipt without a Swedish part as it was: no Swedish words, no large marks', () => {
    const receipt = sampleReceipt({ copy: true });
    const { decoded, text } = slip(receipt);
    expect(decoded.largeLines).toEqual([]);
    for (const word of ['Kassabeteckning', 'Kontrollenhet', 'Kontrollkod', 'EJ KVITTO']) expect(text).not.toContain(word);
    expect(text).toContain('KOPIA'); // the slip's own word for a copy, in its language, as before
    const icelandic = decodeEscPos(encodeReceipt(receipt, { columns: 48, language: 'is', timeZone: 'UTC' })).slips[0]!.join('\n');
    expect(icelandic).toContain('AFRIT');
    expect(icelandic).not.toContain('KOPIA');
  });
});
