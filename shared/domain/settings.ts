import { z } from 'zod';
import { englishText, isMessageKey, msg, type Message, type MessageKey } from '../messages';
import { currencySchema } from './money';

export const uiLanguages = ['sv', 'en', 'nb', 'da', 'fi', 'is'] as const;
export const uiLanguageSchema = z.enum(uiLanguages);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

/** Demo runs against the built-in sandbox and may imitate either provider. */
export const providerChoiceSchema = z.enum(['demo', 'ecster', 'straumur']);
export type ProviderChoice = z.infer<typeof providerChoiceSchema>;

export const environmentSchema = z.enum(['test', 'live', 'staging', 'production']);
export type ProviderEnvironment = z.infer<typeof environmentSchema>;

// The messages are keys of the main-process message catalog (shared/messages.ts), so the form can
// show them in the clerk's language; they replace zod's generic "Invalid input".
const key = (k: MessageKey) => k;
const optionalUrl = z.union([z.literal(''), z.string().url().max(2000)], { error: key('settingsNotUrl') });
const optionalHttpsUrl = z.union(
  [
    z.literal(''),
    z
      .string()
      .url()
      .max(2000)
      .refine((u) => u.startsWith('https://'), { message: key('settingsNotHttpsUrl') }),
  ],
  { error: key('settingsNotHttpsUrl') },
);

/** Non-secret settings, kept by electron-store/conf with this schema. Secrets live in the credential vault. */
export const settingsSchema = z.object({
  provider: providerChoiceSchema.default('demo'),
  /** Which provider the demo sandbox imitates. */
  demoProvider: z.enum(['ecster', 'straumur']).default('ecster'),
  environment: environmentSchema.default('test'),
  straumurTerminalIdentifier: z.union([z.literal(''), z.string().length(12)], { error: key('settingsTerminalLength') }).default(''),
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
    .int(key('settingsWholeMinutes'))
    .min(1, key('settingsMinMinutes'))
    .max(24 * 60, key('settingsMaxMinutes'))
    .default(15),
  uiLanguage: uiLanguageSchema.default('en'),
  receiptPrinter: z.string().max(200).default(''),
  paperWidthMm: z.union([z.literal(58), z.literal(80)], { error: key('settingsPaperWidth') }).default(80),
  autoPrintReceipt: z.boolean().default(false),
  customerDisplay: z.boolean().default(false),
  clerkName: z.string().max(60).default(''),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/** English messages keyed by dotted field path (`shop.name`), as the settings form shows them. */
export type SettingsFieldErrors = Record<string, string>;
/** The same, as catalog Messages for the clerk's language. */
export type SettingsFieldMessages = Record<string, Message>;

const environmentsByProvider = {
  ecster: ['test', 'live'],
  straumur: ['staging', 'production'],
} as const;

/**
 * Rules that span fields, kept few and worded for the clerk. Demo accepts any environment because
 * the sandbox ignores it.
 */
export function settingsRuleErrors(settings: Settings): SettingsFieldMessages {
  const errors: SettingsFieldMessages = {};
  if (settings.provider === 'straumur' && settings.straumurTerminalIdentifier.length !== 12) {
    errors['straumurTerminalIdentifier'] = msg('settingsTerminalNeeded');
  }
  if (settings.provider !== 'demo') {
    const allowed: readonly string[] = environmentsByProvider[settings.provider];
    if (!allowed.includes(settings.environment)) {
      errors['environment'] = msg(settings.provider === 'ecster' ? 'settingsEnvironmentEcster' : 'settingsEnvironmentStraumur');
    }
  }
  const sellsInIsk = settings.provider === 'straumur' || (settings.provider === 'demo' && settings.demoProvider === 'straumur');
  if (settings.currency === 'ISK' && !sellsInIsk) {
    errors['currency'] = msg('settingsIskStraumurOnly');
  }
  return errors;
}

export type SettingsValidation =
  { ok: true; settings: Settings } | { ok: false; fieldErrors: SettingsFieldErrors; fieldMessages: SettingsFieldMessages };

/** A schema issue as a catalog Message: ours where the schema names one, else a generic one. */
function issueMessage(issue: z.core.$ZodIssue): Message {
  if (isMessageKey(issue.message)) return msg(issue.message);
  if (issue.code === 'too_big' && issue.origin === 'string') return msg('settingsTooLong', { max: Number(issue.maximum) });
  return msg('settingsInvalid');
}

function fieldsFailing(fieldMessages: SettingsFieldMessages): SettingsValidation {
  const fieldErrors: SettingsFieldErrors = {};
  for (const [field, message] of Object.entries(fieldMessages)) fieldErrors[field] = englishText(message);
  return { ok: false, fieldErrors, fieldMessages };
}

/**
 * Validates a whole settings form: schema first, then the cross-field rules. The first message
 * per field wins; messages never echo the value typed.
 */
export function validateSettings(raw: unknown): SettingsValidation {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldMessages: SettingsFieldMessages = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.length ? issue.path.map(String).join('.') : 'settings';
      fieldMessages[field] ??= issueMessage(issue);
    }
    return fieldsFailing(fieldMessages);
  }
  const ruleErrors = settingsRuleErrors(parsed.data);
  if (Object.keys(ruleErrors).length) return fieldsFailing(ruleErrors);
  return { ok: true, settings: parsed.data };
}
