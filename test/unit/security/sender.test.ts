import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/security/sender';
import { APP_ORIGIN } from '../../../electron/security/origin';

const DEV = 'http://localhost:5173';

describe('isTrustedSender', () => {
  it('trusts the app’s own top frame', () => {
    expect(isTrustedSender({ url: 'app://linkpos/index.html', isTopFrame: true }, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://linkpos/index.html?view=customer', isTopFrame: true }, APP_ORIGIN)).toBe(true);
  });

  it('treats a missing sender frame as foreign', () => {
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false);
  });

  it('treats a subframe as foreign even on the app origin', () => {
    expect(isTrustedSender({ url: 'app://linkpos/index.html', isTopFrame: false }, APP_ORIGIN)).toBe(false);
  });

  it('requires isTopFrame to be exactly true', () => {
    expect(isTrustedSender({ url: 'app://linkpos/', isTopFrame: 'true' as unknown as boolean }, APP_ORIGIN)).toBe(false);
  });

  it.each([
    'https://pay.ecster.se/',
    'file:///index.html',
    'about:blank',
    '',
    'data:text/html,x',
    'app://evil/index.html',
    'app://user@linkpos/',
    'app://linkpоs/',
    'http://localhost:5173/',
  ])('treats a top frame at %s as foreign', (url) => {
    expect(isTrustedSender({ url, isTopFrame: true }, APP_ORIGIN)).toBe(false);
  });

  it('trusts the dev server only when it is given', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true }, APP_ORIGIN, DEV)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: false }, APP_ORIGIN, DEV)).toBe(false);
  });

  it('rejects malformed frame objects', () => {
    expect(isTrustedSender({} as never, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender('app://linkpos/' as never, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 42, isTopFrame: true } as never, APP_ORIGIN)).toBe(false);
  });
});
