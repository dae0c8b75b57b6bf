import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type UiLanguage } from './resources';

/**
 * One i18next instance for the renderer. Components use `useTranslation()`; store actions that
 * produce a message for the clerk use `t` from here.
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: false,
  interpolation: { escapeValue: false }, // React escapes; messages are never injected as HTML
  returnNull: false,
  initAsync: false,
});

export const t = i18n.t.bind(i18n);

export async function changeLanguage(language: UiLanguage): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Intl locale for money and dates per UI language. */
export function intlLocale(language: string): string {
  return ({ sv: 'sv-SE', en: 'en-GB', nb: 'nb-NO', da: 'da-DK', fi: 'fi-FI', is: 'is-IS' } as Record<string, string>)[language] ?? 'en-GB';
}
