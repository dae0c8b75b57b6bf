import { MAX_MINOR, mulDivRound, roundingStepMinor } from './money';
import type { Currency } from './money';
import { formatMinorPlain } from './format';
import type { EmbeddedValue } from './gtin';
import type { MessageKey, MessageParams } from '../messages';
import type { ArticleKind, Cart, CartLine, CartTotals, Discount, PricedLine, Product, VatBreakdown, VatRate } from './schemas';

/**
 * Cart arithmetic. Everything is integer minor units and integer thousandths; rounding happens in
 * exactly three places (weighed gross, percent discounts, VAT extraction), each half away from zero.
 * For ISK every amount a customer pays is rounded to whole krónur (a multiple of 100 minor units).
 */

/** The most one sale may cost: 1 000 000.00 in the major unit. */
export const MAX_CART_MINOR = 100_000_000;
/** The most one line may cost. */
export const MAX_LINE_MINOR = MAX_CART_MINOR;
export const PIECE = 1000;
/** The schema's bound for a quantity; with MAX_MINOR it keeps price × quantity exact. */
const MAX_QUANTITY_MILLI = 1_000_000_000;

export type CartLimits = { maxCartMinor: number; maxLineMinor: number; maxLines: number };
export const defaultCartLimits: CartLimits = { maxCartMinor: MAX_CART_MINOR, maxLineMinor: MAX_LINE_MINOR, maxLines: 500 };

/** `a × b / c`, rounded to the currency's smallest payable step. */
function roundedShare(a: number, b: number, c: number, step: number): number {
  return step === 1 ? mulDivRound(a, b, c) : mulDivRound(a, b, c * step) * step;
}

function lineGross(line: CartLine, step: number): number {
  if (!line.weighed) {
    if (line.quantityMilli % PIECE !== 0) throw new RangeError(`"${line.name}": pieces must be whole`);
    // Pieces are exact: unit price × count, never rounded, so provider rows add up.
    return mulDivRound(line.unitPriceMinor, line.quantityMilli / PIECE, 1);
  }
  return roundedShare(line.unitPriceMinor, line.quantityMilli, PIECE, step);
}

function discountOf(discount: Discount | null, base: number, step: number): number {
  if (discount === null) return 0;
  if (discount.kind === 'amount') {
    if (discount.minor < 0) throw new RangeError('A discount cannot be negative');
    if (discount.minor > base) throw new RangeError('The discount is larger than what it applies to');
    return discount.minor;
  }
  if (discount.basisPoints < 0 || discount.basisPoints > 10_000) throw new RangeError('A percent discount must be 0–100 %');
  // Rounding to whole krónur could push a 100 % discount one step past an odd base; never past it.
  return Math.min(base, roundedShare(base, discount.basisPoints, 10_000, step));
}

type Weighted = { id: string; weight: number };

/**
 * Splits `amount` over lines in proportion to their weights with the largest-remainder method, so the
 * shares sum to exactly `amount`. Shares are whole multiples of `step` when amount and weights are.
 * Ties go to the smaller line id (then the larger weight), never to a position, so the result does not
 * depend on line order.
 */
export function allocateProportionally(amount: number, items: readonly Weighted[], step = 1): Map<string, number> {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  const shares = new Map<string, number>();
  if (amount === 0) {
    for (const item of items) shares.set(item.id, 0);
    return shares;
  }
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > total) throw new RangeError('The cart discount is larger than the cart');
  const unit = amount % step === 0 && items.every((item) => item.weight % step === 0) ? step : 1;
  const units = BigInt(amount / unit);
  const bigTotal = BigInt(total);
  const parts = items.map((item) => {
    const exact = units * BigInt(item.weight);
    return { item, floor: exact / bigTotal, remainder: exact % bigTotal };
  });
  let leftover = units - parts.reduce((sum, part) => sum + part.floor, 0n);
  const byRemainder = [...parts].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.item.id !== b.item.id) return a.item.id < b.item.id ? -1 : 1;
    return b.item.weight - a.item.weight;
  });
  for (const part of byRemainder) {
    if (leftover === 0n) break;
    part.floor += 1n;
    leftover -= 1n;
  }
  for (const part of parts) shares.set(part.item.id, (shares.get(part.item.id) ?? 0) + Number(part.floor) * unit);
  return shares;
}

