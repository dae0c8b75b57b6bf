import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../architecture/import-graph';

const SENTENCE =
  'LinkPOS cannot start the desktop app: downloading Electron failed (no network, or the download is blocked); `npm run web` runs the same app in a browser.';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A checkout with the real script and a stand-in `electron` package: `installer` is what its
 * install.js does (Electron's downloads the binary, writes path.txt and dist/).
 */
function checkout(electron: { binary: boolean; installer: 'fails' | 'downloads' | 'absent' }): string {
  const root = mkdtempSync(join(tmpdir(), 'linkpos-start-'));
  dirs.push(root);
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'check-electron.mjs'), join(root, 'scripts', 'check-electron.mjs'));
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0', main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), 'throw new Error("the check must not load electron: that downloads");\n');
  if (electron.binary) {
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    writeFileSync(join(pkg, 'path.txt'), 'electron');
  }
  if (electron.installer === 'downloads') {
    const download = `const fs = require('fs'), p = require('path');
fs.mkdirSync(p.join(__dirname, 'dist'));
fs.writeFileSync(p.join(__dirname, 'dist', 'electron'), '');
fs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');\n`;
    writeFileSync(join(pkg, 'install.js'), download);
  }
  if (electron.installer === 'fails')
    writeFileSync(join(pkg, 'install.js'), `console.error(new Error('getaddrinfo ENOTFOUND github.com').stack); process.exit(1);\n`);
  return root;
}

function check(root: string) {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'check-electron.mjs')], { cwd: root, env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm start on a machine where Electron cannot be downloaded', () => {
  it('says in one sentence that the download failed and that npm run web runs the app, and exits 1', () => {
    const result = check(checkout({ binary: false, installer: 'fails' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(SENTENCE + '\n');
    expect(result.stdout).toBe('Downloading Electron…\n');
  });

  it('says the same when the electron package itself is missing', () => {
    const root = checkout({ binary: false, installer: 'absent' });
    rmSync(join(root, 'node_modules'), { recursive: true });
    expect(check(root)).toMatchObject({ code: 1, stderr: SENTENCE + '\n' });
  });

  it('carries on quietly when the binary is there', () => {
    expect(check(checkout({ binary: true, installer: 'fails' }))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('downloads a missing binary once and carries on', () => {
    expect(check(checkout({ binary: false, installer: 'downloads' }))).toMatchObject({ code: 0, stderr: '' });
  });
});
