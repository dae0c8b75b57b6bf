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