/** VAT contained in a VAT-inclusive amount. */
export function vatOfGross(grossMinor: number, vatRate: VatRate): number {
  return mulDivRound(grossMinor, vatRate, 10_000 + vatRate);
}

/**
 * Prices a cart. Assumes a cart that `validateCart` accepts; on anything that would make a line or
 * the total negative it throws a RangeError rather than answer a wrong amount.
 */
export function priceCart(cart: Cart): CartTotals {
  const step = roundingStepMinor(cart.currency);
  const first = cart.lines.map((line) => {
    const gross = lineGross(line, step);
    const own = discountOf(line.discount, gross, step);
    return { line, gross, own, afterOwn: gross - own };
  });
  const afterLineDiscounts = first.reduce((sum, l) => sum + l.afterOwn, 0);
  const cartDiscount = discountOf(cart.discount, afterLineDiscounts, step);
  const allocated = allocateProportionally(
    cartDiscount,
    first.map((l) => ({ id: l.line.id, weight: l.afterOwn })),
    step,
  );

  const lines: PricedLine[] = first.map(({ line, gross, own, afterOwn }) => {
    const share = allocated.get(line.id) ?? 0;
    const totalMinor = afterOwn - share;
    if (totalMinor < 0) throw new RangeError(`"${line.name}" would cost less than nothing`);
    return { ...line, grossBeforeDiscountMinor: gross, discountMinor: own + share, totalMinor };
  });

  const grossByRate = new Map<number, number>();
  for (const line of lines) grossByRate.set(line.vatRate, (grossByRate.get(line.vatRate) ?? 0) + line.totalMinor);
  const vat: VatBreakdown[] = [...grossByRate]
    .filter(([, gross]) => gross > 0)
    .sort(([a], [b]) => b - a)
    .map(([vatRate, grossMinor]) => {
      const vatMinor = vatOfGross(grossMinor, vatRate);
      return { vatRate, grossMinor, netMinor: grossMinor - vatMinor, vatMinor };
    });

  return {
    currency: cart.currency,
    lines,
    subtotalMinor: sum(lines.map((l) => l.grossBeforeDiscountMinor)),
    discountMinor: sum(lines.map((l) => l.discountMinor)),
    totalMinor: sum(lines.map((l) => l.totalMinor)),
    vat,
    vatTotalMinor: sum(vat.map((v) => v.vatMinor)),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const isAmount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * One thing wrong with a cart: a `shared/messages.ts` key and its params (a line's name, a limit),
 * which the renderer says in the clerk's language and main puts in its refusal. Never a sentence.
 */
export type CartProblemKey =
  | 'cartEmpty'
  | 'cartTooManyLines'
  | 'cartLineDuplicateId'
  | 'cartLineQuantityNotPositive'
  | 'cartLinePiecesNotWhole'
  | 'cartLineQuantityTooLarge'
  | 'cartLinePriceNegative'
  | 'cartLinePriceTooLarge'
  | 'cartLinePriceWholeKronur'
  | 'cartLineVatInvalid'
  | 'cartLineDiscountNegative'
  | 'cartLineDiscountOver100'
  | 'cartLineDiscountWholeKronur'
  | 'cartLineTooExpensive'
  | 'cartLineDiscountTooLarge'
  | 'cartDiscountNegative'
  | 'cartDiscountOver100'
  | 'cartDiscountWholeKronur'
  | 'cartDiscountTooLarge'
  | 'cartTotalTooLarge';
export type CartProblem = { readonly key: CartProblemKey & MessageKey; readonly params?: MessageParams };

const problem = (key: CartProblemKey, params?: MessageParams): CartProblem => (params ? { key, params } : { key });

/** A discount's problems, for a line (`name`) or for the whole cart (`name` null). */
function discountProblems(discount: Discount | null, currency: Currency, name: string | null): CartProblem[] {
  if (discount === null) return [];
  const say = (onLine: CartProblemKey, onCart: CartProblemKey) => [name === null ? problem(onCart) : problem(onLine, { name })];
  if (discount.kind === 'percent') {
    if (!Number.isInteger(discount.basisPoints) || discount.basisPoints < 0) return say('cartLineDiscountNegative', 'cartDiscountNegative');
    if (discount.basisPoints > 10_000) return say('cartLineDiscountOver100', 'cartDiscountOver100');
    return [];
  }
  if (!isAmount(discount.minor)) return say('cartLineDiscountNegative', 'cartDiscountNegative');
  if (discount.minor % roundingStepMinor(currency) !== 0) return say('cartLineDiscountWholeKronur', 'cartDiscountWholeKronur');
  return [];
}

/**
 * Everything wrong with a cart, as codes; empty means it can be charged.
 * The main process runs this again before creating a link, so the renderer's copy is advisory.
 */
export function validateCart(cart: Cart, limits: CartLimits = defaultCartLimits): CartProblem[] {
  const problems: CartProblem[] = [];
  if (cart.lines.length === 0) return [problem('cartEmpty')];
  if (cart.lines.length > limits.maxLines) problems.push(problem('cartTooManyLines', { max: limits.maxLines }));
  const step = roundingStepMinor(cart.currency);
  const ids = new Set<string>();
  for (const line of cart.lines) {
    const name = { name: line.name };
    const before = problems.length;
    if (ids.has(line.id)) problems.push(problem('cartLineDuplicateId', name));
    ids.add(line.id);
    if (!Number.isSafeInteger(line.quantityMilli) || line.quantityMilli <= 0) {
      problems.push(problem('cartLineQuantityNotPositive', name));
    } else if (!line.weighed && line.quantityMilli % PIECE !== 0) {
      problems.push(problem('cartLinePiecesNotWhole', name));
    } else if (line.quantityMilli > MAX_QUANTITY_MILLI) {
      problems.push(problem('cartLineQuantityTooLarge', name));
    }
    if (!isAmount(line.unitPriceMinor)) problems.push(problem('cartLinePriceNegative', name));
    else if (line.unitPriceMinor > MAX_MINOR) problems.push(problem('cartLinePriceTooLarge', name));
    else if (line.unitPriceMinor % step !== 0) problems.push(problem('cartLinePriceWholeKronur', name));
    if (!Number.isInteger(line.vatRate) || line.vatRate < 0 || line.vatRate > 10_000) {
      problems.push(problem('cartLineVatInvalid', name));
    }
    problems.push(...discountProblems(line.discount, cart.currency, line.name));
    if (problems.length > before) continue;
    const gross = lineGross(line, step);
    if (gross > limits.maxLineMinor) problems.push(problem('cartLineTooExpensive', name));
    else if (line.discount?.kind === 'amount' && line.discount.minor > gross) {
      problems.push(problem('cartLineDiscountTooLarge', name));
    }
  }
  problems.push(...discountProblems(cart.discount, cart.currency, null));
  if (problems.length > 0) return problems;

  const afterLineDiscounts = sum(
    cart.lines.map((line) => {
      const gross = lineGross(line, step);
      return gross - discountOf(line.discount, gross, step);
    }),
  );
  if (cart.discount?.kind === 'amount' && cart.discount.minor > afterLineDiscounts) {
    return [problem('cartDiscountTooLarge')];
  }
  const totals = priceCart(cart);
  if (totals.totalMinor > limits.maxCartMinor) problems.push(problem('cartTotalTooLarge'));
  return problems;
}

/** One row as payment providers take it; each provider client maps it to its own field names. */
export type ProviderRow = {
  name: string;
  /** Whole number: pieces, or 1 for a weighed line (its weight goes into the description). */
  quantity: number;
  /** VAT-inclusive price of one `quantity`, minor units. */
  unitAmount: number;
  /** The whole row's discount (own plus its share of the cart discount), minor units. */
  discountAmount: number;
  /** Basis points, 2500 = 25 %. */
  vatRate: number;
  unit: string;
  partNumber: string;
  description: string;
};

/**
 * Rows whose `unitAmount × quantity − discountAmount` sum to exactly `totals.totalMinor`, which
 * providers check. Weighed lines become one row of quantity 1 so no fractional quantity is sent.
 */
export function toProviderRows(totals: CartTotals): ProviderRow[] {
  const rows = totals.lines.map((line): ProviderRow => {
    const common = { name: line.name, discountAmount: line.discountMinor, vatRate: line.vatRate, partNumber: line.partNumber };
    if (!line.weighed) {
      if (line.quantityMilli % PIECE !== 0) throw new RangeError(`"${line.name}": pieces must be whole`);
      return { ...common, quantity: line.quantityMilli / PIECE, unitAmount: line.unitPriceMinor, unit: line.unit, description: '' };
    }
    const kg = `${Math.floor(line.quantityMilli / 1000)}.${String(line.quantityMilli % 1000).padStart(3, '0')}`;
    return {
      ...common,
      quantity: 1,
      unitAmount: line.grossBeforeDiscountMinor,
      unit: line.unit,
      description: `${kg} kg × ${formatMinorPlain(line.unitPriceMinor, totals.currency)}`,
    };
  });
  const rowsTotal = sum(rows.map((r) => r.unitAmount * r.quantity - r.discountAmount));
  if (rowsTotal !== totals.totalMinor) throw new RangeError('provider rows do not add up to the total (a pricing bug)');
  return rows;
}

// ---- Editing: pure and immutable; an edit that changes nothing returns the same cart object. ----

export type NewLineId = () => string;

/** A random line id; globalThis.crypto exists in browsers and in Node 20 without importing node:crypto. */
export const randomLineId: NewLineId = () => {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!c?.randomUUID) throw new Error('No random source for line ids; pass newId');
  return c.randomUUID();
};

/** Deterministic ids for tests and replay: "line-1", "line-2", … */
export function counterLineIds(prefix = 'line', start = 1): NewLineId {
  let next = start;
  return () => `${prefix}-${next++}`;
}

export type EditOptions = { newId?: NewLineId };

export function emptyCart(currency: Currency): Cart {
  return { currency, lines: [], discount: null };
}

/**
 * Adds a scanned or picked product. A non-weighed product already in the cart at the same price
 * increments that line instead of adding another. A weighed product needs its weight.
 * `unitPriceMinor` overrides the catalog price (a price-embedded in-store label).
 */
export function addProduct(
  cart: Cart,
  product: Product,
  quantityMilli?: number,
  options: EditOptions & { unitPriceMinor?: number } = {},
): Cart {
  if (product.weighed && quantityMilli === undefined) throw new RangeError('A weighed item needs its weight.');
  const quantity = quantityMilli ?? PIECE;
  const unitPriceMinor = options.unitPriceMinor ?? product.priceMinor;
  if (!product.weighed) {
    const existing = cart.lines.find(
      // A line re-priced by hand stays apart: a new piece is at the price it is scanned at.
      (l) =>
        !l.custom &&
        !l.weighed &&
        l.barcode === product.barcode &&
        l.unitPriceMinor === unitPriceMinor &&
        l.priceBeforeChangeMinor === undefined,
    );
    if (existing) return updateLine(cart, existing.id, (l) => ({ ...l, quantityMilli: l.quantityMilli + quantity }));
  }
  const line: CartLine = {
    id: (options.newId ?? randomLineId)(),
    barcode: product.barcode,
    name: product.name,
    unitPriceMinor,
    vatRate: product.vatRate,
    quantityMilli: quantity,
    weighed: product.weighed,
    unit: product.unit,
    partNumber: product.partNumber,
    discount: null,
    custom: false,
    ...(product.kind ? { kind: product.kind } : {}),
    ...(product.group ? { group: product.group } : {}),
  };
  return { ...cart, lines: [...cart.lines, line] };
}

/**
 * Adds an item scanned from an in-store label (see gtin.ts): a weight label makes a weighed line of
 * that weight at the catalog's price per kg; a price label makes one piece at the printed price,
 * whatever the catalog says, and identical labels of the same item add up on one line.
 */
export function addInStoreItem(cart: Cart, product: Product, embedded: EmbeddedValue, options: EditOptions = {}): Cart {
  if (embedded.kind === 'weight') return addProduct(cart, { ...product, weighed: true }, embedded.quantityMilli, options);
  return addProduct(cart, { ...product, weighed: false }, PIECE, { ...options, unitPriceMinor: embedded.priceMinor });
}

export type CustomItem = {
  name: string;
  priceMinor: number;
  vatRate: VatRate;
  quantityMilli?: number;
  weighed?: boolean;
  unit?: string;
  partNumber?: string;
  /** Goods unless the clerk says it is a service. */
  kind?: ArticleKind;
  group?: string;
};

/** An item typed in by the clerk; custom lines never merge with others. */
export function addCustomItem(cart: Cart, item: CustomItem, options: EditOptions = {}): Cart {
  const weighed = item.weighed ?? false;
  const line: CartLine = {
    id: (options.newId ?? randomLineId)(),
    barcode: '',
    name: item.name,
    unitPriceMinor: item.priceMinor,
    vatRate: item.vatRate,
    quantityMilli: item.quantityMilli ?? PIECE,
    weighed,
    unit: item.unit ?? (weighed ? 'kg' : 'st'),
    partNumber: item.partNumber ?? '',
    discount: null,
    custom: true,
    ...(item.kind ? { kind: item.kind } : {}),
    ...(item.group ? { group: item.group } : {}),
  };
  return { ...cart, lines: [...cart.lines, line] };
}

function updateLine(cart: Cart, lineId: string, change: (line: CartLine) => CartLine): Cart {
  let changed = false;
  const lines = cart.lines.map((line) => {
    if (line.id !== lineId) return line;
    const next = change(line);
    if (next !== line) changed = true;
    return next;
  });
  return changed ? { ...cart, lines } : cart;
}

/** Sets a line's quantity in thousandths; zero or less removes the line. */
export function setQuantity(cart: Cart, lineId: string, quantityMilli: number): Cart {
  if (!Number.isSafeInteger(quantityMilli)) throw new RangeError('A quantity is an integer number of thousandths');
  if (quantityMilli <= 0) return removeLine(cart, lineId);
  return updateLine(cart, lineId, (l) => (l.quantityMilli === quantityMilli ? l : { ...l, quantityMilli }));
}

/**
 * The + and − buttons: changes a piece line by whole pieces, never below one piece (removing is its own
 * button, so a double-tap on − cannot silently drop an item). Weighed lines are left alone.
 */
export function changeQuantityBy(cart: Cart, lineId: string, pieces: number): Cart {
  if (!Number.isSafeInteger(pieces)) throw new RangeError('Change a quantity by whole pieces');
  return updateLine(cart, lineId, (l) => {
    if (l.weighed) return l;
    const next = Math.max(PIECE, l.quantityMilli + pieces * PIECE);
    return next === l.quantityMilli ? l : { ...l, quantityMilli: next };
  });
}

export function removeLine(cart: Cart, lineId: string): Cart {
  const lines = cart.lines.filter((l) => l.id !== lineId);
  return lines.length === cart.lines.length ? cart : { ...cart, lines };
}

export function setLineDiscount(cart: Cart, lineId: string, discount: Discount | null): Cart {
  return updateLine(cart, lineId, (l) => ({ ...l, discount }));
}

/**
 * A price change at the till: the line's unit price becomes `unitPriceMinor`. The price it had
 * before the first change is kept in `priceBeforeChangeMinor` (a second change keeps the first
 * one's; a change back to it makes the line an ordinary one again). Check it first with
 * `unitPriceProblem`.
 */
export function setUnitPrice(cart: Cart, lineId: string, unitPriceMinor: number): Cart {
  return updateLine(cart, lineId, (l) => {
    if (l.unitPriceMinor === unitPriceMinor) return l;
    const before = l.priceBeforeChangeMinor ?? l.unitPriceMinor;
    const next: CartLine = { ...l, unitPriceMinor, priceBeforeChangeMinor: before };
    if (before === unitPriceMinor) delete next.priceBeforeChangeMinor;
    return next;
  });
}

/**
 * What is wrong with giving line `lineId` the unit price `unitPriceMinor`, as the cart's own rules
 * (`validateCart`) say it: a price in whole krónur for ISK, no line past its limit, no discount of
 * the line or the cart larger than what it then applies to. Null when it may be set. The sale's
 * own limit is left to the caller, which says it with the limit's amount.
 */
export function unitPriceProblem(
  cart: Cart,
  lineId: string,
  unitPriceMinor: number,
  limits: CartLimits = defaultCartLimits,
): CartProblem | null {
  if (!cart.lines.some((l) => l.id === lineId)) return null;
  const changed = updateLine(cart, lineId, (l) => ({ ...l, unitPriceMinor }));
  return validateCart(changed, limits).find((p) => p.key !== 'cartTotalTooLarge') ?? null;
}

/**
 * What the sale's reductions take off the goods, for the manager-approval threshold: the discounts
 * (line and cart) and every price lowered by hand (the line at its price before the change, less
 * the line at its price now), against the goods at their prices before any change. A price raised
 * by hand reduces nothing.
 */
export function reductionsOf(cart: Cart): { reductionMinor: number; grossMinor: number } {
  const totals = priceCart(cart);
  let lowered = 0;
  let gross = 0;
  for (const line of totals.lines) {
    const reduction = priceReductionMinor(line, cart.currency);
    lowered += reduction;
    gross += line.grossBeforeDiscountMinor + reduction;
  }
  return { reductionMinor: totals.discountMinor + lowered, grossMinor: gross };
}

/**
 * How much lower a priced line's gross is than at the price it had before a hand price change
 * (0 when it was not lowered), computed as the cart computes a line's gross.
 */
export function priceReductionMinor(line: PricedLine, currency: Currency): number {
  if (line.priceBeforeChangeMinor === undefined || line.priceBeforeChangeMinor <= line.unitPriceMinor) return 0;
  const atList = lineGross({ ...line, unitPriceMinor: line.priceBeforeChangeMinor }, roundingStepMinor(currency));
  return Math.max(0, atList - line.grossBeforeDiscountMinor);
}

/**
 * A priced line's share of the cart's discount: its discount less its own (a receipt keeps the
 * two apart for the receipt-level discount of the SKVFS 2021:16 export). Never below nought.
 */
export function cartDiscountShareMinor(line: PricedLine, currency: Currency): number {
  const own = discountOf(line.discount, line.grossBeforeDiscountMinor, roundingStepMinor(currency));
  return Math.max(0, line.discountMinor - own);
}

export function setCartDiscount(cart: Cart, discount: Discount | null): Cart {
  return { ...cart, discount };
}

/** An empty cart in the same currency. */
export function clearCart(cart: Cart): Cart {
  return cart.lines.length === 0 && cart.discount === null ? cart : emptyCart(cart.currency);
}
/** Same as clearCart, under the name the renderer store was promised. */
export const clear = clearCart;
