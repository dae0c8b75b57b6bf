import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../../../shared/domain/settings';
import { ipcErrorSchema, fail } from '../../../shared/ipc/result';
import { englishText, localizedText, mainMessages, messageKeys, msg, placeholders, readMessage } from '../../../shared/messages';
import { validateCart } from '../../../shared/domain/cart';
import type { CartLine } from '../../../shared/domain/schemas';
import { errorText, i18n, messageText } from '../../../renderer/src/i18n';
import { locales } from '../../../renderer/src/i18n/resources';

/** What the main process says reaches the clerk in every UI language (shared/messages.ts). */
describe('the main-process message catalog', () => {
  it.each(uiLanguages)('%s has every key, with exactly the English placeholders', (language) => {
    const main: Readonly<Record<string, string>> = locales[language].main;
    expect(Object.keys(main).sort()).toEqual([...messageKeys].sort());
    for (const key of messageKeys) {
      const text = main[key] ?? '';
      expect(text.trim(), `${language}: main.${key}`).not.toBe('');
      expect(placeholders(text), `${language}: main.${key}`).toEqual(placeholders(mainMessages[key]));
    }
  });

  it('renders English with its params, and leaves an unknown placeholder visible', () => {
    expect(englishText(msg('providerRateLimited', { seconds: 5 }))).toBe(
      'The payment service is busy (too many requests). Try again in 5 s.',
    );
    expect(englishText(msg('straumurRefusedCode', { code: 2099 }))).toBe('Straumur refused the request (code 2099).');
    expect(englishText(msg('saleNotFound'))).toBe('There is no sale with that id.');
    expect(englishText({ key: 'zNotFound' })).toBe('There is no Z report number {{number}}.');
  });

  it('round-trips a Message through the IPC error schema', () => {
    const result = fail('provider-rate-limited', 'English words', msg('providerRateLimited', { seconds: 5 }));
    if (result.ok) throw new Error('expected a failure');
    const parsed = ipcErrorSchema.parse(JSON.parse(JSON.stringify(result.error)));
    expect(parsed).toEqual({ code: 'provider-rate-limited', message: 'English words', key: 'providerRateLimited', params: { seconds: 5 } });
    expect(ipcErrorSchema.safeParse({ ...parsed, key: 'noSuchKey' }).success).toBe(false);
    expect(ipcErrorSchema.parse({ code: 'internal', message: 'old shape' })).toEqual({ code: 'internal', message: 'old shape' });
  });

  it('reads a stored Message, and nothing from an unknown key or a wrong shape', () => {
    expect(readMessage({ key: 'rowDuplicate', params: { line: 2 } })).toEqual({ key: 'rowDuplicate', params: { line: 2 } });
    expect(readMessage({ key: 'gone' })).toBeNull();
    expect(readMessage('The customer paid.')).toBeNull();
    expect(readMessage(undefined)).toBeNull();
  });
});

const breadLine: CartLine = {
  id: 'bread',
  name: 'Bröd',
  barcode: '7310865000361',
  unitPriceMinor: 3500,
  vatRate: 1200,
  quantityMilli: 1000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: false,
};

describe('the renderer shows main-process text in the clerk’s language', () => {
  it('translates by key, with params, and falls back to the English text', async () => {
    await i18n.changeLanguage('sv');
    try {
      const busy = msg('providerRateLimited', { seconds: 5 });
      expect(messageText(busy, englishText(busy))).toBe('Betaltjänsten är upptagen (för många förfrågningar). Försök igen om 5 s.');
      const [negative] = validateCart({ currency: 'SEK', discount: null, lines: [{ ...breadLine, quantityMilli: -1000 }] });
      expect(negative && errorText(localizedText(negative))).toBe('”Bröd”: antalet måste vara större än noll.');
      expect(messageText(null, 'Stored English reason')).toBe('Stored English reason');
      expect(messageText({ key: 'noSuchKey' } as never, 'Stored English reason')).toBe('Stored English reason');
      expect(errorText({ message: 'The payment service rejected the API key.', key: 'providerAuth' })).toBe(
        'Betaltjänsten godtog inte API-nyckeln.',
      );
      expect(errorText({ message: 'Only English here.' })).toBe('Only English here.');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(errorText({ message: 'The payment service rejected the API key.', key: 'providerAuth' })).toBe(
      'The payment service rejected the API key.',
    );
  });

  it('keeps a detail main adds after the sentence, and repeats nothing else', async () => {
    const refused = msg('providerRejected');
    const withDetail = `${englishText(refused)} Ecster says: orderReference is too long.`;
    expect(messageText(refused, withDetail)).toBe(withDetail);
    await i18n.changeLanguage('sv');
    try {
      expect(messageText(refused, withDetail)).toBe(`${i18n.t('main.providerRejected')} Ecster says: orderReference is too long.`);
      // English that is not the sentence plus a detail (a clipped note, older wording, a joined list) adds nothing.
      expect(messageText(refused, 'The payment service refused the request (old wording).')).toBe(i18n.t('main.providerRejected'));
      expect(messageText(refused, 'The payment service refused the req…')).toBe(i18n.t('main.providerRejected'));
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('never puts a period straight after an amount (Danish and Icelandic kronor end in one)', async () => {
    const keys = ['reasonMismatchPaidAmounts', 'reasonMismatchOpenAmounts', 'reasonMismatchCancelledAmounts'] as const;
    try {
      for (const language of uiLanguages) {
        await i18n.changeLanguage(language);
        for (const key of keys) {
          for (const currency of ['SEK', 'NOK', 'DKK', 'EUR', 'ISK']) {
            const shown = messageText(
              msg(key, { reportedMinor: 9000, reportedCurrency: currency, expectedMinor: 10000, expectedCurrency: currency }),
              '',
            );
            expect(shown, `${language} ${key} ${currency}`).not.toMatch(/\.\.|\{\{/);
          }
        }
      }
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('formats money params in the reader’s locale', async () => {
    const mismatch = msg('reasonMismatchPaidAmounts', {
      reportedMinor: 9000,
      reportedCurrency: 'SEK',
      expectedMinor: 10000,
      expectedCurrency: 'SEK',
    });
    expect(englishText(mismatch).replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'The payment service reports a payment that does not match this sale (SEK 90.00 instead of SEK 100.00). It has not been counted as paid.',
    );
    expect(messageText(mismatch, englishText(mismatch))).toBe(englishText(mismatch));
    await i18n.changeLanguage('sv');
    try {
      const shown = messageText(mismatch, englishText(mismatch)).replace(/[\u00a0\u202f]/g, ' ');
      expect(shown).toBe(
        'Betaltjänsten rapporterar en betalning som inte stämmer med köpet (90,00 kr i stället för 100,00 kr). Den har inte räknats som betald.',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
