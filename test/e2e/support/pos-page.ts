import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { formatQuantity } from '../../../shared/domain/format';
import { intlLocales } from '../../../shared/intl-locale';
import type { RunningWebHost } from './web-host';
import { decodeQrPng } from './qr';

/** The clerk's screen. Methods are verbs; assertions stay in the tests. */
export class PosPage {
  constructor(
    readonly page: Page,
    readonly host: RunningWebHost,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await this.page.getByRole('button', { name: 'Charge' }).waitFor();
  }

  /**
   * A keyboard-wedge scanner: one keydown per character `msPerKey` apart, then Enter, at whatever
   * element has focus. The keys are dispatched in the page with the time stamps a scanner's keys
   * carry (the scanner listener judges timing by `event.timeStamp`), because on a loaded 2-core
   * machine Playwright's per-key round trips — and even the renderer's own scheduling — stretch
   * past 50 ms, slower than any scanner, and the test would measure the machine instead.
   */
  async scan(code: string, msPerKey = 5): Promise<void> {
    await this.page.evaluate(
      ([text, gap]) => {
        const start = performance.now();
        [...text, 'Enter'].forEach((key, index) => {
          const target = document.activeElement ?? document.body;
          const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
          Object.defineProperty(event, 'timeStamp', { value: start + index * gap });
          target.dispatchEvent(event);
        });
      },
      [code, msPerKey] as const,
    );
  }

  async charge(): Promise<void> {
    await this.page.getByRole('button', { name: 'Charge' }).click();
  }

  get status(): Locator {
    return this.page.getByRole('status').filter({ hasText: /Creating|Waiting|opened|Paid|Expired|Cancelled|Failed|Needs attention/ });
  }

  get total(): Locator {
    return this.page.locator('.cart__total-amount');
  }

  get cartLines(): Locator {
    return this.page.getByRole('list', { name: 'Cart' }).getByRole('listitem');
  }

  /** Screenshots the QR code and decodes it, as the customer's phone would. */
  async readQrCode(): Promise<string> {
    const image = this.page.getByRole('img', { name: 'Payment QR code' });
    await image.waitFor();
    const decoded = decodeQrPng(await image.screenshot());
    if (!decoded) throw new Error('the QR code on screen could not be decoded');
    return decoded;
  }

  /** Changes settings through the same channel the Settings screen uses, then reloads the till. */
  async changeSettings(change: Record<string, unknown>): Promise<void> {
    const current = await callChannel(this.page, 'settings:get');
    const saved = await callChannel(this.page, 'settings:save', { settings: { ...current.value, ...change } });
    if (!saved.ok || !saved.value?.saved) throw new Error(`settings not saved: ${JSON.stringify(saved)}`);
    await this.open();
  }

  /** Which provider demo mode imitates (the built-in sandbox speaks both). */
  async useDemoProvider(provider: 'ecster' | 'straumur'): Promise<void> {
    await this.changeSettings({ provider: 'demo', demoProvider: provider });
  }

  /** Opens the link on a second page, as the customer's phone would, and presses a button there. */
  async customerPresses(url: string, button: 'Pay' | 'Decline'): Promise<Page> {
    return customerPresses(this.page.context(), url, button);
  }
}

/**
 * The customer, on a phone of their own: opens the link and presses Pay or Decline. The button posts
 * a form and the page reloads with the outcome; this waits for that outcome, as a customer would.
 * Closing the page sooner cuts the request off, and a close that races the reload's commit can hang
 * in Chromium for good (crbug.com/536385539: it cost a CI run a one-minute timeout).
 */
export async function customerPresses(context: BrowserContext, url: string, button: 'Pay' | 'Decline'): Promise<Page> {
  const customer = await context.newPage();
  await customer.goto(url);
  await customer.getByRole('button', { name: button }).click();
  await customer.getByRole('status').waitFor();
  return customer;
}

/** What a channel answers, loosely typed for tests that poke at values. */
export type ChannelAnswer = {
  ok: boolean;
  value?: Record<string, unknown> & { saved?: boolean };
  error?: { code: string; message: string };
};

/** Calls a channel from inside the page, as the renderer does (same origin, the host's cookie). */
export async function callChannel(page: Page, channel: string, input?: unknown): Promise<ChannelAnswer> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ input: body }),
      });
      return (await response.json()) as ChannelAnswer;
    },
    [channel, input] as const,
  );
}

type SavedCart = {
  open: { cart: { lines: Array<{ name: string; quantityMilli: number; weighed?: boolean }> } } | null;
  parked?: unknown[];
};

/**
 * Waits until main's cart journal holds the cart on the clerk's screen — each line's name and quantity,
 * in order — and `parked` parked carts when given. The write follows each scan in the background, so a
 * line count alone is not enough: a second scan of the same item changes a quantity, not the count.
 */
export async function savedInMain(pos: PosPage, parked?: number): Promise<void> {
  await expect
    .poll(async () => {
      const screen = (await pos.cartLines.allTextContents()).map((text) => text.replace(/\s+/g, ' '));
      const saved = (await callChannel(pos.page, 'cart:restore')).value as SavedCart | undefined;
      const lines = saved?.open?.cart.lines ?? [];
      const same =
        lines.length === screen.length &&
        lines.every((line, i) => {
          const quantity = formatQuantity(line.quantityMilli, line.weighed ?? false, intlLocales.en);
          return screen[i]!.includes(line.name) && screen[i]!.includes(`${quantity} ×`);
        });
      const cart = same ? 'the cart on screen' : `${lines.length} lines, not the cart on screen`;
      return parked === undefined ? cart : `${cart}, ${saved?.parked?.length ?? 0} parked`;
    })
    .toBe(parked === undefined ? 'the cart on screen' : `the cart on screen, ${parked} parked`);
}
