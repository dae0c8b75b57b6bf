import { describe, expect, it } from 'vitest';
import { uiLanguages, type UiLanguage } from '../../../shared/domain/settings';
import { createCustomerLanguage, nextUiLanguage } from '../../../renderer/src/i18n/customer-language';
import { changeLanguage, customerI18n, customerLanguage, i18n } from '../../../renderer/src/i18n';

function setup(initial: UiLanguage = 'sv') {
  const applied: UiLanguage[] = [];
  const language = createCustomerLanguage(initial, (l) => applied.push(l));
  return { language, applied };
}

describe('the customer display language', () => {
  it('follows the clerk until the customer chooses', () => {
    const { language, applied } = setup('sv');
    language.clerkChanged('fi');
    expect(language.current()).toBe('fi');
    expect(applied).toEqual(['fi']);
  });

  it('keeps the customer choice when the clerk language changes afterwards (a settings load)', () => {
    const { language } = setup('sv');
    const chosen = language.chooseNext();
    language.clerkChanged('da');
    expect(language.current()).toBe(chosen);
    expect(chosen).not.toBe('da');
  });

  it('goes back to the clerk language, the latest one, when the sale ends', () => {
    const { language } = setup('sv');
    language.chooseNext();
    language.clerkChanged('is');
    language.saleEnded();
    expect(language.current()).toBe('is');
    language.clerkChanged('nb'); // and follows the clerk again
    expect(language.current()).toBe('nb');
  });

  it('cycles through every UI language and back to the first', () => {
    const seen: UiLanguage[] = [uiLanguages[0]];
    let current: string = uiLanguages[0];
    for (let i = 1; i < uiLanguages.length; i++) seen.push((current = nextUiLanguage(current)));
    expect(new Set(seen)).toEqual(new Set(uiLanguages));
    expect(nextUiLanguage(current)).toBe(uiLanguages[0]);
  });

  it('does not re-apply a language that is already showing', () => {
    const { language, applied } = setup('sv');
    language.clerkChanged('sv');
    language.saleEnded();
    expect(applied).toEqual([]);
  });
});

describe('the two i18next instances', () => {
  it('the customer instance follows a settings change until the customer chooses, and the clerk never follows the customer', async () => {
    await changeLanguage('sv');
    expect(customerI18n.language).toBe('sv');
    customerLanguage.chooseNext();
    await Promise.resolve();
    const customerChoice = customerI18n.language;
    expect(customerChoice).toBe(nextUiLanguage('sv'));
    expect(i18n.language).toBe('sv');

    await changeLanguage('fi'); // the clerk saves settings
    expect(i18n.language).toBe('fi');
    expect(customerI18n.language).toBe(customerChoice);
    expect(customerI18n.t('customer.welcome')).not.toBe(i18n.t('customer.welcome'));

    customerLanguage.saleEnded();
    expect(customerI18n.language).toBe('fi');
  });
});
