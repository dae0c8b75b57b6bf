/**
 * The sandbox's reading of a Straumur create request, written from the documentation rather than
 * from the client's own mapping, so a client bug shows up as the error the real API would give.
 * Codes follow providers.md 2.7; the checking order is ours (the real order is undocumented).
 */

export interface SandboxItem {
  name: string;
  quantity: number;
  unitPrice: number | null;
  amountWithoutDiscount: number | null;
  amount: number;
}

export interface ValidCreate {
  type: 'PayByLink' | 'TokenizeByLink';
  terminalIdentifier: string;
  amount: number;
  currency: string;
  items: SandboxItem[];
  exactSalesCount: number | null;
  expiresAt: string | null;
  culture: 'is' | 'en';
  description: string | null;
  returnUrl: string | null;
  themeKey: string | null;
  recurringProcessingModel: string | null;
}

export interface StraumurFault {
  status: number;
  errorCode: number;
  errorMessage: string;
}

export type CreateCheck = { ok: true; value: ValidCreate } | { ok: false; error: StraumurFault };

/**
 * Text limits. Straumur documents none for these (providers.md 2.3); the sandbox's own, wide enough
 * for any cart LinkPOS has (names of up to 200 characters) and narrow enough to catch a client that
 * sends anything. Answered with 2009, "exceeds max length".
 */
export const SANDBOX_LIMITS = { itemName: 200, description: 500, themeKey: 100, returnUrl: 2000 } as const;

/** Currencies the sandbox's pretend merchant has a contract for, with Straumur's minimums (S-CUR). */
export const SANDBOX_MINIMUMS: Readonly<Record<string, number>> = { ISK: 200, EUR: 1, DKK: 7, NOK: 13, SEK: 13 };

const topLevelFields = new Set([
  'type',
  'terminalIdentifier',
  'amount',
  'currency',
  'items',
  'exactSalesCount',
  'expiresAt',
  'culture',
  'description',
  'returnUrl',
  'themeKey',
  'shopperInfo',
  'recurringProcessingModel',
]);
const itemFields = new Set(['name', 'quantity', 'unitPrice', 'amountWithoutDiscount', 'amount']);
const EXPIRES_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/**
 * The create docs say exactly 12 characters, their own examples use 8 (`1adfe4a1`): the sandbox
 * takes both and everything between, letters and digits only.
 */
const TERMINAL_IDENTIFIER = /^[A-Za-z0-9]{8,12}$/;

class Invalid extends Error {
  constructor(readonly fault: StraumurFault) {
    super(fault.errorMessage);
  }
}

