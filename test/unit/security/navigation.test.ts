import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAllowedNavigation, windowOpenHandler } from '../../../electron/security/navigation';
import { APP_ORIGIN, devServerOrigin, originOf } from '../../../electron/security/origin';

const DEV = 'http://localhost:5173';

describe('isAllowedNavigation', () => {
  it.each([
    'app://linkpos/index.html',
    'app://linkpos/',
    'app://linkpos/index.html?view=customer',
    'app://linkpos/index.html#/sales',
    'APP://linkpos/index.html',
  ])('allows the app’s own page %s', (url) => {
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript with app text', 'javascript://app://linkpos/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC', 'file://server/share/x.html'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:app://linkpos/1234'],
    ['https elsewhere', 'https://pay.ecster.se/link/abc'],
    ['http elsewhere', 'http://example.com/'],
    ['about:blank', 'about:blank'],
    ['another app host', 'app://evil/index.html'],
    ['host suffix', 'app://linkpos.evil.com/'],
    ['host prefix', 'app://evil.linkpos/'],
    ['app with port', 'app://linkpos:8080/'],
    ['credentials in URL', 'app://user:pass@linkpos/index.html'],
    ['user only', 'app://linkpos@evil.com/'],
    ['unicode lookalike (Cyrillic о)', 'app://linkpоs/index.html'],
    ['unicode lookalike (dotless ı)', 'app://lınkpos/'],
    ['fullwidth letters', 'app://ｌｉｎｋｐｏｓ/'],
    ['UNC path', '\\\\server\\share\\index.html'],
    ['backslash trick', 'app://linkpos\\@evil.com/'],
    ['leading space', ' app://linkpos/'],
    ['embedded newline', 'app://link\npos/'],
    ['NUL', 'app://linkpos\u0000.evil/'],
    ['relative path', '/index.html'],
    ['protocol-relative', '//linkpos/index.html'],
    ['empty', ''],
    ['malformed', 'app://'],
    ['garbage', '::::'],
    ['chrome:', 'chrome://settings'],
    ['devtools:', 'devtools://devtools/bundled/inspector.html'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation(url, APP_ORIGIN, DEV)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['app://linkpos/']])('refuses a non-string %p', (url) => {
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
  });

  it('allows the dev server only when its origin is given', () => {
    expect(isAllowedNavigation('http://localhost:5173/?view=customer', APP_ORIGIN, DEV)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/', APP_ORIGIN)).toBe(false);
  });

  it('does not stretch the dev origin to another port, scheme or credentialed form', () => {
    expect(isAllowedNavigation('http://localhost:5174/', APP_ORIGIN, DEV)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', APP_ORIGIN, DEV)).toBe(false);
    expect(isAllowedNavigation('http://user@localhost:5173/', APP_ORIGIN, DEV)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173.evil.com/', APP_ORIGIN, DEV)).toBe(false);
  });

  it('never allows a random URL whose origin differs from the app', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('never allows an arbitrary string unless it really has the app origin', () => {
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const url = `app://linkpos${tail}`;
        expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(originOf(url) === APP_ORIGIN);
      }),
    );
  });
});

describe('windowOpenHandler', () => {
  it('denies every window.open', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });
});

describe('devServerOrigin', () => {
  it('accepts a loopback http dev server in an unpackaged app', () => {
    expect(devServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://[::1]:5173', false)).toBe('http://[::1]:5173');
  });

  it('ignores the variable in a packaged app', () => {
    expect(devServerOrigin('http://localhost:5173', true)).toBeUndefined();
  });

  it.each([
    'https://evil.example',
    'http://192.168.1.10:5173',
    'http://localhost.evil.com:5173',
    'file:///tmp',
    'javascript:1',
    '',
    'nonsense',
  ])('refuses a dev server at %s', (raw) => {
    expect(devServerOrigin(raw, false)).toBeUndefined();
  });
});
