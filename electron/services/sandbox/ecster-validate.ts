import { z } from 'zod';
import { parseEcsterTimestamp } from './ecster-dates';

/**
 * The sandbox's reading of an Ecster create/update-link body, written from the seed and
 * providers.md 1.4–1.5 rather than from the client's own mapping, so that a client bug shows up
 * as the error the real API would give. The sandbox is at least as strict as the seed: every
 * field it marks `[1]` is required, and what it says a value may be is checked. Where the seed is
 * silent (Ecster's error codes, its length limits) the sandbox's choice is named below.
 */

/** The VAT rates Ecster takes (Swedish rates, percent × 100; providers.md 1.5). */
export const ecsterSandboxVatRates: ReadonlySet<number> = new Set([0, 600, 1200, 2500]);

/** The currencies the sandbox's pretend merchant may sell in (LinkPOS's Ecster currencies). */
export const ecsterSandboxCurrencies: ReadonlySet<string> = new Set(['SEK', 'NOK', 'DKK', 'EUR']);

/**
 * Text limits. The seed gives only `orderReference` (22); Krokedil's plugin cuts `partNumber` to
 * 32 (providers.md 1.5). The others are the sandbox's own, wide enough for any cart LinkPOS has
 * (names of up to 200 characters) and narrow enough to catch a client that sends anything.
 */
export const ecsterSandboxLimits = {
  orderReference: 22,
  rowName: 200,
  rowDescription: 200,
  partNumber: 32,
  unit: 16,
  message: 500,
  deliveryName: 200,
  platformReference: 100,
} as const;

/** Error codes for a body Ecster would refuse (Ecster's own numbering is not public; these are stable for tests). */
export const ecsterValidationCodes = {
  malformed: 4000,
  noRows: 4001,
  amountMismatch: 4002,
  orderReference: 4003,
  shopTermsRequired: 4004,
  contactRequired: 4005,
  vatRate: 4006,
  validTo: 4007,
  locale: 4008,
  currency: 4009,
  row: 4011,
  tooLong: 4012,
  platform: 4013,
  deliveryMethod: 4014,
} as const;

const rowSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  partNumber: z.string().optional(),
  unit: z.string().optional(),
  quantity: z.number().positive(),
  unitAmount: z.number().int(),
  vatRate: z.number().int(),
  discountAmount: z.number().int().default(0),
  serials: z.array(z.string()).optional(),
  fee: z.boolean().optional(),
});

