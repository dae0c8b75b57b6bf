import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../electron/services/create-app-services';
import { createNodeCipher } from '../electron/services/credentials/node-cipher';
import { createLogger, Redactor } from '../electron/services/log';
import { installUncaughtHandlers } from '../electron/services/startup/uncaught';
import { createLogFileSink } from '../electron/services/log-file';
import { startWebHost } from './server';
import { createChromiumPdfOutput } from './pdf';

/**
 * `npm run web`: the real main-process services in plain Node, behind the loopback HTTP bridge.
 * For end-to-end tests and for trying LinkPOS where Electron cannot run. Never packaged.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'linkpos-web');
}

/** Logs are state, not data (XDG): `$XDG_STATE_HOME/linkpos-web/logs`, or beside the data when LINKPOS_DATA_DIR moves it. */
function logDir(dataDir: string): string {
  if (process.env.LINKPOS_DATA_DIR) return join(dataDir, 'logs');
  return join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'linkpos-web', 'logs');
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.LINKPOS_DATA_DIR ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const redactor = new Redactor();
  const logFile = createLogFileSink({
    dir: logDir(dataDir),
    onError: (error) =>
      process.stderr.write(
        redactor.redact(`The log file could not be written: ${error instanceof Error ? error.message : String(error)}`) + '\n',
      ),
  });
  const log = createLogger((line) => {
    logFile.write(line);
    process.stderr.write(line + '\n');
  }, redactor);
  const pdf = createChromiumPdfOutput();
  const services = await createAppServices({
    dataDir,
    host: 'web',
    version: process.env.npm_package_version ?? '0.0.0',
    // A test stand-in for Electron's safeStorage: AES-256-GCM with a key file in the data dir.
    cipher: createNodeCipher({ dataDir }),
    platform: process.platform,
    env: process.env,
    log,
    redactor,
    receiptOutput: pdf,
  });
  // As in the desktop app: into the log and an alarm the clerk sees, instead of dying silently.
  installUncaughtHandlers(process, (error, origin) => services.reportUncaught(error, origin));
  const host = await startWebHost({
    services,
    staticDir: join(root, 'dist', 'renderer'),
    // `npm run dev` passes its own random token so Vite's proxy can present it; otherwise a new one per run.
    token:
      process.env.LINKPOS_WEB_TOKEN && process.env.LINKPOS_WEB_TOKEN.length >= 32
        ? process.env.LINKPOS_WEB_TOKEN
        : randomBytes(24).toString('base64url'),
    port: Number(process.env.PORT ?? 0),
    log,
  });
  pdf.setHost(host);
  process.stdout.write(`LinkPOS sandbox: ${services.sandboxUrl}\n`);
  process.stdout.write(`LinkPOS web host: ${host.url}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await services.close();
    await logFile.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`LinkPOS web host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
