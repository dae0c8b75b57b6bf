import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../../shared/domain/format';
import { uiLanguages } from '../../../../shared/domain/settings';
import { receiptSlipWords } from '../../../../shared/receipt-words';
import { encodeReceipt, encodeTestPage, row, slipColumns, slipText, wrap } from '../../../../electron/services/printing/escpos';
import { decodeEscPos } from '../../../support/escpos-decoder';
import { nordicCart, sampleReceipt } from '../../../support/receipts';

const utc = { timeZone: 'UTC' } as const;
const nordicLetters = [...'åäöæøþðýÅÄÖÆØÞÐÝ'];

describe('encodeReceipt', () => {
  it.each([
    [58, 48, 32],
    [80, 48, 48],
    [80, 42, 42],
  ] as const)('lays a %i mm receipt out in its columns (80 mm set to %i: %i)', (paper, columns80, columns) => {
    const receipt = sampleReceipt({ paperWidthMm: paper });
    expect(slipColumns(paper, columns80)).toBe(columns);
    const decoded = decodeEscPos(encodeReceipt(receipt, { columns, language: 'sv', ...utc }));
    expect(decoded.slips).toHaveLength(1);
    expect(decoded.cuts).toBe(1);
    const lines = decoded.slips[0]!;
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(lines.some((l) => l === '-'.repeat(columns))).toBe(true);
    // The total on one line, the amount against the right edge.
    const total = lines.find((l) => l.startsWith('TOTALT'))!;
    expect(total.length).toBe(columns);
    expect(total.endsWith(slipText(formatMoney(receipt.totalMinor, 'SEK', 'sv-SE')))).toBe(true);
  });

  it('prints every line, total, VAT row and reference the receipt view shows (sv)', () => {
    const receipt = sampleReceipt();
    const decoded = decodeEscPos(encodeReceipt(receipt, { columns: 48, language: 'sv', ...utc }));
    const lines = decoded.slips[0]!;
    const money = (minor: number) => slipText(formatMoney(minor, 'SEK', 'sv-SE'));
    expect(lines).toContain('                  Bódin Åkeröy');
    expect(lines.map((l) => l.trim())).toEqual(
      expect.arrayContaining([
        'Storgatan 1',
        '123 45 Göteborg',
        'Momsreg.nr SE556000000001',
        'Kvitto 3',
        '2025-01-01 10:01:00',
        'Köp 7',
        'Kassa: Kassa Ö',
        'Kassör: Þórdís',
        'Smörgåstårta Ærø-æbler',
        'Äpplen och päron Øko',
        'Þorramatur, harðfiskur ÝÐ þý',
        'Betalt via betallänk: Ecster Pay Link',
        'Länk: ABC123',
        'Order: LP-T1-250101-7',
        'Thank you for your purchase!',
      ]),
    );
    // Each line: quantity × price, and the amount before its discount; the discount beneath.
    const first = receipt.lines[0]!;
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^  2 × ${escape(money(first.unitPriceMinor))} +${escape(money(first.totalMinor + first.discountMinor))}$`),
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  Rabatt +${escape(money(-first.discountMinor))}$`)));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}1,234 kg × 34,90 kr +43,07 kr$/));
    // VAT per rate: rate, net, VAT, gross, adding up to the total.
    for (const v of receipt.vat) {
      const vatRow = lines.find((l) => l.trim().startsWith(`${v.vatRate / 100} %`))!;
      expect(vatRow.trim().split(/ {2,}|(?<=%) +/)).toEqual([
        `${v.vatRate / 100} %`,
        money(v.netMinor),
        money(v.vatMinor),
        money(v.grossMinor),
      ]);
    }
    expect(receipt.vat.reduce((sum, v) => sum + v.grossMinor, 0)).toBe(receipt.totalMinor);
    expect(decoded.boldLines).toContainEqual(expect.stringMatching(/^TOTALT +/));
    expect(decoded.boldLines).toContain('Bódin Åkeröy');
  });

  it('selects Windows-1252 once (ESC t 16) and prints each Nordic letter as itself', () => {
    const decoded = decodeEscPos(encodeReceipt(sampleReceipt(), { columns: 48, language: 'is', ...utc }));
    expect(decoded.codepages).toEqual([16]);
    const text = decoded.slips[0]!.join('\n');
    for (const letter of nordicLetters) expect(text).toContain(letter);
    expect(text).toContain('Þórdís');
  });

  it('prints € and the dashes of the slip words without a question mark, in every language', () => {
    const receipt = sampleReceipt({ cart: { ...nordicCart, currency: 'EUR' }, demo: true });
    for (const language of uiLanguages) {
      const lines = decodeEscPos(encodeReceipt(receipt, { columns: 42, language, ...utc })).slips[0]!;
      const text = lines.join('\n');
      // Intl writes the sign in en and fi, the code (EUR) in the others, as the receipt view does.
      if (language === 'en' || language === 'fi') expect(text).toContain('€');
      expect(text).not.toContain('?');
      expect(text).toContain(receiptSlipWords[language].training);
    }
  });

  it('marks a training receipt at the top and the bottom, with its own number', () => {
    const lines = decodeEscPos(encodeReceipt(sampleReceipt({ demo: true }), { columns: 48, language: 'en', ...utc })).slips[0]!;
    const banners = lines.filter((l) => l.trim() === 'TRAINING — NOT A RECEIPT');
    expect(banners).toHaveLength(2);
    expect(lines[0]!.trim()).toBe('TRAINING — NOT A RECEIPT');
    expect(lines.map((l) => l.trim())).toContain('Training receipt 3');
    expect(lines.map((l) => l.trim())).not.toContain('Receipt 3');
  });

  it('says COPY on a reprint, and not on the first print', () => {
    const copy = decodeEscPos(encodeReceipt(sampleReceipt({ copy: true }), { columns: 32, language: 'da', ...utc })).slips[0]!;
    expect(copy[0]!.trim()).toBe(receiptSlipWords.da.copy);
    const first = decodeEscPos(encodeReceipt(sampleReceipt(), { columns: 32, language: 'da', ...utc })).slips[0]!;
    expect(first.map((l) => l.trim())).not.toContain(receiptSlipWords.da.copy);
  });

  it('shows a whole-cart discount as subtotal and discount above the total', () => {
    const receipt = sampleReceipt({ cart: { ...nordicCart, discount: { kind: 'percent', basisPoints: 1000 } } });
    const lines = decodeEscPos(encodeReceipt(receipt, { columns: 48, language: 'en', ...utc })).slips[0]!;
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('Subtotal')).toBeGreaterThan(-1);
    expect(at('Subtotal')).toBeLessThan(at('TOTAL'));
    expect(lines[at('Subtotal') + 1]).toMatch(/^Discount +-SEK/);
  });

  it('opens the cash drawer after the cut only when asked', () => {
    expect(decodeEscPos(encodeReceipt(sampleReceipt(), { columns: 48, language: 'en', openDrawer: true })).drawerPulses).toBe(1);
    expect(decodeEscPos(encodeReceipt(sampleReceipt(), { columns: 48, language: 'en' })).drawerPulses).toBe(0);
  });
});

