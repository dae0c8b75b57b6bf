import type { CDPSession, Page } from '@playwright/test';

/**
 * A USB scanner's keys as the browser gets them from the keyboard: trusted key events sent through
 * Chromium's input pipeline (DevTools `Input.dispatchKeyEvent`), not events built in the page. Each
 * key carries the time stamp a scanner typing `msPerKey` apart would give it, and all of a scan's
 * events are sent at once (in order) instead of one round trip each, so a loaded test machine
 * cannot stretch a 5 ms scanner into a 90 ms typist.
 */
export class ScannerKeys {
  private session: Promise<CDPSession> | null = null;

  constructor(private readonly page: Page) {}

  async scan(code: string, msPerKey = 7): Promise<void> {
    const session = await (this.session ??= this.page.context().newCDPSession(this.page));
    const start = Date.now() / 1000;
    const keys = [...code].map(keyOf).concat(ENTER);
    await Promise.all(
      keys.flatMap((key, index) => {
        const timestamp = start + (index * msPerKey) / 1000;
        return [
          session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp }),
          session.send('Input.dispatchKeyEvent', {
            type: 'keyUp',
            key: key.key,
            code: key.code,
            windowsVirtualKeyCode: key.windowsVirtualKeyCode,
            timestamp,
          }),
        ];
      }),
    );
  }
}

type Key = { key: string; code: string; text: string; windowsVirtualKeyCode: number };

const ENTER: Key = { key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 };

function keyOf(char: string): Key {
  if (!/^[0-9]$/.test(char)) throw new Error(`a barcode key is a digit, not ${JSON.stringify(char)}`);
  return { key: char, code: `Digit${char}`, text: char, windowsVirtualKeyCode: char.charCodeAt(0) };
}
