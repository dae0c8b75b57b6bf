import { da } from './locales/da';
import { en } from './locales/en';
import { fi } from './locales/fi';
import { is } from './locales/is';
import { nb } from './locales/nb';
import { sv } from './locales/sv';
import type { Translation } from './translation';
import type { UiLanguage } from '../../../shared/domain/settings';

export type { UiLanguage, Translation };
export type Messages = typeof en;

/** Every UI language, each complete: the `satisfies` fails the build when one is missing. */
export const locales = { sv, en, nb, da, fi, is } as const satisfies Record<UiLanguage, Translation>;

export const resources = {
  sv: { translation: sv },
  en: { translation: en },
  nb: { translation: nb },
  da: { translation: da },
  fi: { translation: fi },
  is: { translation: is },
} as const satisfies Record<UiLanguage, { translation: Translation }>;
