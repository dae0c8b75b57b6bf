import { z } from 'zod';
import { englishText, isMessageKey, msg, type Message, type MessageKey } from '../messages';
import { currencySchema, nonNegativeMinorSchema } from './money';
import { controlUnitKindSchema, isSwedishOrganisationNumber } from './fiscal';
import { environmentSchema, providerIds, providerIdSchema, providerInfo, providerSettingsSchema } from '../providers/registry';

export { environmentSchema, type ProviderEnvironment } from '../providers/registry';

export const uiLanguages = ['sv', 'en', 'nb', 'da', 'fi', 'is'] as const;
export const uiLanguageSchema = z.enum(uiLanguages);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

/** Demo runs against the built-in sandbox and may imitate either provider. */
export const providerChoiceSchema = z.enum(['demo', ...providerIds]);
export type ProviderChoice = z.infer<typeof providerChoiceSchema>;

// The messages are keys of the main-process message catalog (shared/messages.ts), so the form can
// show them in the clerk's language; they replace zod's generic "Invalid input".
const key = (k: MessageKey) => k;
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

/** A host name or an IPv4/IPv6 address: letters, digits, dots, hyphens, colons (no scheme, no path). */
export const printerHostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/;

/** A CUPS queue's name (no spaces, slashes or '#'): an operating-system printer in raw mode. */
export const cupsPrinterPattern = /^[A-Za-z0-9_.@+-]{1,127}$/;

/** A server on the network (printer, mail server): its host name or address, and its TCP port. */
const hostSchema = z
  .string()
  .trim()
  .max(253)
  .refine((host) => host === '' || printerHostPattern.test(host), { message: key('settingsPrinterHost') })
  .default('');
const portSchema = z
  .number({ error: key('settingsPrinterPort') })
  .int(key('settingsPrinterPort'))
  .min(1, key('settingsPrinterPort'))
  .max(65535, key('settingsPrinterPort'));

