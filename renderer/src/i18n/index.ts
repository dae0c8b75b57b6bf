import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uiLanguageSchema } from '../../../shared/domain/settings';
import { createCustomerLanguage } from './customer-language';
import { resources, type UiLanguage } from './resources';
import { englishText, withMoney, type LocalizedText, type Message, type MessageParams } from '../../../shared/messages';
import { formatMoney } from '../../../shared/domain/format';
import { intlLocales } from '../../../shared/intl-locale';

const options = {
  resources,
  lng: 'en',
  fallbackLng: false,
  interpolation: { escapeValue: false }, // React escapes; messages are never injected as HTML
  returnNull: false,
  initAsync: false,
} as const;

/**
 * The clerk's i18next instance. Components use `useTranslation()`; store actions that produce a
 * message for the clerk use `t` from here.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init(options);

/**
 * The customer display's own instance (rendered inside an I18nextProvider), so the customer's
 * language never changes the clerk's and a settings load never undoes the customer's choice.
 */
export const customerI18n = i18next.createInstance();
void customerI18n.init(options);

export const t = i18n.t.bind(i18n);

export const customerLanguage = createCustomerLanguage('en', (language) => void customerI18n.changeLanguage(language));

// Which instance's language the page's <html lang> tells screen readers: the clerk's, except
// in the customer display's window.
let documentInstance: I18n = i18n;

export function showDocumentLanguageOf(who: 'clerk' | 'customer'): void {
  documentInstance = who === 'customer' ? customerI18n : i18n;
  setDocumentLanguage(documentInstance.language);
}

function setDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

for (const instance of [i18n, customerI18n]) {
  instance.on('languageChanged', (language: string) => {
    if (instance === documentInstance) setDocumentLanguage(language);
  });
}
i18n.on('languageChanged', (language: string) => {
  const parsed = uiLanguageSchema.safeParse(language);
  if (parsed.success) customerLanguage.clerkChanged(parsed.data);
});

/**
 * A sentence from the main process in the clerk's language: `main.<key>` with its params, or the
 * English text main sent when there is no Message or this build does not know its key.
 *
 * Main may add a detail after the Message's own English sentence — a provider's own words about a
 * refused field, the record behind a journal alarm — which params never carry. A person resolving it
 * needs it, so it is kept: in English main's whole text is shown; in another language whatever
 * follows the sentence is shown after the translation, as it came. Text that is not the sentence
 * plus a detail (older wording, a clipped note, a joined list) adds nothing to a translation.
 */
/** Params with money formatted for the clerk's locale (see `withMoney`). */
function localParams(params: MessageParams | undefined): MessageParams {
  return withMoney(params, (minor, currency) => formatMoney(minor, currency, intlLocale(i18n.language)));
}

export function messageText(message: Message | null | undefined, fallbackEnglish: string): string {
  if (!message) return fallbackEnglish;
  const key = `main.${message.key}`;
  if (!i18n.exists(key)) return fallbackEnglish;
  // In English main's own text is the fullest there is.
  if (i18n.language === 'en' && fallbackEnglish !== '') return fallbackEnglish;
  const sentence = englishText(message);
  const detail = fallbackEnglish.startsWith(sentence) ? fallbackEnglish.slice(sentence.length).trim() : '';
  const translated = i18n.t(key, { ...localParams(message.params) });
  return detail ? `${translated} ${detail}` : translated;
}

/** An IPC error or an alarm (English `message`, optional `key` and `params`) in the clerk's language. */
export function errorText(error: LocalizedText): string {
  return messageText(error.key ? { key: error.key, ...(error.params ? { params: error.params } : {}) } : null, error.message);
}

/** The clerk's language (from settings). */
export async function changeLanguage(language: UiLanguage): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
  setDocumentLanguage(documentInstance.language);
}

/** Intl locale for money, numbers and dates per UI language. */
export function intlLocale(language: string): string {
  const parsed = uiLanguageSchema.safeParse(language);
  return parsed.success ? intlLocales[parsed.data] : 'en-GB';
}

/** A date and time as the language writes it, e.g. sv "3 mars 2026 14:05". */
export function formatDateTime(date: Date | string, language: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(value);
}

/**
 * The provider's own status code a Message carries (`status`: DENIED, READY …), for a hover title:
 * support asks for it, the clerk reads the words.
 */
export function providerCode(message: Message | null | undefined): string | undefined {
  const code = message?.params?.['status'];
  return code === undefined || code === '' ? undefined : String(code);
}

/** A calendar date (YYYY-MM-DD, as a date input holds it) as the language writes it, e.g. sv "3 mars 2026". */
export function formatCalendarDate(value: string, language: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
