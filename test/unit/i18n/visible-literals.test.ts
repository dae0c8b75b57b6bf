import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVisibleLiterals } from './visible-literals';

const root = resolve(import.meta.dirname, '..', '..', '..');
const componentsDir = join(root, 'renderer', 'src', 'components');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

describe('the literal finder', () => {
  it('finds JSX text, literal accessible names and placeholders, and sentences built in code', () => {
    const source = `
      export function Bad({ t }) {
        const error = 'Enter the merchant key.';
        return (
          <nav aria-label="Main">
            <input placeholder={'Search here'} title={\`Open \${t('x')}\`} />
            <button>Save changes</button>
          </nav>
        );
      }`;
    expect(findVisibleLiterals(source).map((f) => [f.kind, f.text])).toEqual([
      ['sentence', 'Enter the merchant key.'],
      ['attribute', 'Main'],
      ['attribute', 'Search here'],
      ['attribute', 'Open'],
      ['jsx-text', 'Save changes'],
    ]);
  });

  it('lets translated text, key names, units, symbols and the brand through', () => {
    const source = `
      export function Good({ t, name }) {
        return (
          <div aria-label={t('cart.heading')} className="cart cart--big">
            <h1>{name || 'LinkPOS'}</h1>
            <kbd aria-hidden="true">Enter</kbd> × − {'★'} <option>80 mm</option> {t('a.b')} %
          </div>
        );
      }`;
    expect(findVisibleLiterals(source)).toEqual([]);
  });
});

describe('renderer components', () => {
  const files = tsxFiles(componentsDir);

  it('are found (the scan covers something)', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('show no user-visible English literal: every string passes through t()', () => {
    const findings = files.flatMap((file) =>
      findVisibleLiterals(readFileSync(file, 'utf8'), file).map((f) => `${relative(root, file)}:${f.line} ${f.kind} "${f.text}"`),
    );
    expect(findings).toEqual([]);
  });
});

/**
 * Code outside components whose answers reach the clerk: barcode reasons (shared/domain/gtin.ts), cart problems (cart.ts),
 * the scanner's rejections, the store's notices and the shortcuts. They hand over codes and keys,
 * which the renderer says in the clerk's language; an English sentence here would reach a Swedish
 * clerk as it is ("Not a valid barcode: Check digit does not match…" did).
 */
describe('code whose reasons reach the clerk', () => {
  const files = [
    join(root, 'shared', 'domain', 'gtin.ts'),
    join(root, 'shared', 'domain', 'cart-limits.ts'),
    // validateCart's problems reach the clerk through main's refusal.
    join(root, 'shared', 'domain', 'cart.ts'),
    ...['scanner', 'store', 'keyboard'].flatMap((dir) =>
      readdirSync(join(root, 'renderer', 'src', dir))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(root, 'renderer', 'src', dir, name)),
    ),
  ];

  it('are found (the scan covers something)', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('return codes, never an English sentence', () => {
    const findings = files.flatMap((file) =>
      findVisibleLiterals(readFileSync(file, 'utf8'), file)
        .filter((f) => f.kind === 'sentence')
        .map((f) => `${relative(root, file)}:${f.line} "${f.text}"`),
    );
    expect(findings).toEqual([]);
  });
});
