import type { Locator, Page } from '@playwright/test';
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

  /** Types a code the way a USB scanner does: fast keys, then Enter, with nothing focused. */
  async scan(code: string, msPerKey = 5): Promise<void> {
    await this.page.keyboard.type(code, { delay: msPerKey });
    await this.page.keyboard.press('Enter');
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

  /** Opens the link on a second page, as the customer's phone would, and presses a button there. */
  async customerPresses(url: string, button: 'Pay' | 'Decline'): Promise<Page> {
    const customer = await this.page.context().newPage();
    await customer.goto(url);
    await customer.getByRole('button', { name: button }).click();
    return customer;
  }
}
