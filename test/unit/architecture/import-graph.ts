import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface ImportEdge {
  specifier: string;
  /** `import type …` / `export type … from`: erased, so it cannot load anything at run time. */
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/**
 * Every static import, re-export, dynamic import() and require() in a file. Only a whole-statement
 * `import type` is type-only: under verbatimModuleSyntax `import { type A } from 'x'` still emits
 * `import {} from 'x'`, which loads x.
 */
export function parseImports(file: string, text = readFileSync(file, 'utf8')): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      edges.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      edges.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) edges.push({ specifier: expr.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && arg !== undefined) {
        // A computed specifier could be anything; record it so the caller can refuse it.
        edges.push({ specifier: ts.isStringLiteralLike(arg) ? arg.text : '<computed>', typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

export function listSources(dir: string, exclude: readonly string[] = []): string[] {
  const abs = resolve(ROOT, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    const rel = relative(ROOT, current).split(sep).join('/');
    if (exclude.some((prefix) => rel === prefix || rel.startsWith(prefix + '/'))) return;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(abs);
  return out.sort();
}

const builtins = new Set(builtinModules);

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!);
}

export function isElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Resolves a relative specifier the way the bundler does (extensionless, index files, .js → .ts). */
export function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    ...['.ts', '.tsx', '.mts', '.mjs', '.js', '.cjs'].map((ext) => base + ext),
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  if (/\.(m|c)?js$/.test(base)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.(m|c)?js$/, '.tsx'));
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

export type Reach = (specifier: string) => boolean;

/**
 * Follows value imports from `start` through the repository and returns the chain to the first
 * specifier `forbidden` accepts (a bare module or a package that pulls it in), or null.
 */
const parsed = new Map<string, ImportEdge[]>();
function importsOf(file: string): ImportEdge[] {
  let edges = parsed.get(file);
  if (edges === undefined) parsed.set(file, (edges = parseImports(file)));
  return edges;
}

export function findPath(start: string, forbidden: Reach): string[] | null {
  const seen = new Set<string>();
  const search = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const edge of importsOf(file)) {
      if (edge.typeOnly) continue;
      const here = [...chain, `${relative(ROOT, file)} → ${edge.specifier}`];
      if (edge.specifier === '<computed>') return here;
      if (edge.specifier.startsWith('.')) {
        const target = resolveRelative(file, edge.specifier);
        if (target === null) continue; // unresolved: tsc reports it; not this test's business
        const found = search(target, here);
        if (found) return found;
      } else if (forbidden(edge.specifier)) {
        return here;
      }
    }
    return null;
  };
  return search(start, []);
}

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const runtimeDependencies = new Set(Object.keys(rootPackage.dependencies ?? {}));
const ELECTRON_IN_JS = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)["']electron(?:\/[\w/]*)?["']/;
const packageCache = new Map<string, boolean>();

function packageDir(name: string): string | null {
  const dir = join(ROOT, 'node_modules', name);
  return existsSync(join(dir, 'package.json')) ? dir : null;
}

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|mjs|cjs)$/.test(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/**
 * Does this npm package load electron? The app's runtime dependencies are bundled into main, the
 * renderer and the web host, so they and their dependencies are scanned (electron-store does).
 * Dev tooling (vitest, fast-check, typescript…) only ever runs under plain Node and is a leaf.
 */
export function packageLoadsElectron(name: string): boolean {
  if (isElectron(name)) return true;
  if (!runtimeDependencies.has(name)) return false;
  const visit = (pkg: string, stack: Set<string>): boolean => {
    const cached = packageCache.get(pkg);
    if (cached !== undefined) return cached;
    if (stack.has(pkg)) return false;
    stack.add(pkg);
    const dir = packageDir(pkg);
    let result = false;
    if (dir !== null) {
      const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      result =
        Object.keys(meta.dependencies ?? {}).some((dep) => isElectron(dep) || visit(dep, stack)) ||
        jsFiles(dir).some((file) => ELECTRON_IN_JS.test(readFileSync(file, 'utf8')));
    }
    packageCache.set(pkg, result);
    return result;
  };
  return visit(name, new Set());
}
