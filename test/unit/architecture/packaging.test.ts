import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { minimatch } from 'minimatch';
import { PNG } from 'pngjs';
import type * as Fuses from '@electron/fuses';
import { ROOT } from './import-graph';

// ajv, minimatch and js-yaml are declared devDependencies, used here only to check configuration
// files; js-yaml ships no types.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asar: boolean;
  artifactName: string;
  icon: string;
  afterPack: string;
  linux: { target: string[]; category: string };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's own view: a file ships when a positive pattern matches and no negation does. */
function ships(path: string): boolean {
  const positive = config.files.filter((pattern) => !pattern.startsWith('!'));
  const negative = config.files.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  return positive.some((p) => minimatch(path, p, { dot: true })) && !negative.some((p) => minimatch(path, p, { dot: true }));
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    // The schema uses a custom `typeof` keyword for hook functions; YAML cannot hold a function anyway.
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addKeyword({ keyword: 'typeof', validate: () => false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app and its artifacts without spaces', () => {
    expect(config).toMatchObject({ appId: 'se.linkpos.app', productName: 'LinkPOS', directories: { output: 'release' }, asar: true });
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    expect(config.artifactName).not.toMatch(/\s/);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and a hardened dmg for macOS', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
  });

  it.each([
    'dist/renderer/index.html',
    'dist/renderer/assets/index-abc.js',
    'dist-electron/main.mjs',
    'dist-electron/preload.cjs',
    'package.json',
  ])('ships %s', (path) => {
    expect(ships(path)).toBe(true);
  });

  it.each([
    'webhost/server.ts',
    'webhost/csp.ts',
    'test/unit/shell/ipc.test.ts',
    'test/fixtures/catalog.csv',
    'electron/main.ts',
    'electron/services/app.ts',
    'shared/ipc/contract.ts',
    'renderer/src/main.tsx',
    'renderer/index.html',
    'scripts/build-electron.mjs',
    'build/after-pack.cjs',
    'dist-electron/main.mjs.map',
    'dist/renderer/assets/index-abc.js.map',
    '.env',
    '.env.local',
    'dist-electron/.env',
    'tsconfig.json',
    'vite.config.ts',
    'electron-builder.yml',
  ])('does not ship %s', (path) => {
    expect(ships(path)).toBe(false);
  });

  it('points at an icon that is a 512×512 PNG', () => {
    const png = PNG.sync.read(readFileSync(join(ROOT, config.icon)));
    expect([png.width, png.height]).toEqual([512, 512]);
  });

  it('points at an afterPack hook that exists', () => {
    expect(config.afterPack).toBe('build/after-pack.cjs');
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true);
  });
});

describe('afterPack fuses', () => {
  const hook = require('../../../build/after-pack.cjs') as {
    default: unknown;
    fuseConfig(platform: string, arch: number): Record<string | number, unknown>;
    electronBinaryPath(context: unknown): string;
  };
  const { FuseV1Options, FuseVersion } = require('@electron/fuses') as typeof Fuses;

  it('turns off every way to run main as something else, and on asar-only loading with integrity', () => {
    const wire = hook.fuseConfig('linux', 1);
    expect(wire).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('resets the ad-hoc signature only for Apple silicon builds', () => {
    expect(hook.fuseConfig('darwin', 3).resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig('darwin', 1).resetAdHocDarwinSignature).toBe(false);
    expect(hook.fuseConfig('linux', 3).resetAdHocDarwinSignature).toBe(false);
  });

  it('finds the packed binary on each platform', () => {
    const packager = { appInfo: { productFilename: 'LinkPOS' }, executableName: 'linkpos' };
    expect(hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe(join('/out', 'LinkPOS.app'));
    expect(hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe(join('/out', 'LinkPOS.exe'));
    expect(hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe(join('/out', 'linkpos'));
  });

  it('exports the hook as the default electron-builder calls', () => {
    expect(typeof hook.default).toBe('function');
  });
});
