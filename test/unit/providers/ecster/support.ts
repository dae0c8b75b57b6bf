import { cartSchema } from '../../../../shared/domain/schemas';
import type { CartTotals } from '../../../../shared/domain/schemas';
import { priceCart } from '../../../../shared/domain/cart';
import type { LinkRequest } from '../../../../electron/services/providers/provider';
import { ProviderError } from '../../../../electron/services/providers/provider';

/** A priced SEK cart: 2 × socks at 99.00, 0.345 kg cheese at 129.90/kg, a 10 % line discount on the shirt. */
export function sampleTotals(): CartTotals {
  return priceCart(
    cartSchema.parse({
      currency: 'SEK',
      lines: [
        { id: 'a', name: 'Socks', unitPriceMinor: 9900, vatRate: 2500, quantityMilli: 2000, unit: 'par', partNumber: 'S-1' },
        { id: 'b', name: 'Cheese', unitPriceMinor: 12990, vatRate: 1200, quantityMilli: 345, weighed: true, unit: 'kg' },
        {
          id: 'c',
          name: 'T-shirt',
          unitPriceMinor: 29900,
          vatRate: 2500,
          quantityMilli: 1000,
          discount: { kind: 'percent', basisPoints: 1000 },
        },
      ],
    }),
  );
}

export function sampleRequest(overrides: Partial<LinkRequest> = {}): LinkRequest {
  return { orderReference: 'LP-T001-260101-1', totals: sampleTotals(), validTo: new Date(Date.now() + 15 * 60_000), ...overrides };
}

export async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}
