// `npm start` runs this first: is Electron's binary there (downloading it once if not)? Where it
// cannot be downloaded, Electron's own launcher prints @electron/get's stack trace and "Electron
// failed to install correctly"; a clerk's helper needs one sentence and the way on instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DOWNLOAD_FAILED =
  'LinkPOS cannot start the desktop app: downloading Electron failed (no network, or the download is blocked); `npm run web` runs the same app in a browser.';

/** The binary node_modules/electron/index.js would launch, or null; unlike that file, it never downloads. */
function electronBinary(packageDir) {
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(join(override, name || 'electron')) ? join(override, name || 'electron') : null;
  if (name === '') return null;
  return existsSync(join(packageDir, 'dist', name)) ? join(packageDir, 'dist', name) : null;
}

function packageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = packageDir();
if (dir === null || electronBinary(dir) === null) {
  if (dir !== null) {
    process.stdout.write('Downloading Electron…\n');
    // Electron's own installer (what `npm ci` runs); its output when it fails is the stack trace we replace.
    spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore' });
  }
  if (dir === null || electronBinary(dir) === null) {
    process.stderr.write(DOWNLOAD_FAILED + '\n');
    process.exit(1);
  }
}
