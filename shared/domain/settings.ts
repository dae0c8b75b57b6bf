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

const optionalUrl = z.union([z.literal(''), z.string().url().max(2000)]);
const optionalHttpsUrl = z.union([
  z.literal(''),
  z
    .string()
    .url()
    .max(2000)
    .refine((u) => u.startsWith('https://'), { message: 'Must start with https://' }),
]);

/** Non-secret settings, kept by electron-store/conf with this schema. Secrets live in the credential vault. */
export const settingsSchema = z.object({
  provider: providerChoiceSchema.default('demo'),
  /** Which provider the demo sandbox imitates. */
  demoProvider: z.enum(['ecster', 'straumur']).default('ecster'),
  environment: environmentSchema.default('test'),
  straumurTerminalIdentifier: z.union([z.literal(''), z.string().length(12, 'Must be exactly 12 characters')]).default(''),
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
  linkValidityMinutes: z.number().int().min(1).max(24 * 60).default(15),
  uiLanguage: uiLanguageSchema.default('en'),
  receiptPrinter: z.string().max(200).default(''),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  autoPrintReceipt: z.boolean().default(false),
  customerDisplay: z.boolean().default(false),
  clerkName: z.string().max(60).default(''),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