describe('encodeTestPage', () => {
  it('names the printer and the width, and prints every Nordic letter, in the clerk’s language', () => {
    const decoded = decodeEscPos(encodeTestPage({ address: '10.0.0.5:9100', paperWidthMm: 58 }, { columns: 32, language: 'fi' }));
    const lines = decoded.slips[0]!;
    expect(decoded.cuts).toBe(1);
    expect(lines[0]!.trim()).toBe('LinkPOS-testisivu');
    expect(lines).toContain('Tulostin: 10.0.0.5:9100');
    expect(lines).toContain('12345678901234567890123456789012');
    const text = lines.join('');
    for (const letter of nordicLetters) expect(text).toContain(letter);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(32);
  });
});

describe('layout helpers', () => {
  it('wraps at spaces and breaks a word longer than the line', () => {
    expect(wrap('Smörgåstårta med räkor och ägg', 12)).toEqual(['Smörgåstårta', 'med räkor', 'och ägg']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('puts a right-hand amount under a left text that leaves it no room', () => {
    expect(row('Total', '12,00 kr', 20)).toEqual(['Total       12,00 kr']);
    expect(row('A very long product name', '1 000,00 kr', 20)).toEqual(['A very long product', 'name     1 000,00 kr']);
    expect(row('Twentycharacterslong', '9,00', 20)).toEqual(['Twentycharacterslong', '                9,00']);
  });

  it('writes thin spaces and minus signs as their plain twins', () => {
    expect(slipText('1\u202f000,00\u00a0kr')).toBe('1 000,00 kr');
    expect(slipText('\u221210,00 kr')).toBe('-10,00 kr');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
