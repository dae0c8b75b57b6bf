import { en } from '../../renderer/src/i18n/locales/en';
import { locales } from '../../renderer/src/i18n/resources';
import type { UiLanguage } from '../../shared/domain/settings';
import { test, expect, type Page } from './fixtures';
import { englishText, msg } from '../../shared/messages';
import { SandboxControl } from './support/sandbox';

/**
 * The whole UI in each Nordic language: switch through Settings, walk every screen, and fail on
 * any English UI string still showing. Product names and shop data are data, not UI, and a string
 * the language itself writes the same way (a brand, "Status") is not a miss.
 */

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English strings as matchers: exact text, with {{variables}} standing for any text. */
function englishMatchers(language: UiLanguage): { source: string; re: RegExp }[] {
  const own = new Set(leaves(locales[language]));
  return leaves(en)
    .filter((s) => !own.has(s) && /\p{L}{2,}/u.test(s.replace(/\{\{[^}]*\}\}/g, '')))
    .map((s) => ({
      source: s,
      re: new RegExp(
        `^${s
          .split(/\{\{[^}]*\}\}/)
          .map(escape)
          .join('.+?')}$`,
        'u',
      ),
    }));
}

/** Every piece of text a clerk can see or a screen reader can say. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      if (text && node.parentElement && (shown(node.parentElement) || node.parentElement.tagName === 'OPTION')) out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [alt], [title]'))) {
      if (!shown(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'alt', 'title']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    out.push(document.title);
    return out;
  });
}

async function expectNoEnglish(page: Page, language: UiLanguage, screen: string): Promise<void> {
  const matchers = englishMatchers(language);
  const texts = await visibleTexts(page);
  expect(texts.length, `text on "${screen}"`).toBeGreaterThan(3);
  const english = texts.flatMap((text) => matchers.filter((m) => m.re.test(text)).map((m) => `"${text}" (en: "${m.source}")`));
  expect(english, `English left on "${screen}" in ${language}`).toEqual([]);
}

async function switchLanguage(page: Page, language: UiLanguage): Promise<void> {
  await page.getByRole('button', { name: en.app.settings }).click();
  await page.locator('#f-uiLanguage').selectOption(language);
  await page.getByRole('button', { name: en.settings.save, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: locales[language].settings.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

const nordic = ['sv', 'nb', 'da', 'fi', 'is'] as const satisfies readonly UiLanguage[];

for (const language of nordic) {
  test(`every screen speaks ${language} with no English left`, async ({ page, pos }) => {
    const l = locales[language];
    await pos.open();
    await switchLanguage(page, language);
    await expectNoEnglish(page, language, 'settings');
    // A field the main process refuses is explained in the clerk's language too.
    await page.locator('#f-returnUrl').fill('http://shop.example/back');
    await page.getByRole('button', { name: l.settings.save, exact: true }).click();
    await expect(page.locator('#e-returnUrl')).toHaveText(l.main.settingsNotHttpsUrl);
    await expectNoEnglish(page, language, 'settings with a refused field');
    await page.locator('#f-returnUrl').fill('');

    const history = page.getByRole('button', { name: l.app.history, exact: true });
    if (await history.isVisible()) {
      await history.click();
      await page.waitForTimeout(300); // let the list load
      await expectNoEnglish(page, language, 'history');
    }

    await page.getByRole('button', { name: l.app.sell, exact: true }).click();
    await expectNoEnglish(page, language, 'sell, empty');
    await page.locator('.quick-keys .quick-key:not(.quick-key--custom)').first().click();
    await page.locator('.quick-keys .quick-key:not(.quick-key--custom)').nth(1).click();
    await page.getByRole('searchbox').fill('a');
    await expectNoEnglish(page, language, 'sell with lines and search results');
    await page.getByRole('searchbox').fill('zzzzqqq');
    await expectNoEnglish(page, language, 'search without results');
    await page.getByRole('searchbox').fill('');
    await page.getByRole('searchbox').blur();

    await page.keyboard.press('F4');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoEnglish(page, language, 'discount dialog');
    await page.keyboard.press('Escape');
    await page.locator('.quick-key--custom').click();
    await expectNoEnglish(page, language, 'custom item dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: l.charge.button }).click();
    await expect(page.getByRole('status').filter({ hasText: l.sale.status.waiting })).toBeVisible();
    await expect(page.getByRole('img', { name: l.sale.qrAlt })).toBeVisible();
    await expectNoEnglish(page, language, 'checkout, waiting');

    const url = (await page.locator('.checkout__url').textContent()) ?? '';
    const phone = await pos.customerPresses(url, 'Pay');
    await phone.close();
    await expect(page.getByRole('status').filter({ hasText: l.sale.status.paid })).toBeVisible();
    await expect(page.getByRole('button', { name: l.sale.newSale })).toBeFocused();
    await expectNoEnglish(page, language, 'checkout, paid');
  });
}

test('a refusal from the main process reaches the clerk in Swedish, never in English', async ({ page, pos, host }) => {
  await pos.open();
  await switchLanguage(page, 'sv');
  await page.getByRole('button', { name: locales.sv.app.sell, exact: true }).click();
  await page.locator('.quick-keys .quick-key:not(.quick-key--custom)').first().click();
  // The payment service turns the create away (429): main fails the sale with a ProviderError.
  await new SandboxControl(host.sandboxUrl).setFaults([{ kind: 'rate-limit', retryAfterSeconds: 5, count: 1, match: { method: 'POST' } }]);
  await page.getByRole('button', { name: locales.sv.charge.button }).click();

  const swedish = locales.sv.main.providerRateLimited.replace('{{seconds}}', '5');
  const english = englishText(msg('providerRateLimited', { seconds: 5 }));
  await expect(page.getByText(swedish).first()).toBeVisible();
  await expect(page.getByText(english)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: locales.sv.sale.status.failed })).toBeVisible();
  await expectNoEnglish(page, 'sv', 'charge refused by the payment service');
});

async function addAndReadTotal(page: Page, sell: string): Promise<string> {
  await page.getByRole('button', { name: sell, exact: true }).click();
  await page.locator('.quick-keys .quick-key:not(.quick-key--custom)').first().click();
  return (await page.locator('.cart__total-amount').textContent()) ?? '';
}

test('money in Swedish: kronor with a decimal comma and the sign after', async ({ page, pos }) => {
  await pos.open();
  await switchLanguage(page, 'sv');
  expect(await addAndReadTotal(page, locales.sv.app.sell)).toMatch(/^\d{1,3}(?:[\s\u00a0\u202f]\d{3})*,\d{2}[\s\u00a0]kr$/);
});

test('money in Icelandic krónur: no decimals', async ({ page, pos }) => {
  await pos.open();
  await page.getByRole('button', { name: en.app.settings }).click();
  await page.locator('#f-uiLanguage').selectOption('is');
  await page.locator('#f-demoProvider').selectOption('straumur'); // ISK is sold through Straumur
  await page.locator('#f-currency').selectOption('ISK');
  await page.getByRole('button', { name: en.settings.save, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'is');
  const total = await addAndReadTotal(page, locales.is.app.sell);
  // Node's full ICU writes "25 kr."; a Chromium built with reduced locale data writes "ISK 25". Both are whole krónur.
  expect(total).toMatch(/^(?:[\d.]+[\s\u00a0]kr\.|ISK[\s\u00a0][\d.]+)$/);
  expect(total).not.toMatch(/,\d/);
});

test('the customer display has its own language: it starts in the clerk’s and the customer’s choice stays when the clerk saves settings', async ({
  page,
  pos,
  host,
}) => {
  await pos.open();
  await switchLanguage(page, 'fi');
  const customer = await page.context().newPage();
  await customer.goto(`${host.origin}/customer`);
  await expect(customer.getByText(locales.fi.customer.welcome)).toBeVisible();
  await expect(customer.locator('html')).toHaveAttribute('lang', 'fi');

  const languageButton = customer.getByRole('button', { name: new RegExp(`^${locales.fi.customer.language}`) });
  await languageButton.click(); // fi → is in the cycle
  await expect(customer.getByText(locales.is.customer.welcome)).toBeVisible();
  await expect(customer.locator('html')).toHaveAttribute('lang', 'is');

  // The clerk is untouched by the customer's choice …
  await expect(page.getByRole('heading', { level: 1, name: locales.fi.settings.title })).toBeVisible();
  // … and the customer's choice is untouched by the clerk saving settings and a sale arriving.
  await page.getByRole('button', { name: locales.fi.settings.save, exact: true }).click();
  await page.getByRole('button', { name: locales.fi.app.sell, exact: true }).click();
  await page.locator('.quick-keys .quick-key:not(.quick-key--custom)').first().click();
  await page.getByRole('button', { name: locales.fi.charge.button }).click();
  await expect(customer.getByText(locales.is.customer.scanWithPhone)).toBeVisible();
  await expect(customer.getByRole('status').filter({ hasText: locales.is.sale.status.waiting })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: locales.fi.sale.status.waiting })).toBeVisible();
  await customer.close();
});
