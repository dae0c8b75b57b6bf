import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../shared/domain/cart';
import type { Currency } from '../../../shared/domain/money';
import { cartSchema, type CartTotals } from '../../../shared/domain/schemas';
import { buildLinkBody } from '../../../electron/services/providers/ecster/body';
import { buildCreateBody } from '../../../electron/services/providers/straumur/mapping';
import { ProviderError } from '../../../electron/services/providers/provider';
import { validateLinkBody } from '../../../electron/services/sandbox/ecster-validate';
import { validateCreate } from '../../../electron/services/sandbox/straumur-validate';

/**
 * The sandbox is as strict as the seeds; the app must stay inside it. Any cart the domain accepts
 * (names of 200 characters, part numbers of 64, weighed goods, line and cart discounts) becomes a
 * request the strict sandbox takes, or is refused by the client itself before any call.
 */

const NOW = Date.parse('2026-06-01T12:00:00.000Z');

/** Text up to `max` characters, often exactly `max` long: limits are where requests break. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }),
    fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).map((s) => s.padEnd(max, 'x').slice(0, max)),
  );
const discount = fc.option(
  fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), minor: fc.integer({ min: 0, max: 50_000 }) }),
  ),
  { nil: null },
);
const line = fc.record({
  name: text(200).filter((n) => n.trim() !== ''),
  partNumber: fc.option(text(64), { nil: '' }),
  unit: fc.option(text(16), { nil: 'st' }),
  unitPriceMinor: fc.integer({ min: 0, max: 2_000_000 }),
  vatRate: fc.constantFrom(0, 600, 1200, 2500),
  weighed: fc.boolean(),
  pieces: fc.integer({ min: 1, max: 50 }),
  grams: fc.integer({ min: 1, max: 20_000 }),
  discount,
});
const cart = (currencies: readonly Currency[]) =>
  fc.record({
    currency: fc.constantFrom(...currencies),
    lines: fc.array(line, { minLength: 1, maxLength: 12 }),
    discount: fc.option(fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 5_000 }) }), {
      nil: null,
    }),
  });

type CartSpec = ReturnType<typeof cart> extends fc.Arbitrary<infer C> ? C : never;

function priced(c: CartSpec): CartTotals | null {
  try {
    return priceCart(
      cartSchema.parse({
        currency: c.currency,
        discount: c.discount,
        lines: c.lines.map((l, i) => ({
          id: `l${i}`,
          name: l.name,
          partNumber: l.partNumber,
          unit: l.unit,
          unitPriceMinor: l.unitPriceMinor,
          vatRate: l.vatRate,
          weighed: l.weighed,
          quantityMilli: l.weighed ? l.grams : l.pieces * 1000,
          discount: l.discount?.kind === 'amount' ? { kind: 'amount', minor: Math.min(l.discount.minor, l.unitPriceMinor) } : l.discount,
        })),
      }),
    );
  } catch {
    return null; // a cart the domain refuses never reaches a provider
  }
}

/** Builds the request, or null when the client refuses the cart itself (its own sentence, no call). */
function built<T>(build: () => T): T | null {
  try {
    return build();
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'rejected') return null;
    throw error;
  }
}

describe('the strict sandbox takes every request the app builds', () => {
  it('Ecster: any valid cart, in person, with or without sendLink and a platform reference', () => {
    fc.assert(
      fc.property(
        cart(['SEK', 'NOK', 'DKK', 'EUR']),
        fc.stringMatching(/^[A-Za-z0-9-]{1,22}$/),
        fc.constantFrom('sv', 'en', 'no', 'da', 'fi'),
        fc.boolean(),
        fc.option(fc.uuid(), { nil: undefined }),
        (c, orderReference, language, send, platformReference) => {
          const totals = priced(c);
          if (!totals) return;
          const body = built(() =>
            buildLinkBody(
              {
                orderReference,
                totals,
                validTo: new Date(NOW + 15 * 60_000),
                ...(send ? { sendTo: { kind: 'email' as const, email: 'kund@example.se' } } : {}),
              },
              { locale: { language, country: 'SE' }, version: '1.0.0', ...(platformReference ? { platformReference } : {}) },
            ),
          );
          if (!body) return;
          const checked = validateLinkBody(JSON.parse(JSON.stringify(body)), NOW);
          expect(checked.ok ? null : checked.error).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Straumur: any valid cart the client does not itself refuse', () => {
    fc.assert(
      fc.property(cart(['SEK', 'NOK', 'DKK', 'EUR', 'ISK']), fc.stringMatching(/^[A-Za-z0-9]{8,12}$/), (c, terminalIdentifier) => {
        const totals = priced(c);
        if (!totals) return;
        const body = built(() =>
          buildCreateBody(
            { orderReference: 'LP-T001-260601-1', totals, validTo: new Date(NOW + 15 * 60_000) },
            { terminalIdentifier, uiLanguage: 'is', returnUrl: 'https://shop.example/thanks' },
            NOW,
          ),
        );
        if (!body) return;
        const checked = validateCreate(JSON.stringify(body), NOW);
        expect(checked.ok ? null : checked.error).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
