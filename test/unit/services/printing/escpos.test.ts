import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { formatMoney, formatVatRate } from '../../../../shared/domain/format';
import { uiLanguages } from '../../../../shared/domain/settings';
import { receiptSlipWords, refundSlipWords, reportSlipWords } from '../../../../shared/receipt-words';
import {
  encodeDrawerKick,
  encodeReceipt,
  encodeReport,
  encodeTestPage,
  receiptCode,
  row,
  slipColumns,
  slipText,
  wrap,
} from '../../../../electron/services/printing/escpos';
import { normaliseLogo } from '../../../../electron/services/printing/logo';
import { decodeEscPos } from '../../../../electron/services/sandbox/virtual-printer/decoder';
import { nordicCart, sampleReceipt, sampleRefundReceipt, sampleReport } from '../../../support/receipts';
import { buildReport, type Report, type ReportEntry } from '../../../../shared/domain/report';

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

describe('encodeReceipt: refund receipts (credit notes)', () => {
  it.each([32, 42, 48] as const)(
    'prints a credit note in %i columns: its title and number, the receipt it refunds, negative lines, VAT and total, how and why',
    (columns) => {
      const receipt = sampleRefundReceipt();
      const decoded = decodeEscPos(encodeReceipt(receipt, { columns, language: 'sv', ...utc }));
      expect(decoded.cuts).toBe(1);
      const lines = decoded.slips[0]!;
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      const trimmed = lines.map((l) => l.trim());
      const money = (minor: number) => slipText(formatMoney(minor, 'SEK', 'sv-SE'));
      expect(trimmed).toEqual(
        expect.arrayContaining([
          'Återbetalningskvitto',
          'Återbetalningskvitto 2',
          'Återbetalning av kvitto 3',
          'Smörgåstårta Ærø-æbler',
          'Återbetalt via Ecster Pay Link',
          'Order: LP-T1-250101-7',
        ]),
      );
      // Wrapped where the roll is narrow.
      expect(trimmed.join(' ')).toContain('Krediterad till kundens betalning');
      expect(trimmed.join(' ')).toContain('Anledning: Fel storlek — återlämnad');
      expect(decoded.boldLines).toContain('Återbetalningskvitto');
      expect(trimmed).not.toContain('Kvitto 3');
      expect(trimmed).not.toContain(receiptSlipWords.sv.settlement.captured);
      expect(receipt.totalMinor).toBeLessThan(0);
      const total = lines.find((l) => l.startsWith('TOTALT'))!;
      expect(total.endsWith(money(receipt.totalMinor))).toBe(true);
      expect(money(receipt.totalMinor).startsWith('-')).toBe(true);
      // VAT per rate, negative, the gross adding up to the total.
      for (const v of receipt.vat) {
        const rate = slipText(formatVatRate(v.vatRate, 'sv-SE'));
        const vatLines = lines.slice(lines.findIndex((l) => l.trim().startsWith(rate)));
        expect(vatLines.slice(0, 4).join(' ')).toContain(money(v.grossMinor));
      }
      expect(receipt.vat.reduce((sum, v) => sum + v.grossMinor, 0)).toBe(receipt.totalMinor);
    },
  );

  it('says so in every language, and marks a training credit note with its own number', () => {
    for (const language of uiLanguages) {
      const lines = decodeEscPos(encodeReceipt(sampleRefundReceipt({ demo: true }), { columns: 42, language, ...utc })).slips[0]!;
      const trimmed = lines.map((l) => l.trim());
      expect(trimmed[0]).toBe(receiptSlipWords[language].training);
      expect(trimmed).toContain(refundSlipWords[language].receipt);
      expect(trimmed).toContain(refundSlipWords[language].trainingNumber.replace('{{number}}', '2'));
      expect(lines.join('\n')).not.toContain('?');
    }
  });
});

/** A PNG the owner might choose: a black disc on a transparent ground, `size` pixels square. */
function discPng(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 3) ** 2;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      png.data[i + 3] = inside ? 255 : 0;
    }
  return PNG.sync.write(png);
}

