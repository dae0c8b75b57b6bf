import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentTypeFor, resolveAppAsset } from '../../../electron/security/app-asset';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'linkpos-assets-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'my file.css'), 'body{}');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'sibling with a shared prefix');
  try {
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  } catch {
    // Symlinks can be unavailable (Windows without privilege); the test below then checks a missing file.
  }
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppAsset', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppAsset('app://linkpos/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('app://linkpos', root)).toBe(join(root, 'index.html'));
  });

  it('resolves bundle files inside the root', () => {
    expect(resolveAppAsset('app://linkpos/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('app://linkpos/assets/index-abc123.js', root)).toBe(join(root, 'assets', 'index-abc123.js'));
  });

  it('decodes a plainly encoded name once', () => {
    expect(resolveAppAsset('app://linkpos/assets/my%20file.css', root)).toBe(join(root, 'assets', 'my file.css'));
  });

  it('ignores the query string and the fragment', () => {
    expect(resolveAppAsset('app://linkpos/index.html?view=customer', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('app://linkpos/index.html#/sales?x=../../secret.txt', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('app://linkpos/?view=customer', root)).toBe(join(root, 'index.html'));
  });

  it('answers null (404) for files that do not exist', () => {
    expect(resolveAppAsset('app://linkpos/nope.js', root)).toBeNull();
    expect(resolveAppAsset('app://linkpos/assets', root)).toBeNull();
    expect(resolveAppAsset('app://linkpos/assets/', root)).toBeNull();
  });

  it.each([
    ['dot-dot', 'app://linkpos/../secret.txt'],
    ['nested dot-dot', 'app://linkpos/assets/../../secret.txt'],
    ['dot-dot to a prefix-sharing sibling', 'app://linkpos/../renderer-evil/x.js'],
    ['single dot', 'app://linkpos/./index.html'],
    ['encoded dot-dot', 'app://linkpos/%2e%2e/secret.txt'],
    ['mixed-case encoded dot-dot', 'app://linkpos/%2E%2e/secret.txt'],
    ['half-encoded dot-dot', 'app://linkpos/.%2e/secret.txt'],
    ['encoded slash', 'app://linkpos/..%2fsecret.txt'],
    ['encoded slash inside a name', 'app://linkpos/assets%2findex-abc123.js'],
    ['encoded backslash', 'app://linkpos/..%5csecret.txt'],
    ['double-encoded dot-dot', 'app://linkpos/%252e%252e/secret.txt'],
    ['double-encoded slash', 'app://linkpos/assets%252findex-abc123.js'],
    ['raw backslash', 'app://linkpos/..\\secret.txt'],
    ['backslash path', 'app://linkpos/assets\\index-abc123.js'],
    ['encoded NUL', 'app://linkpos/index.html%00.js'],
    ['raw NUL', 'app://linkpos/index.html\u0000'],
    ['absolute path in the URL', 'app://linkpos//etc/passwd'],
    ['drive letter', 'app://linkpos/C:/Windows/win.ini'],
    ['encoded drive letter', 'app://linkpos/C%3a/Windows/win.ini'],
    ['dotfile', 'app://linkpos/.env'],
    ['malformed escape', 'app://linkpos/%E0%A4%A'],
    ['lone percent', 'app://linkpos/%'],
    ['symlink escaping the root', 'app://linkpos/assets/link.txt'],
    ['other host', 'app://evil/index.html'],
    ['host with a suffix', 'app://linkpos.evil/index.html'],
    ['credentials', 'app://user@linkpos/index.html'],
    ['port', 'app://linkpos:80/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://linkpos/index.html'],
    ['no scheme', '/index.html'],
    ['empty', ''],
    ['whitespace', 'app://linkpos/index.html '],
    ['newline', 'app://linkpos/in\ndex.html'],
  ])('rejects %s', (_name, url) => {
    expect(resolveAppAsset(url, root)).toBeNull();
  });

  it.each([null, undefined, 7, {}, ['app://linkpos/']])('rejects the non-string %p', (url) => {
    expect(resolveAppAsset(url, root)).toBeNull();
  });

  it('rejects absurdly long URLs', () => {
    expect(resolveAppAsset(`app://linkpos/${'a'.repeat(5000)}`, root)).toBeNull();
  });

  it('never returns a path outside the root, whatever the path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '%00', '%252e', 'assets', 'index.html', '', '\\', 'C:'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const result = resolveAppAsset(`app://linkpos/${segments.join('/')}`, root, () => true);
        if (result !== null) expect(result.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('asks the injected file check, so a missing file is a 404 without touching disk', () => {
    const seen: string[] = [];
    const result = resolveAppAsset('app://linkpos/assets/x.js', '/virtual/root', (candidate) => {
      seen.push(candidate);
      return false;
    });
    expect(result).toBeNull();
    expect(seen).toEqual([join('/virtual/root', 'assets', 'x.js')]);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/app.JS', 'text/javascript; charset=utf-8'],
    ['x.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
  ])('types %s as %s', (path, type) => {
    expect(contentTypeFor(path)).toBe(type);
  });

  it.each(['README', 'archive.tar.gz', 'x.exe', '.env', 'index.html.map'])('serves the unknown %s as opaque bytes', (path) => {
    expect(contentTypeFor(path)).toBe('application/octet-stream');
  });
});
