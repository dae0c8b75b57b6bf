import type { UiLanguage } from '../../../shared/domain/settings';

const byPrimaryTag: Record<string, UiLanguage> = {
  sv: 'sv',
  en: 'en',
  // Norwegian comes as nb (Bokmål), nn (Nynorsk) or the bare macro-language no; we ship Bokmål.
  nb: 'nb',
  nn: 'nb',
  no: 'nb',
  da: 'da',
  fi: 'fi',
  is: 'is',
};

/**
 * The interface language for a first run, from the OS locale in any of the forms platforms use
 * (`sv-SE`, `nb_NO.UTF-8`, `is`, `fi_FI@euro`). Anything we do not ship falls back to English.
 */
export function languageFromLocale(locale: string | undefined): UiLanguage {
  const primary =
    (locale ?? '')
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? '';
  return byPrimaryTag[primary] ?? 'en';
}