describe('encodeReceipt: logo and QR code', () => {
  it.each([32, 48] as const)(
    'prints the logo as a raster image above the shop’s name and the receipt number as a QR code at the foot (%i columns), the text around them intact',
    (columns) => {
      const logo = normaliseLogo(discPng(1000));
      expect(logo.width).toBeLessThanOrEqual(576);
      const receipt = sampleReceipt();
      const decoded = decodeEscPos(encodeReceipt(receipt, { columns, language: 'sv', logo, qrCode: true, ...utc }));
      expect(decoded.cuts).toBe(1);
      expect(decoded.images.length).toBeGreaterThan(0);
      for (const image of decoded.images) {
        expect(image.width).toBeLessThanOrEqual(columns * 12);
        expect(image.width % 8).toBe(0);
      }
      // The disc is black, its ground white: about π/9 of the picture.
      const dots = decoded.images.reduce((sum, i) => sum + i.width * i.height, 0);
      const black = decoded.images.reduce((sum, i) => sum + i.black, 0);
      expect(black / dots).toBeGreaterThan(0.25);
      expect(black / dots).toBeLessThan(0.45);
      const lines = decoded.slips[0]!.map((l) => l.trim());
      const shop = lines.indexOf('Bódin Åkeröy');
      expect(decoded.images[0]!.line).toBeLessThanOrEqual(shop);
      expect(decoded.qrCodes).toEqual([{ data: 'R3', slip: 0, line: expect.any(Number) as number }]);
      expect(decoded.qrCodes[0]!.line).toBeGreaterThan(lines.indexOf('Thank you for your purchase!'));
      // Everything else as without them.
      const plain = decodeEscPos(encodeReceipt(receipt, { columns, language: 'sv', ...utc }));
      expect(decoded.slips[0]!.filter((l) => l !== '')).toEqual(plain.slips[0]!.filter((l) => l !== ''));
      expect(plain.images).toEqual([]);
      expect(plain.qrCodes).toEqual([]);
    },
  );

  it('tells the series apart in the QR code: receipt, credit note, training', () => {
    expect(receiptCode(sampleReceipt())).toBe('R3');
    expect(receiptCode(sampleReceipt({ demo: true }))).toBe('TR3');
    expect(receiptCode(sampleRefundReceipt())).toBe('C2');
    expect(receiptCode(sampleRefundReceipt({ demo: true }))).toBe('TC2');
    const decoded = decodeEscPos(encodeReceipt(sampleRefundReceipt({ demo: true }), { columns: 42, language: 'en', qrCode: true }));
    expect(decoded.qrCodes.map((q) => q.data)).toEqual(['TC2']);
  });
});

describe('encodeReport', () => {
  it.each([32, 42, 48] as const)(
    'prints a Z report in %i columns with the report view’s rows: sales, VAT per rate, providers, refunds and the net',
    (columns) => {
      const report = sampleReport('z');
      const decoded = decodeEscPos(encodeReport(report, { columns, language: 'en', shopName: 'Bódin Åkeröy', ...utc }));
      expect(decoded.cuts).toBe(1);
      expect(decoded.drawerPulses).toBe(0);
      const lines = decoded.slips[0]!;
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      const trimmed = lines.map((l) => l.trim());
      const sek = report.real.currencies[0]!;
      const money = (minor: number) => slipText(formatMoney(minor, 'SEK', 'en-GB'));
      const rowOf = (label: string) => lines.find((l) => l.startsWith(label));
      expect(trimmed.slice(0, 3)).toEqual(['Bódin Åkeröy', 'Z report 4', 'Till: Kassa Ö']);
      expect(trimmed).not.toContain(reportSlipWords.en.interim);
      expect(trimmed).toContain('Receipts 1–2');
      expect(rowOf('Number of sales')).toMatch(/ 2$/);
      expect(rowOf('Gross total')!.endsWith(money(sek.sales.amountMinor))).toBe(true);
      expect(rowOf('Net total')!.endsWith(money(sek.netTotalMinor))).toBe(true);
      expect(rowOf('VAT total')!.endsWith(money(sek.vatTotalMinor))).toBe(true);
      expect(rowOf('Ecster')).toMatch(new RegExp(`1 · ${escape(money(12500))}$`));
      expect(rowOf('Straumur')).toMatch(new RegExp(`1 · ${escape(money(1120))}$`));
      expect(lines.join(' ')).toMatch(new RegExp(`Cancelled +1 · ${escape(money(999))}`));
      expect(lines.join(' ')).toMatch(new RegExp(`Refunds +1 · ${escape(money(12500))}`));
      expect(lines.join(' ')).toMatch(new RegExp(`Sales less refunds +${escape(money(sek.netSalesMinor))}`));
      expect(sek.netSalesMinor).toBe(1120);
      for (const heading of ['VAT per rate', 'Per provider', 'Refunds: VAT per rate', 'After refunds: VAT per rate'])
        expect(decoded.boldLines).toContain(heading);
      // The training sale apart, never in the totals.
      const training = trimmed.findIndex((l) => l.startsWith('Training (demo)'));
      expect(training).toBeGreaterThan(trimmed.findIndex((l) => l.startsWith('Sales less refunds')));
      expect(lines.slice(training).join(' ')).toContain(money(4000));
      expect(lines.slice(0, training).join(' ')).not.toContain(money(4000));
    },
  );

  it('marks an X report as interim, in the clerk’s language', () => {
    const lines = decodeEscPos(encodeReport(sampleReport('x'), { columns: 32, language: 'is', shopName: 'Búðin', ...utc })).slips[0]!;
    const trimmed = lines.map((l) => l.trim());
    expect(trimmed.slice(0, 2)).toEqual(['Búðin', 'X-skýrsla']);
    expect(trimmed.slice(2, 4).join(' ')).toBe(reportSlipWords.is.interim);
    expect(trimmed).toContain('Kassi: Kassa Ö');
    expect(lines.join(' ')).not.toContain('?');
  });

  it('counts the drawer openings of the period on a report that has them, and only there; a report opens no drawer', () => {
    const slip = (report: Report) => decodeEscPos(encodeReport(report, { columns: 32, language: 'sv', shopName: 'Boden', ...utc }));
    const counted = slip({ ...sampleReport('z'), drawerOpenings: 3 });
    expect(counted.slips[0]!.map((l) => l.replace(/\s+/g, ' ').trim())).toContain('Kassalådeöppningar 3');
    expect(counted.drawerPulses).toBe(0);
    expect(slip(sampleReport('z')).slips[0]!.join(' ')).not.toContain('Kassalådeöppningar');
  });

  it('sends only the drawer pulse for a drawer kick: nothing printed, nothing cut', () => {
    const decoded = decodeEscPos(encodeDrawerKick());
    expect(decoded.drawerPulses).toBe(1);
    expect(decoded.slips.flat()).toEqual([]);
  });

  it('names who closed the day on a Z report of a till with staff', () => {
    const report = { ...sampleReport('z'), closedBy: { id: 's-olga', name: 'Olga Åkerlund' } };
    const trimmed = decodeEscPos(encodeReport(report, { columns: 32, language: 'sv', shopName: 'Boden', ...utc })).slips[0]!.map((l) =>
      l.trim(),
    );
    expect(trimmed.slice(0, 4)).toEqual(['Boden', 'Z-rapport 4', 'Kassa: Kassa Ö', 'Dagen stängd av: Olga Åkerlund']);
  });
});

