import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_RESPONSE_HEADERS, CONTENT_SECURITY_POLICY, parseCsp } from '../../../electron/security/csp';

function metaPolicy(html: string): string {
  const tag = /<meta\b[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/is.exec(html)?.[0];
  if (tag === undefined) throw new Error('renderer/index.html has no CSP meta tag');
  const content = /\bcontent=(["'])(.*?)\1/s.exec(tag)?.[2];
  if (content === undefined) throw new Error('the CSP meta tag has no content');
  return content;
}

const policies = {
  'the header constant': CONTENT_SECURITY_POLICY,
  'renderer/index.html': metaPolicy(readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8')),
};

describe.each(Object.entries(policies))('Content Security Policy in %s', (_where, policy) => {
  const csp = parseCsp(policy);
  const sources = (name: string) => csp.get(name) ?? [];

  it("runs only the app's own scripts: no inline script, no eval", () => {
    expect(sources('script-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
  });

  it('falls back to self for everything not named', () => {
    expect(sources('default-src')).toEqual(["'self'"]);
  });

  it('allows no plugins, no <base> rewriting and no framing', () => {
    expect(sources('object-src')).toEqual(["'none'"]);
    expect(sources('base-uri')).toEqual(["'none'"]);
    expect(sources('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets the renderer connect only to its own origin, never to a payment provider', () => {
    expect(sources('connect-src')).toEqual(["'self'"]);
  });

  it('allows data: images for QR codes and nothing remote', () => {
    expect(sources('img-src')).toEqual(["'self'", 'data:']);
  });

  it('keeps styles to the shipped stylesheet', () => {
    expect(sources('style-src')).toEqual(["'self'"]);
  });

  it('has no wildcard or remote source anywhere', () => {
    for (const [name, list] of csp) {
      for (const source of list) {
        expect.soft(source, `${name} ${source}`).toMatch(/^('self'|'none'|data:)$/);
      }
    }
  });
});

describe('app:// response headers', () => {
  it('carry the same CSP as the constant, plus nosniff', () => {
    expect(APP_RESPONSE_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(APP_RESPONSE_HEADERS['x-content-type-options']).toBe('nosniff');
  });

  it('are frozen', () => {
    expect(Object.isFrozen(APP_RESPONSE_HEADERS)).toBe(true);
  });
});

describe('parseCsp', () => {
  it('keeps the first of duplicate directives, as browsers do', () => {
    const csp = parseCsp("script-src 'self'; SCRIPT-SRC *; ; img-src data:");
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(['data:']);
  });
});
