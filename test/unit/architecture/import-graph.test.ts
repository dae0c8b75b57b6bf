import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPath, isElectron, isNodeBuiltin, listSources, packageLoadsElectron, packageName, parseImports, ROOT } from './import-graph';

const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

// Everything that must run in plain Node (services, web host, tests) or in the renderer.
const ELECTRON_FREE = [
  ...listSources('electron/services'),
  ...listSources('electron/security'),
  ...listSources('shared'),
  ...listSources('renderer'),
  ...listSources('webhost'),
  ...listSources('test', ['test/unit/shell']),
];

/**
 * The whole thin set of files that load electron. Adding one is a conscious change: it must be
 * a shell file, the composition root or the preload, and ARCHITECTURE.md lists them.
 */
const EXPECTED_ELECTRON_IMPORTERS = ['electron/main.ts', 'electron/preload.ts', 'electron/shell/windows.ts'];
const ALLOWED_ELECTRON_IMPORTER = /^electron\/(main\.ts|preload\.ts|shell\/[^/]+\.ts)$/;

describe('import graph', () => {
  it('finds the source trees it is meant to walk', () => {
    expect(ELECTRON_FREE.map(rel)).toEqual(expect.arrayContaining(['electron/security/csp.ts', 'shared/ipc/contract.ts']));
  });

  it.each(ELECTRON_FREE.map((file) => [rel(file), file]))('%s never loads electron, directly or through a package', (_name, file) => {
    const chain = findPath(file, (specifier) => isElectron(specifier) || packageLoadsElectron(packageName(specifier)));
    expect(chain, chain?.join('\n  ')).toBeNull();
  });

  it.each(listSources('shared').map((file) => [rel(file), file]))('shared: %s reaches no Node built-in', (_name, file) => {
    const chain = findPath(file, isNodeBuiltin);
    expect(chain, chain?.join('\n  ')).toBeNull();
  });

  it.each(listSources('renderer').map((file) => [rel(file), file]))('renderer: %s reaches no Node built-in', (_name, file) => {
    const chain = findPath(file, isNodeBuiltin);
    expect(chain, chain?.join('\n  ')).toBeNull();
  });

  it('has exactly the expected thin set of files importing electron', () => {
    const importers = [
      ...listSources('electron'),
      ...listSources('shared'),
      ...listSources('renderer'),
      ...listSources('webhost'),
      ...listSources('scripts'),
    ]
      .filter((file) => parseImports(file).some((edge) => !edge.typeOnly && isElectron(edge.specifier)))
      .map(rel)
      .sort();
    expect(importers).toEqual(EXPECTED_ELECTRON_IMPORTERS);
    for (const file of importers) expect(file).toMatch(ALLOWED_ELECTRON_IMPORTER);
  });

  it('knows that electron-store loads electron, so a service cannot sneak it in', () => {
    expect(packageLoadsElectron('electron-store')).toBe(true);
    expect(packageLoadsElectron('zod')).toBe(false);
    expect(packageLoadsElectron('ky')).toBe(false);
  });
});

describe('preload', () => {
  const edges = parseImports(`${ROOT}/electron/preload.ts`);

  it('imports only types from shared/, so it bundles to a few lines that run in the sandbox', () => {
    const fromShared = edges.filter((edge) => edge.specifier.includes('shared/'));
    expect(fromShared.length).toBeGreaterThan(0);
    for (const edge of fromShared) expect(edge, edge.specifier).toMatchObject({ typeOnly: true });
  });

  it('loads nothing at run time but electron', () => {
    expect(edges.filter((edge) => !edge.typeOnly).map((edge) => edge.specifier)).toEqual(['electron']);
  });
});

describe('parseImports', () => {
  const parse = (text: string) => parseImports('/virtual/x.ts', text);

  it('tells whole-statement type imports from value imports', () => {
    expect(
      parse(`
        import type { A } from 'electron';
        import { type B } from 'electron/main';
        import C from './c';
        export type { D } from './d';
        export { E } from './e';
        export * from './f';
        const g = await import('./g');
        const h = require('./h');
        type I = typeof import('./i');
      `),
    ).toEqual([
      { specifier: 'electron', typeOnly: true },
      { specifier: 'electron/main', typeOnly: false },
      { specifier: './c', typeOnly: false },
      { specifier: './d', typeOnly: true },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: false },
      { specifier: './g', typeOnly: false },
      { specifier: './h', typeOnly: false },
    ]);
  });

  it('flags a computed dynamic import', () => {
    expect(parse('const m = await import(name);')).toEqual([{ specifier: '<computed>', typeOnly: false }]);
  });

  it('recognises Node built-ins with and without the node: prefix', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'path', 'crypto'].every(isNodeBuiltin)).toBe(true);
    expect(['zod', 'react', 'electron', './fs'].some(isNodeBuiltin)).toBe(false);
  });
});

describe('findPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkpos-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const reachesElectron = (specifier: string) => isElectron(specifier) || packageLoadsElectron(packageName(specifier));

  it('follows relative value imports to a package that loads electron and reports the chain', () => {
    write('store.ts', "import Store from 'electron-store';\nexport const s = Store;\n");
    const entry = write('service.ts', "export { s } from './store';\n");
    const chain = findPath(entry, reachesElectron);
    expect(chain).toHaveLength(2);
    expect(chain![1]).toMatch(/store\.ts → electron-store$/);
  });

  it('ignores type-only imports of electron', () => {
    const entry = write('typed.ts', "import type { App } from 'electron';\nexport type A = App;\n");
    expect(findPath(entry, reachesElectron)).toBeNull();
  });

  it('catches an inline type specifier, which still loads the module', () => {
    const entry = write('inline.ts', "import { type App } from 'electron';\nexport type A = App;\n");
    expect(findPath(entry, reachesElectron)).not.toBeNull();
  });

  it('finds a Node built-in behind a relative import', () => {
    write('disk.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n");
    const entry = write('pure.ts', "import { r } from './disk.js';\nexport const x = r;\n");
    expect(findPath(entry, isNodeBuiltin)).not.toBeNull();
  });
});
