import { en } from './locales/en';
import type { UiLanguage } from '../../../shared/domain/settings';

export type { UiLanguage };
export type Messages = typeof en;

export const resources = {
  en: { translation: en },
} as const;
