import { z } from 'zod';
import { currencySchema } from './money';

export const uiLanguages = ['sv', 'en', 'nb', 'da', 'fi', 'is'] as const;
export const uiLanguageSchema = z.enum(uiLanguages);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

/** Demo runs against the built-in sandbox and may imitate either provider. */
export const providerChoiceSchema = z.enum(['demo', 'ecster', 'straumur']);
export type ProviderChoice = z.infer<typeof providerChoiceSchema>;

export const environmentSchema = z.enum(['test', 'live', 'staging', 'production']);
export type ProviderEnvironment = z.infer<typeof environmentSchema>;

// The union messages replace zod's generic "Invalid input" with words a clerk can act on.
const optionalUrl = z.union([z.literal(''), z.string().url().max(2000)], {
  error: 'Must be empty or a full web address (https://…)',
});
const optionalHttpsUrl = z.union(
  [
    z.literal(''),
    z
      .string()
      .url()
      .max(2000)
      .refine((u) => u.startsWith('https://'), { message: 'Must start with https://' }),
  ],
  { error: 'Must be empty or a web address starting with https://' },
);

/** Non-secret settings, kept by electron-store/conf with this schema. Secrets live in the credential vault. */
export const settingsSchema = z.object({
  provider: providerChoiceSchema.default('demo'),
  /** Which provider the demo sandbox imitates. */
  demoProvider: z.enum(['ecster', 'straumur']).default('ecster'),
  environment: environmentSchema.default('test'),
  straumurTerminalIdentifier: z
    .union([z.literal(''), z.string().length(12)], { error: 'Must be empty or exactly 12 characters' })
    .default(''),
  straumurThemeKey: z.string().max(100).default(''),
  shop: z
    .object({
      name: z.string().max(100).default('LinkPOS Demo Shop'),
      organisationNumber: z.string().max(32).default(''),
      vatNumber: z.string().max(32).default(''),
      address: z.string().max(300).default(''),
      phone: z.string().max(32).default(''),
      thankYouText: z.string().max(300).default('Thank you for your purchase!'),
    })
    .prefault({}),
  shopTermsUrl: optionalUrl.default(''),
  returnUrl: optionalHttpsUrl.default(''),
  ecsterLocale: z
    .object({
      language: z.enum(['sv', 'en', 'no', 'da', 'fi']).default('sv'),
      country: z.enum(['SE', 'GB', 'NO', 'DK', 'FI']).default('SE'),
    })
    .prefault({}),
  currency: currencySchema.default('SEK'),
  linkValidityMinutes: z
    .number()
    .int('Must be a whole number of minutes')
    .min(1, 'Must be at least 1 minute')
    .max(24 * 60, 'Must be at most 24 hours (1440 minutes)')
    .default(15),
  uiLanguage: uiLanguageSchema.default('en'),
  receiptPrinter: z.string().max(200).default(''),
  paperWidthMm: z.union([z.literal(58), z.literal(80)], { error: 'Must be 58 or 80 mm' }).default(80),
  autoPrintReceipt: z.boolean().default(false),
  customerDisplay: z.boolean().default(false),
  clerkName: z.string().max(60).default(''),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/** Messages keyed by dotted field path (`shop.name`), as the settings form shows them. */
export type SettingsFieldErrors = Record<string, string>;

const environmentsByProvider = {
  ecster: ['test', 'live'],
  straumur: ['staging', 'production'],
} as const;

/**
 * Rules that span fields, kept few and worded for the clerk. Demo accepts any environment because
 * the sandbox ignores it.
 */
export function settingsRuleErrors(settings: Settings): SettingsFieldErrors {
  const errors: SettingsFieldErrors = {};
  if (settings.provider === 'straumur' && settings.straumurTerminalIdentifier.length !== 12) {
    errors['straumurTerminalIdentifier'] = 'Straumur needs the 12-character terminal identifier from your Straumur contract';
  }
  if (settings.provider !== 'demo') {
    const allowed: readonly string[] = environmentsByProvider[settings.provider];
    if (!allowed.includes(settings.environment)) {
      errors['environment'] = `Choose ${allowed.join(' or ')} for ${settings.provider === 'ecster' ? 'Ecster' : 'Straumur'}`;
    }
  }
  const sellsInIsk = settings.provider === 'straumur' || (settings.provider === 'demo' && settings.demoProvider === 'straumur');
  if (settings.currency === 'ISK' && !sellsInIsk) {
    errors['currency'] = 'ISK is only available with Straumur (or the demo imitating Straumur)';
  }
  return errors;
}

export type SettingsValidation = { ok: true; settings: Settings } | { ok: false; fieldErrors: SettingsFieldErrors };

/**
 * Validates a whole settings form: schema first, then the cross-field rules. The first message
 * per field wins; messages never echo the value typed.
 */
export function validateSettings(raw: unknown): SettingsValidation {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: SettingsFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.length ? issue.path.map(String).join('.') : 'settings';
      fieldErrors[key] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  const ruleErrors = settingsRuleErrors(parsed.data);
  if (Object.keys(ruleErrors).length) return { ok: false, fieldErrors: ruleErrors };
  return { ok: true, settings: parsed.data };
}