const bodySchema = z.looseObject({
  locale: z.looseObject({ language: z.string(), country: z.string() }),
  parameters: z.looseObject({
    sendLink: z.boolean(),
    inPerson: z.boolean(),
    validTo: z.string().optional(),
    shopTermsUrl: z.string().optional(),
    returnUrl: z.string().optional(),
    defaultDeliveryCountry: z.string().optional(),
  }),
  deliveryMethods: z
    .array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        description: z.string().optional(),
        price: z.number().int(),
        selected: z.boolean().optional(),
      }),
    )
    .optional(),
  cart: z.looseObject({
    amount: z.number().int(),
    currency: z.string(),
    message: z.string().optional(),
    rows: z.array(rowSchema),
  }),
  orderReference: z.string().optional(),
  consumer: z
    .looseObject({
      contactInfo: z
        .looseObject({
          email: z.string().optional(),
          cellular: z.looseObject({ number: z.string().optional(), country: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
  notificationUrl: z.string().optional(),
  platform: z.looseObject({ reference: z.string().optional(), info: z.string().optional() }).optional(),
  tags: z.array(z.string()).optional(),
});
export type LinkBody = z.infer<typeof bodySchema>;

export type Invalid = { code: number; message: string };
export type LinkBodyCheck = { ok: true; body: LinkBody; validToMs: number } | { ok: false; error: Invalid };

const codes = ecsterValidationCodes;
const limits = ecsterSandboxLimits;

class Refusal extends Error {
  constructor(readonly invalid: Invalid) {
    super(invalid.message);
  }
}

function refuse(code: number, message: string): never {
  throw new Refusal({ code, message });
}

function maxLength(value: string | undefined, max: number, where: string): void {
  if (value !== undefined && [...value].length > max) refuse(codes.tooLong, `${where} must be at most ${max} characters`);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** An ISO 3166-1 alpha-2 code the sandbox knows (ZZ, "Unknown Region", is not one). */
function knownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== 'Unknown Region';
}

/** An ISO 639-1 code the sandbox knows. Ecster falls back to Swedish or English for languages it does not speak. */
function knownLanguage(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== undefined;
}

function checkLocale(body: LinkBody): void {
  const { language, country } = body.locale;
  if (!knownLanguage(language)) refuse(codes.locale, `locale.language ${JSON.stringify(language)} is not an ISO 639-1 language`);
  if (!knownCountry(country)) refuse(codes.locale, `locale.country ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 country`);
  const delivery = body.parameters.defaultDeliveryCountry;
  if (delivery !== undefined && !knownCountry(delivery)) {
    refuse(codes.locale, `parameters.defaultDeliveryCountry ${JSON.stringify(delivery)} is not an ISO 3166-1 alpha-2 country`);
  }
}

function checkRows(body: LinkBody): void {
  const { rows } = body.cart;
  if (rows.length === 0) refuse(codes.noRows, 'cart.rows must contain at least one row');
  rows.forEach((row, i) => {
    const where = `cart.rows[${i}]`;
    if (row.name.trim() === '') refuse(codes.row, `${where}.name is required`);
    maxLength(row.name, limits.rowName, `${where}.name`);
    maxLength(row.description, limits.rowDescription, `${where}.description`);
    maxLength(row.partNumber, limits.partNumber, `${where}.partNumber`);
    maxLength(row.unit, limits.unit, `${where}.unit`);
    if (row.unitAmount < 0) refuse(codes.row, `${where}.unitAmount must not be negative`);
    if (row.discountAmount < 0) refuse(codes.row, `${where}.discountAmount must not be negative`);
    if (row.discountAmount > Math.round(row.unitAmount * row.quantity)) {
      refuse(
        codes.row,
        `${where}.discountAmount ${row.discountAmount} is larger than the row (${Math.round(row.unitAmount * row.quantity)})`,
      );
    }
    if (!ecsterSandboxVatRates.has(row.vatRate))
      refuse(codes.vatRate, `${where}.vatRate ${row.vatRate} is not allowed (0, 600, 1200 or 2500)`);
  });
  const sum = rows.reduce((s, r) => s + Math.round(r.unitAmount * r.quantity) - r.discountAmount, 0);
  if (sum !== body.cart.amount) refuse(codes.amountMismatch, `cart.amount ${body.cart.amount} does not match the sum of the rows ${sum}`);
}

function checkParties(body: LinkBody): void {
  const ref = body.orderReference;
  if (ref === undefined || ref.length === 0) refuse(codes.orderReference, 'orderReference is required');
  if (ref.length > limits.orderReference)
    refuse(codes.orderReference, `orderReference must be at most ${limits.orderReference} characters`);
  if (!body.parameters.inPerson && !body.parameters.shopTermsUrl) {
    refuse(codes.shopTermsRequired, 'parameters.shopTermsUrl is required when inPerson is false');
  }
  const contact = body.consumer?.contactInfo;
  if (body.parameters.sendLink && !contact?.email && !contact?.cellular?.number) {
    refuse(codes.contactRequired, 'consumer.contactInfo.email or cellular is required when sendLink is true');
  }
  body.deliveryMethods?.forEach((method, i) => {
    if (method.id === '' || method.name === '') refuse(codes.deliveryMethod, `deliveryMethods[${i}] needs an id and a name`);
    maxLength(method.name, limits.deliveryName, `deliveryMethods[${i}].name`);
    if (method.price < 0) refuse(codes.deliveryMethod, `deliveryMethods[${i}].price must not be negative`);
  });
  if (body.platform !== undefined) {
    const reference = body.platform.reference;
    if (reference === undefined || reference.trim() === '') refuse(codes.platform, 'platform.reference is required when platform is sent');
    maxLength(reference, limits.platformReference, 'platform.reference');
  }
}

function check(raw: unknown, now: number): { body: LinkBody; validToMs: number } {
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    refuse(codes.malformed, `Invalid request: ${where || 'body'} is missing or has the wrong type`);
  }
  const body = parsed.data;
  checkLocale(body);
  if (!ecsterSandboxCurrencies.has(body.cart.currency)) {
    refuse(codes.currency, `cart.currency ${JSON.stringify(body.cart.currency)} is not supported (SEK, NOK, DKK or EUR)`);
  }
  maxLength(body.cart.message, limits.message, 'cart.message');
  checkRows(body);
  checkParties(body);
  let validToMs = now + 24 * 3600_000;
  if (body.parameters.validTo !== undefined) {
    const parsedValidTo = parseEcsterTimestamp(body.parameters.validTo);
    if (parsedValidTo === null) refuse(codes.validTo, 'parameters.validTo must be an ISO-8601 date-time with an offset');
    validToMs = parsedValidTo;
  }
  return { body, validToMs };
}

/** Ecster's rules for a create/update body; the first broken rule is the answer, as `{code, message}`. */
export function validateLinkBody(raw: unknown, now: number): LinkBodyCheck {
  try {
    return { ok: true, ...check(raw, now) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.invalid };
    throw error;
  }
}
