import type { UiLanguage } from './domain/settings';

/** The Intl locale for money, numbers and dates in each UI language (screen, paper and PDF alike). */
export const intlLocales: Readonly<Record<UiLanguage, string>> = {
  sv: 'sv-SE',
  en: 'en-GB',
  nb: 'nb-NO',
  da: 'da-DK',
  fi: 'fi-FI',
  is: 'is-IS',
};
