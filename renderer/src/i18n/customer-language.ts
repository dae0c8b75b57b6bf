import { uiLanguages, type UiLanguage } from '../../../shared/domain/settings';

/**
 * The customer display's language. It follows the clerk's language until the customer picks one
 * with the language button; from then on a settings load or save does not override the customer's
 * choice. When the sale ends the choice is forgotten, so the next customer starts in the shop's
 * language again.
 */
export interface CustomerLanguage {
  current(): UiLanguage;
  /** The customer pressed the language button: the next language, and it sticks. */
  chooseNext(): UiLanguage;
  /** The clerk's language changed (settings loaded or saved). */
  clerkChanged(language: UiLanguage): void;
  /** The sale is over: back to the clerk's language. */
  saleEnded(): void;
}

export function nextUiLanguage(language: string): UiLanguage {
  const index = uiLanguages.indexOf(language as UiLanguage);
  return uiLanguages[(index + 1) % uiLanguages.length] ?? 'en';
}

export function createCustomerLanguage(initial: UiLanguage, apply: (language: UiLanguage) => void): CustomerLanguage {
  let clerk = initial;
  let current = initial;
  let chosen = false;
  const set = (language: UiLanguage) => {
    if (language === current) return;
    current = language;
    apply(language);
  };
  return {
    current: () => current,
    chooseNext: () => {
      chosen = true;
      set(nextUiLanguage(current));
      return current;
    },
    clerkChanged: (language) => {
      clerk = language;
      if (!chosen) set(language);
    },
    saleEnded: () => {
      chosen = false;
      set(clerk);
    },
  };
}
