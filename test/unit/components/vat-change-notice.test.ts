import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../../../shared/domain/settings';
import { upcomingVatChanges } from '../../../shared/domain/vat';
import { i18n } from '../../../renderer/src/i18n';
import { vatChangeSentence } from '../../../renderer/src/components/VatChangeNotice';

// Intl puts no-break spaces (U+00A0, U+202F) in dates and percentages; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe("the advance notice of a VAT change, in the clerk's language", () => {
  const [food2028] = upcomingVatChanges('SE', '2027-12-28');

  it.each([
    ['en', 'From 1 January 2028 food VAT is 12%.'],
    ['sv', 'Från och med 1 januari 2028 är momsen på livsmedel 12 %.'],
    ['nb', 'Fra og med 1. januar 2028 er merverdiavgiften på matvarer 12 %.'],
    ['da', 'Fra og med 1. januar 2028 er momsen på fødevarer 12 %.'],
    ['fi', '1. tammikuuta 2028 alkaen elintarvikkeiden arvonlisävero on 12 %.'],
    ['is', 'Frá og með 1. janúar 2028 er virðisaukaskattur á matvæli 12%.'],
  ] as const)('says what changes and when in %s', (language, sentence) => {
    expect(food2028).toBeDefined();
    expect(plain(vatChangeSentence(food2028!, language, i18n.getFixedT(language)))).toBe(sentence);
  });

  it('writes a rate with a fraction as the language does', () => {
    const [food2026] = upcomingVatChanges('FI', '2025-12-28');
    expect(plain(vatChangeSentence(food2026!, 'fi', i18n.getFixedT('fi')))).toBe(
      '1. tammikuuta 2026 alkaen elintarvikkeiden arvonlisävero on 13,5 %.',
    );
    expect(plain(vatChangeSentence(food2026!, 'en', i18n.getFixedT('en')))).toBe('From 1 January 2026 food VAT is 13.5%.');
  });

  it('has a sentence for every category in every language', () => {
    const changes = upcomingVatChanges('FI', '2025-12-28').concat(upcomingVatChanges('FI', '2024-08-28'));
    for (const language of uiLanguages) {
      for (const change of changes) expect(vatChangeSentence(change, language, i18n.getFixedT(language))).not.toMatch(/vatNotice|\{\{/);
    }
  });
});
