// Bundles the Electron main process and the preload with esbuild.
//   electron/main.ts    → dist-electron/main.mjs   (ESM, Node, everything but electron bundled in)
//   electron/preload.ts → dist-electron/preload.cjs (CJS: sandboxed preloads cannot be ES modules)
// Then checks that each bundle loads nothing at run time except what its process provides, so a
// missing dependency or a stray value import in the preload fails here, not in a shop.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const isDev = process.argv.includes('--dev');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  external: ['electron'],
  sourcemap: isDev ? 'linked' : false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(isDev ? 'development' : 'production') },
};

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** What each bundle may still import at run time. */
const allowed = {
  // pg requires pg-native only when `pg.native` is read (inside a try), which LinkPOS never does.
  'dist-electron/main.mjs': (path) => path === 'electron' || path === 'pg-native' || builtins.has(path),
  // The sandboxed preload's require() knows electron's renderer modules and little else.
  'dist-electron/preload.cjs': (path) => path === 'electron',
};

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir: 'dist-electron',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    target: 'node22',
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __linkposCreateRequire } from 'node:module';\nconst require = __linkposCreateRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist-electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    target: 'node22',
  }),
]);

const problems = [];
for (const result of results) {
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const check = allowed[output];
    if (check === undefined) continue;
    for (const imported of meta.imports) {
      if (imported.external && !check(imported.path)) problems.push(`${output} loads ${imported.path} at run time`);
    }
    if (output.endsWith('preload.cjs') && meta.bytes > 16 * 1024) {
      problems.push(`${output} is ${meta.bytes} bytes; the preload should import only types from shared/`);
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
