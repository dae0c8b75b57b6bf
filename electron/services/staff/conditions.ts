import { reductionsOf } from '../../../shared/domain/cart';
import { cartSchema } from '../../../shared/domain/schemas';
import type { StaffOptions } from '../../../shared/ipc/channels/staff';

/**
 * `discount-above-threshold`: the call's cart (sale:charge, sale:updateCart) has discounts, or
 * prices lowered by hand at the till (a price change is a reduction like a discount), that take
 * more than the threshold's share of the goods before them. Integer arithmetic:
 * reduction · 100 > gross · percent.
 */
export function discountAboveThreshold(input: unknown, options: StaffOptions): boolean {
  const percent = options.discountApprovalPercent;
  if (percent === null) return false;
  const cart = cartSchema.safeParse((input as { cart?: unknown } | null)?.cart);
  if (!cart.success) return false;
  let reductions;
  try {
    reductions = reductionsOf(cart.data);
  } catch {
    return false; // the handler refuses an unpriceable cart itself
  }
  const { reductionMinor, grossMinor } = reductions;
  return reductionMinor > 0 && reductionMinor * 100 > grossMinor * percent;
}

/**
 * The sale states in which the customer may have paid without the till knowing yet: the customer
 * opened the link, an order is being completed, or a person must look. A link only shown
 * (`waiting`) is cancelled at the provider, which refuses to cancel a paid one.
 */
const MAY_BE_PAID: ReadonlySet<string> = new Set(['opened', 'completing', 'needs-attention']);

/**
 * `sale-may-be-paid`: the sale named by the call (`sale:cancel`'s `id`) is in one of those states
 * (or is not known here).
 */
export function saleMayBePaid(stateOf: (saleId: string) => string | null) {
  return (input: unknown): boolean => {
    const saleId = (input as { id?: unknown } | null)?.id;
    if (typeof saleId !== 'string') return true;
    const state = stateOf(saleId);
    return state === null || MAY_BE_PAID.has(state);
  };
}