function fail(errorCode: number, errorMessage: string): never {
  throw new Invalid({ status: 400, errorCode, errorMessage });
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function int(obj: Json, field: string, path = field): number | null {
  const value = obj[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(1005, `Could not parse field [${path}], expected a Int32`);
  return value;
}

function str(obj: Json, field: string, path = field): string | null {
  const value = obj[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(1005, `Could not parse field [${path}], expected a String`);
  return value;
}

function required<T>(value: T | null, field: string): T {
  if (value === null || value === '') fail(2000, `Field [${field}] cannot be empty`);
  return value;
}

function maxLength(value: string | null, max: number, field: string): void {
  if (value !== null && [...value].length > max) fail(2009, `Field [${field}] exceeds the maximum length of ${max}`);
}

function rejectUnknown(obj: Json, allowed: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) fail(1006, `Unknown field [${prefix}${key}]`);
}

function parseItems(raw: unknown): SandboxItem[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) fail(1005, 'Could not parse field [items], expected a Array');
  if (raw.length > 200) fail(2009, 'Field [items] exceeds the maximum length of 200');
  return raw.map((entry: unknown, i) => {
    const path = `items[${i}]`;
    if (!isObject(entry)) fail(1005, `Could not parse field [${path}], expected a Object`);
    rejectUnknown(entry, itemFields, `${path}.`);
    const name = required(str(entry, 'name', `${path}.name`), `${path}.name`);
    if (name.trim() === '') fail(2000, `Field [${path}.name] cannot be empty`);
    maxLength(name, SANDBOX_LIMITS.itemName, `${path}.name`);
    const item = {
      name,
      quantity: required(int(entry, 'quantity', `${path}.quantity`), `${path}.quantity`),
      unitPrice: int(entry, 'unitPrice', `${path}.unitPrice`),
      amountWithoutDiscount: int(entry, 'amountWithoutDiscount', `${path}.amountWithoutDiscount`),
      amount: required(int(entry, 'amount', `${path}.amount`), `${path}.amount`),
    };
    if (item.quantity <= 0) fail(2002, `Field [${path}.quantity] must be greater than 0`);
    if (item.unitPrice !== null && item.unitPrice < 0) fail(2002, `Field [${path}.unitPrice] cannot be negative`);
    if (item.amountWithoutDiscount !== null && item.amountWithoutDiscount < 0) {
      fail(2002, `Field [${path}.amountWithoutDiscount] cannot be negative`);
    }
    return item;
  });
}

function checkMoney(body: ValidCreate): void {
  const { amount, currency, items } = body;
  const minimum = SANDBOX_MINIMUMS[currency];
  if (minimum === undefined) fail(2011, `No contract found for currency [${currency}]`);
  if (body.type === 'TokenizeByLink') {
    if (amount !== 0 || items.length > 0) fail(2023, 'Invalid amount for tokenization');
    return;
  }
  if (amount <= 0) fail(2002, 'Field [amount] must be greater than 0');
  const iskValues = [amount, ...items.flatMap((i) => [i.amount, i.unitPrice ?? 0, i.amountWithoutDiscount ?? 0])];
  if (currency === 'ISK' && iskValues.some((v) => v % 100 !== 0)) fail(2026, 'ISK amounts must end in 00');
  if (amount < minimum) fail(2022, `Field [amount] is below the minimum for [${currency}]`);
  items.forEach((item, i) => {
    if (item.amount < 0) fail(2002, `Field [items[${i}].amount] cannot be negative`);
    if (item.amountWithoutDiscount !== null && item.amount > item.amountWithoutDiscount) {
      fail(2025, `Field [items[${i}].amount] cannot be greater than [items[${i}].amountWithoutDiscount]`);
    }
  });
  if (items.length > 0 && items.reduce((sum, i) => sum + i.amount, 0) !== amount) {
    fail(2007, 'Sum of [items.amount] must equal [amount]');
  }
}

function check(text: string, now: number, terminalIdentifier: string | null): ValidCreate {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail(1000, 'Invalid JSON');
  }
  if (!isObject(raw)) fail(1001, 'Body must start with {');
  rejectUnknown(raw, topLevelFields, '');

  const type = required(str(raw, 'type'), 'type');
  if (type !== 'PayByLink' && type !== 'TokenizeByLink') fail(2008, `Unsupported value for [type] (supported: PayByLink, TokenizeByLink)`);
  const terminal = required(str(raw, 'terminalIdentifier'), 'terminalIdentifier');
  if (!TERMINAL_IDENTIFIER.test(terminal)) fail(2017, 'Field [terminalIdentifier] must be 8 to 12 letters and digits');
  if (terminalIdentifier !== null && terminal !== terminalIdentifier) fail(2016, 'Terminal is not accessible or does not exist');

  const culture = str(raw, 'culture') ?? 'is';
  if (culture !== 'is' && culture !== 'en') fail(2008, 'Unsupported value for [culture] (supported: is, en)');
  const returnUrl = str(raw, 'returnUrl');
  if (returnUrl !== null && !returnUrl.startsWith('https://')) fail(2008, 'Field [returnUrl] must be an https URL');
  const expiresAt = str(raw, 'expiresAt');
  if (expiresAt !== null) {
    if (!EXPIRES_AT.test(expiresAt) || Number.isNaN(Date.parse(expiresAt)))
      fail(1005, 'Could not parse field [expiresAt], expected a DateTime');
    if (Date.parse(expiresAt) < now) fail(2005, 'Field [expiresAt] cannot be in the past');
  }
  const exactSalesCount = int(raw, 'exactSalesCount');
  if (exactSalesCount !== null && exactSalesCount <= 0) fail(2002, 'Field [exactSalesCount] must be greater than 0');

  const description = str(raw, 'description');
  maxLength(description, SANDBOX_LIMITS.description, 'description');
  const themeKey = str(raw, 'themeKey');
  maxLength(themeKey, SANDBOX_LIMITS.themeKey, 'themeKey');
  maxLength(returnUrl, SANDBOX_LIMITS.returnUrl, 'returnUrl');

  const body: ValidCreate = {
    type,
    terminalIdentifier: terminal,
    amount: required(int(raw, 'amount'), 'amount'),
    currency: required(str(raw, 'currency'), 'currency'),
    items: parseItems(raw.items),
    exactSalesCount,
    expiresAt,
    culture,
    description,
    returnUrl,
    themeKey,
    recurringProcessingModel: str(raw, 'recurringProcessingModel'),
  };
  checkMoney(body);
  return body;
}

/** Checks a create body the way Straumur documents it; `terminalIdentifier` null accepts any well-formed one. */
export function validateCreate(text: string, now: number, terminalIdentifier: string | null = null): CreateCheck {
  try {
    return { ok: true, value: check(text, now, terminalIdentifier) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.fault };
    throw error;
  }
}
