import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../../shared/domain/cart';
import type { Currency } from '../../../../shared/domain/money';
import type { Cart, CartLine, CartTotals, PricedLine } from '../../../../shared/domain/schemas';
import { ProviderError, type LinkRequest } from '../../../../electron/services/providers/provider';
import {
  buildCreateBody,
  cultureFor,
  describeSale,
  formatExpiresAt,
  orderReferenceFromDescription,
  toItem,
  type StraumurLinkConfig,
} from '../../../../electron/services/providers/straumur/mapping';

const NOW = Date.parse('2026-04-01T12:00:00.000Z');
const config: StraumurLinkConfig = { terminalIdentifier: 'T0000000TEST', uiLanguage: 'is' };

function line(overrides: Partial<CartLine> = {}): CartLine {
  return {
    id: overrides.id ?? 'l1',
    barcode: '',
    name: 'Kaffi',
    unitPriceMinor: 50_000,
    vatRate: 1100,
    quantityMilli: 1000,
    weighed: false,
    unit: 'st',
    partNumber: '',
    discount: null,
    custom: false,
    ...overrides,
  };
}

function totals(currency: Currency, lines: CartLine[], discount: Cart['discount'] = null): CartTotals {
  return priceCart({ currency, lines, discount });
}

function request(t: CartTotals, validTo = new Date(NOW + 15 * 60_000)): LinkRequest {
  return { orderReference: 'LP-T001-260401-42', totals: t, validTo };
}

