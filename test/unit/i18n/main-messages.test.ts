import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../../../shared/domain/settings';
import { ipcErrorSchema, fail } from '../../../shared/ipc/result';
import { englishText, mainMessages, messageKeys, msg, placeholders, readMessage } from '../../../shared/messages';
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
    expect(englishText(msg('providerRateLimited', { seconds: 5 }))).toBe('The payment service is busy (too many requests). Try again in 5 s.');
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

describe('the renderer shows main-process text in the clerk’s language', () => {
  it('translates by key, with params, and falls back to the English text', async () => {
    await i18n.changeLanguage('sv');
    try {
      const busy = msg('providerRateLimited', { seconds: 5 });
      expect(messageText(busy, englishText(busy))).toBe('Betaltjänsten är upptagen (för många förfrågningar). Försök igen om 5 s.');
      expect(messageText(null, 'Stored English reason')).toBe('Stored English reason');
      expect(messageText({ key: 'noSuchKey' } as never, 'Stored English reason')).toBe('Stored English reason');
      expect(errorText({ message: 'The payment service rejected the API key.', key: 'providerAuth' })).toBe('Betaltjänsten godtog inte API-nyckeln.');
      expect(errorText({ message: 'Only English here.' })).toBe('Only English here.');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(errorText({ message: 'The payment service rejected the API key.', key: 'providerAuth' })).toBe('The payment service rejected the API key.');
  });

  it('never drops the detail main’s English text has beyond its Message (a mismatch’s amounts, a provider’s words)', async () => {
    const mismatch = msg('reasonMismatchPaid');
    const english = 'The payment service reports a payment that does not match this sale (the amount is 9000 instead of 10000). It has not been counted as paid.';
    expect(messageText(mismatch, english)).toBe(english);
    await i18n.changeLanguage('sv');
    try {
      const shown = messageText(mismatch, english);
      expect(shown.startsWith(i18n.t('main.reasonMismatchPaid'))).toBe(true);
      expect(shown).toContain('the amount is 9000 instead of 10000');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