describe('other tenders on the slip', () => {
  const money = (minor: number) => slipText(formatMoney(minor, 'SEK', 'sv-SE'));

  it('prints cash given and change instead of the payment link, and the card terminal with its reference', () => {
    const base = sampleReceipt();
    const cash = {
      ...base,
      payment: {
        ...base.payment,
        linkReference: '',
        tender: { kind: 'cash' as const, givenMinor: 100_000, changeMinor: 100_000 - base.totalMinor },
      },
    };
    const lines = decodeEscPos(encodeReceipt(cash, { columns: 48, language: 'sv', ...utc })).slips[0]!.map((l) => l.trim());
    const given = lines.find((l) => l.startsWith('Kontant'))!;
    expect(given.endsWith(money(100_000))).toBe(true);
    expect(lines.find((l) => l.startsWith('Växel'))!.endsWith(money(100_000 - base.totalMinor))).toBe(true);
    expect(lines.join(' ')).not.toContain(receiptSlipWords.sv.paidWith.split(':')[0]!);

    const terminal = {
      ...base,
      payment: { ...base.payment, linkReference: '', tender: { kind: 'terminal' as const, reference: 'AUTH 4711' } },
    };
    const tLines = decodeEscPos(encodeReceipt(terminal, { columns: 48, language: 'sv', ...utc })).slips[0]!.map((l) => l.trim());
    expect(tLines).toContain('Kortterminal');
    expect(tLines).toContain('Referens: AUTH 4711');
  });

  it('prints an X report’s sales per payment means with count and amount', () => {
    const entry = (seq: number, partial: Partial<ReportEntry>): ReportEntry => ({
      seq,
      at: '2025-01-01T10:00:00.000Z',
      saleId: `s${seq}`,
      outcome: 'paid',
      demo: false,
      provider: 'ecster',
      currency: 'SEK',
      amountMinor: 1_000,
      vat: [],
      receiptNumber: seq,
      ...partial,
    });
    const report = buildReport(
      [entry(1, { means: 'cash' }), entry(2, { means: 'cash', amountMinor: 2_500 }), entry(3, { means: 'swish' })],
      {
        kind: 'x',
        number: null,
        period: { fromSeq: 0, toSeq: 3, fromAt: null, toAt: '2025-01-01T11:00:00.000Z' },
      },
    );
    const lines = decodeEscPos(encodeReport(report, { columns: 48, language: 'sv', shopName: 'Butik', ...utc })).slips[0]!.map((l) =>
      l.trim(),
    );
    const heading = lines.indexOf(reportSlipWords.sv.perMeans);
    expect(heading).toBeGreaterThan(0);
    expect(lines[heading + 1]).toMatch(new RegExp(`^Swish\\s+1 · ${escape(money(1_000))}$`));
    expect(lines[heading + 2]).toMatch(new RegExp(`^Kontant\\s+2 · ${escape(money(3_500))}$`));
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
