// @ts-check
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import sdl from '@microsoft/eslint-plugin-sdl';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'child_process',
  'net',
  'url',
  'stream',
  'util',
  'events',
  'buffer',
  'zlib',
  'worker_threads',
];
const noNode = nodeBuiltins.map((name) => ({
  group: [name],
  message: 'Node built-ins run only in the main process (electron/) or the web host.',
}));
// `paths` match the module name exactly; a `patterns` entry 'electron' would also match our own electron/ folder.
const electronMessage = 'Only the thin shell files in electron/shell, electron/main.ts and electron/preload.ts may import electron.';
const noElectronPaths = [{ name: 'electron', message: electronMessage }];

/**
 * The layers inside electron/services (electron/services/layers.json, which the import-graph test
 * reads too): one block per module forbidding every module beside or above it, and the modules it
 * may not use at all. Specifiers are relative, so each is matched by what follows its leading
 * `./` or `../` run; the import-graph test resolves every path exactly.
 */
/** @type {{ layers: { name: string; modules: string[] }[]; onlyUsedBy: Record<string, string[]> }} */
const serviceLayers = JSON.parse(readFileSync(new URL('./electron/services/layers.json', import.meta.url), 'utf8'));
const escapeRegex = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const serviceModuleRegex = (/** @type {string} */ module) =>
  module.endsWith('.ts')
    ? `^(\\.\\./)*\\.{1,2}/${escapeRegex(module.slice(0, -3))}(\\.[cm]?[jt]s)?$`
    : `^(\\.\\./)*\\.{1,2}/${escapeRegex(module)}(/|$)`;
const serviceLayerZones = serviceLayers.layers.flatMap((layer, rank) =>
  layer.modules.map((module) => {
    const notBelow = serviceLayers.layers.slice(rank).flatMap((other) => other.modules.filter((m) => m !== module));
    const notAllowed = Object.entries(serviceLayers.onlyUsedBy)
      .filter(([used, users]) => used !== module && !users.includes(module) && !notBelow.includes(used))
      .map(([used]) => used);
    return {
      files: module.endsWith('.ts') ? [`electron/services/${module}`] : [`electron/services/${module}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: noElectronPaths,
            patterns: [
              ...notBelow.map((other) => ({
                regex: serviceModuleRegex(other),
                message: `${module} (layer "${layer.name}") may import only modules in a layer below its own (electron/services/layers.json).`,
              })),
              ...notAllowed.map((other) => ({
                regex: serviceModuleRegex(other),
                message: `Only ${serviceLayers.onlyUsedBy[other]?.join(', ')} may use ${other} (electron/services/layers.json).`,
              })),
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='pos']",
          message: 'Receive the PosApi injected; only renderer/src/api may read window.pos.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Electron's own security rules (sdl): no eval, no insecure URLs, no innerHTML, Electron checks.
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts', 'webhost/**/*.ts'],
    plugins: { '@microsoft/sdl': sdl },
    rules: {
      '@microsoft/sdl/no-electron-node-integration': 'error',
      '@microsoft/sdl/no-insecure-url': [
        'error',
        { exceptions: ['^http://127\\.0\\.0\\.1', '^http://localhost', '^http://\\[::1\\]', '^http://www\\.w3\\.org/'] },
      ],
      '@microsoft/sdl/no-inner-html': 'error',
      '@microsoft/sdl/no-document-write': 'error',
      '@microsoft/sdl/no-msapp-exec-unsafe': 'error',
      '@microsoft/sdl/no-postmessage-star-origin': 'error',
      '@microsoft/sdl/no-unsafe-alloc': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectronPaths,
          patterns: [
            ...noNode,
            {
              group: ['react', 'react-dom', '**/renderer/**', '**/electron/**', '**/webhost/**'],
              message: 'shared/ depends on nothing but itself and pure libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: noElectronPaths,
          patterns: [
            ...noNode,
            { group: ['**/electron/**', '**/webhost/**'], message: 'The renderer reaches main only through the PosApi.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/security/**/*.ts', 'webhost/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noElectronPaths }] },
  },
  ...serviceLayerZones,
  {
    files: ['renderer/src/api/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      // Tests build hostile inputs and poke at results; `any` from JSON.parse is expected there.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'No test imports electron except the shell tests, which vi.mock it first.' }] },
      ],
    },
  },
  {
    files: ['test/unit/shell/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
