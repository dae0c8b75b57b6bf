// `npm run dev`: the renderer from Vite's dev server (hot reload) against the real main-process
// services in the web host (restarted on change). `npm run dev -- --electron` also opens the desktop
// shell on the dev server, where Electron can run. Everything listens on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const withElectron = process.argv.includes('--electron');
const token = randomBytes(24).toString('base64url');
const apiPort = process.env.LINKPOS_DEV_API_PORT ?? '5174';
const env = { ...process.env, LINKPOS_WEB_TOKEN: token, LINKPOS_DEV_API: `http://127.0.0.1:${apiPort}` };

const children = [];
const run = (command, args, extraEnv = {}) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv }, shell: false });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) shutdown(code);
  });
  return child;
};
const shutdown = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// The services; the web host also serves the last built renderer, but in dev the page comes from Vite.
run(process.execPath, ['--import', 'tsx', '--watch', 'webhost/main.ts'], { PORT: apiPort });
run(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', '5173', '--strictPort']);
process.stdout.write('LinkPOS dev: http://127.0.0.1:5173/ (renderer with hot reload; API proxied to the web host)\n');

if (withElectron) {
  const build = spawn(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  build.on('exit', (code) => {
    if (code !== 0) return shutdown(code ?? 1);
    run(process.execPath, ['node_modules/electron/cli.js', '.'], { VITE_DEV_SERVER_URL: 'http://127.0.0.1:5173/' });
  });
}