function refusal(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('buildCreateBody', () => {
  it('builds a single-sale PayByLink with the order reference in the description', () => {
    const t = totals('ISK', [line({ quantityMilli: 2000 }), line({ id: 'l2', name: 'Kaka', unitPriceMinor: 90_000 })]);
    const body = buildCreateBody(request(t), { ...config, returnUrl: 'https://shop.example/thanks', themeKey: 'theme-1' }, NOW);
    expect(body).toEqual({
      type: 'PayByLink',
      terminalIdentifier: 'T0000000TEST',
      amount: 190_000,
      currency: 'ISK',
      items: [
        { name: 'Kaffi', quantity: 2, unitPrice: 50_000, amountWithoutDiscount: 100_000, amount: 100_000 },
        { name: 'Kaka', quantity: 1, unitPrice: 90_000, amountWithoutDiscount: 90_000, amount: 90_000 },
      ],
      exactSalesCount: 1,
      expiresAt: '2026-04-01T12:15:00.000Z',
      culture: 'is',
      description: 'LinkPOS sale LP-T001-260401-42',
      returnUrl: 'https://shop.example/thanks',
      themeKey: 'theme-1',
    });
  });

  it('leaves out returnUrl and themeKey when they are not configured', () => {
    const body = buildCreateBody(request(totals('SEK', [line()])), { ...config, returnUrl: '', themeKey: '' }, NOW);
    expect(body).not.toHaveProperty('returnUrl');
    expect(body).not.toHaveProperty('themeKey');
  });

  it('sends a weighed line as one item priced at its weighed gross', () => {
    const t = totals('SEK', [line({ weighed: true, quantityMilli: 345, unitPriceMinor: 12_900 })]);
    const [item] = buildCreateBody(request(t), config, NOW).items;
    expect(item).toEqual({ name: 'Kaffi', quantity: 1, unitPrice: 4451, amountWithoutDiscount: 4451, amount: 4451 });
  });

  it('carries a line discount as amount below amountWithoutDiscount', () => {
    const t = totals('SEK', [line({ quantityMilli: 3000, unitPriceMinor: 1000, discount: { kind: 'amount', minor: 500 } })]);
    const body = buildCreateBody(request(t), config, NOW);
    expect(body.items[0]).toMatchObject({ quantity: 3, unitPrice: 1000, amountWithoutDiscount: 3000, amount: 2500 });
    expect(body.amount).toBe(2500);
  });

  it("accepts 8 to 12 letters and digits as terminal identifier, the seed's own 8-character example included", () => {
    for (const terminalIdentifier of ['1adfe4a1', '1ADFE4A1b', 'T0000000TEST']) {
      expect(buildCreateBody(request(totals('ISK', [line()])), { ...config, terminalIdentifier }, NOW).terminalIdentifier).toBe(
        terminalIdentifier,
      );
    }
  });

  it('refuses a terminal identifier that is not 8 to 12 letters and digits, before any call', () => {
    for (const terminalIdentifier of ['', '1adfe4a', 'T0000000TEST1', '1adf e4a1', '1adfe4a1-']) {
      const error = refusal(() => buildCreateBody(request(totals('ISK', [line()])), { ...config, terminalIdentifier }, NOW));
      expect(error.kind).toBe('rejected');
      expect(error.l10n.key).toBe('straumurTerminalFormat');
    }
  });

  it('refuses more than 200 lines before any call', () => {
    const lines = Array.from({ length: 201 }, (_, i) => line({ id: `l${i}`, unitPriceMinor: 100 }));
    const error = refusal(() => buildCreateBody(request(totals('SEK', lines)), config, NOW));
    expect(error.message).toMatch(/at most 200 lines/);
    const ok = buildCreateBody(request(totals('SEK', lines.slice(0, 200))), config, NOW);
    expect(ok.items).toHaveLength(200);
  });

  it.each([
    ['ISK', 100, false],
    ['ISK', 200, true],
    ['SEK', 12, false],
    ['SEK', 13, true],
    ['NOK', 12, false],
    ['DKK', 6, false],
    ['DKK', 7, true],
    ['EUR', 1, true],
  ] as const)('applies the %s minimum (amount %i accepted: %s)', (currency, amount, accepted) => {
    const t = totals(currency, [line({ unitPriceMinor: amount })]);
    if (accepted) expect(buildCreateBody(request(t), config, NOW).amount).toBe(amount);
    else expect(refusal(() => buildCreateBody(request(t), config, NOW)).message).toMatch(/minimum/);
  });

  it('refuses a zero total', () => {
    const t = totals('SEK', [line({ discount: { kind: 'percent', basisPoints: 10_000 } })]);
    expect(refusal(() => buildCreateBody(request(t), config, NOW)).message).toMatch(/above zero/);
  });

  it('refuses an ISK cart whose total is not whole krónur', () => {
    // Hand-made totals: priceCart rounds ISK discounts to krónur, but the client must not trust that.
    const t = totals('ISK', [line()]);
    const odd: PricedLine = { ...t.lines[0]!, discountMinor: 50, totalMinor: 49_950 };
    const error = refusal(() => buildCreateBody(request({ ...t, lines: [odd], totalMinor: 49_950 }), config, NOW));
    expect(error.message).toMatch(/whole krónur/);
  });

  it('refuses an ISK item amount not ending in 00 even when the total does', () => {
    const t = totals('ISK', [line(), line({ id: 'l2' })]);
    const [a, b] = t.lines as [PricedLine, PricedLine];
    const lines = [
      { ...a, discountMinor: 50, totalMinor: 49_950 },
      { ...b, totalMinor: 50_050, grossBeforeDiscountMinor: 50_050 },
    ];
    expect(refusal(() => buildCreateBody(request({ ...t, lines, totalMinor: 100_000 }), config, NOW)).message).toMatch(/whole krónur/);
  });

  it('refuses lines that do not add up to the total', () => {
    const t = totals('SEK', [line()]);
    expect(refusal(() => buildCreateBody(request({ ...t, totalMinor: t.totalMinor + 1 }), config, NOW)).message).toMatch(/add up/);
  });

  it('refuses a line that costs more after its discount than before', () => {
    const t = totals('SEK', [line()]);
    const bad = { ...t.lines[0]!, grossBeforeDiscountMinor: 100 };
    expect(refusal(() => buildCreateBody(request({ ...t, lines: [bad] }), config, NOW)).message).toMatch(/more after its discount/);
  });

  it('refuses a link that would already have expired', () => {
    const t = totals('SEK', [line()]);
    expect(refusal(() => buildCreateBody(request(t, new Date(NOW)), config, NOW)).message).toMatch(/expire/);
  });
});

describe('small mappings', () => {
  it('asks for Icelandic only when the UI is Icelandic', () => {
    expect(cultureFor('is')).toBe('is');
    for (const lang of ['en', 'sv', 'nb', 'da', 'fi']) expect(cultureFor(lang)).toBe('en');
  });

  it('formats expiresAt as UTC with exactly three fractional digits', () => {
    expect(formatExpiresAt(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('2026-01-02T03:04:05.006Z');
  });

  it('reads back exactly the order reference it wrote, and nothing from foreign descriptions', () => {
    expect(orderReferenceFromDescription(describeSale('LP-T001-260401-42'))).toBe('LP-T001-260401-42');
    expect(orderReferenceFromDescription('Payment for PlayStation 2 HDMI Adapter.')).toBeNull();
    expect(orderReferenceFromDescription(null)).toBeNull();
  });
});

describe('item mapping properties', () => {
  const currencyArb = fc.constantFrom<Currency>('SEK', 'NOK', 'DKK', 'EUR', 'ISK');
  const discountArb = fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant('amount' as const), minor: fc.integer({ min: 0, max: 500 }).map((n) => n * 100) }),
    ),
    { nil: null },
  );
  const lineArb = fc.record({
    unitPriceMinor: fc.integer({ min: 0, max: 100_000 }).map((n) => n * 100),
    weighed: fc.boolean(),
    count: fc.integer({ min: 1, max: 50 }),
    grams: fc.integer({ min: 1, max: 5000 }),
    discount: discountArb,
  });

  it('items always sum to the amount and never exceed their undiscounted amount', () => {
    fc.assert(
      fc.property(currencyArb, fc.array(lineArb, { minLength: 1, maxLength: 30 }), discountArb, (currency, specs, cartDiscount) => {
        const lines = specs.map((s, i) =>
          line({
            id: `l${i}`,
            unitPriceMinor: s.unitPriceMinor,
            weighed: s.weighed,
            quantityMilli: s.weighed ? s.grams : s.count * 1000,
            // An amount discount larger than the line is invalid input for priceCart, not for us.
            discount: s.discount?.kind === 'amount' ? null : s.discount,
          }),
        );
        const cart: Cart = { currency, lines, discount: cartDiscount?.kind === 'amount' ? null : cartDiscount };
        const t = priceCart(cart);
        const items = t.lines.map(toItem);
        expect(items.reduce((sum, i) => sum + i.amount, 0)).toBe(t.totalMinor);
        for (const item of items) {
          expect(item.amount).toBeLessThanOrEqual(item.amountWithoutDiscount);
          expect(item.amount).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(item.quantity) && item.quantity >= 1).toBe(true);
        }
        // Whatever buildCreateBody answers, it never sends a body that breaks those rules.
        try {
          const body = buildCreateBody(request(t), config, NOW);
          expect(body.items.reduce((sum, i) => sum + i.amount, 0)).toBe(body.amount);
          if (currency === 'ISK') expect(body.items.every((i) => i.amount % 100 === 0 && i.unitPrice % 100 === 0)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ProviderError);
          expect((error as ProviderError).kind).toBe('rejected');
        }
      }),
      { numRuns: 300 },
    );
  });
});