/** Non-secret settings, kept by electron-store/conf with this schema. Secrets live in the credential vault. */
export const settingsSchema = z.object({
  provider: providerChoiceSchema.default('demo'),
  /** Which provider the demo sandbox imitates. */
  demoProvider: providerIdSchema.default('ecster'),
  environment: environmentSchema.default('test'),
  /** Each provider's own settings under its id (shared/providers/<id>.ts), kept when another is chosen. */
  providers: providerSettingsSchema,
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
  /** Sent to the provider and opened by customers: https only, like returnUrl. */
  shopTermsUrl: optionalHttpsUrl.default(''),
  returnUrl: optionalHttpsUrl.default(''),
  currency: currencySchema.default('SEK'),
  linkValidityMinutes: z
    .number()
    .int(key('settingsWholeMinutes'))
    .min(1, key('settingsMinMinutes'))
    .max(24 * 60, key('settingsMaxMinutes'))
    .default(15),
  uiLanguage: uiLanguageSchema.default('en'),
  /** Where receipts print: the system printer (its driver, or the print dialog) or a network ESC/POS printer. */
  receiptPrinterKind: z.enum(['system', 'escpos-network', 'escpos-cups', 'escpos-virtual']).default('system'),
  receiptPrinter: z.string().max(200).default(''),
  /** The network ESC/POS printer (raw TCP), used when receiptPrinterKind is 'escpos-network'. */
  escposPrinter: z
    .object({
      host: hostSchema,
      port: portSchema.default(9100),
      /** Characters per line on an 80 mm roll: 48 (font A), or 42 where the printer is set to it. */
      columns80: z.union([z.literal(42), z.literal(48)]).default(48),
      /** Pulse the cash drawer when a cash payment is taken (the key keeps its first name). */
      openDrawer: z.boolean().default(false),
      /** Print the logo chosen in Settings (`receipt-logo.png` in the data directory) at the top of receipts. */
      logo: z.boolean().default(false),
      /** Print a QR code of the receipt number at the foot of receipts. */
      qrCode: z.boolean().default(false),
      /** The CUPS queue ESC/POS bytes go to raw (`lp -o raw`), used when receiptPrinterKind is 'escpos-cups'. */
      cupsPrinter: z
        .string()
        .trim()
        .max(127)
        .refine((name) => name === '' || cupsPrinterPattern.test(name), { message: key('settingsCupsPrinter') })
        .default(''),
    })
    .prefault({}),
  /**
   * The merchant's SMTP server for e-mailed receipts. Its password is a secret: it lives in the
   * credential vault's store (encrypted), never here.
   */
  smtp: z
    .object({
      host: hostSchema,
      port: portSchema.default(587),
      /** STARTTLS on the submission port, TLS from the first byte (465), or none (a local relay only). */
      security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
      user: z.string().trim().max(200).default(''),
      /** The sender's address; empty means the user name. */
      from: z.string().trim().max(254).default(''),
    })
    .prefault({}),
  paperWidthMm: z.union([z.literal(58), z.literal(80)], { error: key('settingsPaperWidth') }).default(80),
  autoPrintReceipt: z.boolean().default(false),
  /** Cash and an external card terminal may be taken when no payment link can be made (#15). */
  otherTenders: z.boolean().default(false),
  customerDisplay: z.boolean().default(false),
  clerkName: z.string().max(60).default(''),
  /** The till's name for people (receipts, History, reports); its identity for machines is in till-identity.json. */
  tillName: z.string().trim().min(1, key('settingsTillNameRequired')).max(40).default('Till 1'),
  /**
   * A Swedish till (SKVFS 2014:9): every receipt is signed by a control unit before it is handed
   * over, and carries the till designation. Off on every other till (an Icelandic till is unchanged).
   */
  sweden: z
    .object({
      enabled: z.boolean().default(false),
      /** The till's designation (kassabeteckning) as registered with Skatteverket. */
      tillDesignation: z.string().trim().max(40).default(''),
      /** The float (växelkassa) in the drawer at the start of the day, shown on X and Z reports; 0 for a till without cash. */
      floatMinor: nonNegativeMinorSchema.default(0),
      controlUnit: z
        .object({
          kind: controlUnitKindSchema.default('simulated'),
          /** The efsta EFR's address (its local web service listens on port 5618). */
          efstaUrl: z.string().trim().max(2000).default('http://localhost:5618'),
        })
        .prefault({}),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/** English messages keyed by dotted field path (`shop.name`), as the settings form shows them. */
export type SettingsFieldErrors = Record<string, string>;
/** The same, as catalog Messages for the clerk's language. */
export type SettingsFieldMessages = Record<string, Message>;

/**
 * Rules that span fields, kept few and worded for the clerk. Demo accepts any environment because
 * the sandbox ignores it.
 */
export function settingsRuleErrors(settings: Settings): SettingsFieldMessages {
  const errors: SettingsFieldMessages = {};
  if (settings.provider !== 'demo') {
    const info = providerInfo(settings.provider);
    const own = info.settingsRules?.(settings.providers[settings.provider]) ?? {};
    for (const [field, message] of Object.entries(own)) errors[`providers.${settings.provider}.${field}`] = message;
    const allowed: readonly string[] = info.environments;
    if (!allowed.includes(settings.environment)) errors['environment'] = msg(info.environmentMessage);
  }
  if (settings.receiptPrinterKind === 'escpos-network' && settings.escposPrinter.host === '')
    errors['escposPrinter.host'] = msg('settingsPrinterHost');
  // Only ISK is offered by some providers and not others today, hence the one message.
  const selling = providerInfo(settings.provider === 'demo' ? settings.demoProvider : settings.provider);
  if (!selling.currencies.includes(settings.currency)) errors['currency'] = msg('settingsIskStraumurOnly');
  if (settings.sweden.enabled) {
    if (!isSwedishOrganisationNumber(settings.shop.organisationNumber))
      errors['shop.organisationNumber'] = msg('settingsOrganisationNumber');
    if (settings.shop.address.trim() === '') errors['shop.address'] = msg('settingsSaleAddressRequired');
    if (settings.sweden.tillDesignation === '') errors['sweden.tillDesignation'] = msg('settingsTillDesignationRequired');
    if (settings.sweden.controlUnit.kind === 'efsta' && !/^https?:\/\/[^\s/]+/.test(settings.sweden.controlUnit.efstaUrl))
      errors['sweden.controlUnit.efstaUrl'] = msg('settingsEfstaUrl');
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
