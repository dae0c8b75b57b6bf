import { startSandbox } from '../electron/services/sandbox/server';
import { parseFaults } from '../electron/services/sandbox/faults';
import { entries, providers, sandboxRoutes } from '../electron/services/providers/registry';

/**
 * `npm run sandbox`: the payment sandbox on its own, for trying the providers' APIs by hand or
 * pointing a dev build at it. PORT picks the port (random when unset); LINKPOS_SANDBOX_FAULTS
 * takes a JSON array of fault rules.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  const sandbox = await startSandbox({
    port,
    host: '127.0.0.1',
    routes: sandboxRoutes(providers),
    faults: parseFaults(process.env.LINKPOS_SANDBOX_FAULTS),
  });
  const lines = [
    `LinkPOS payment sandbox on ${sandbox.baseUrl}`,
    ...entries(providers).map(
      ([id, descriptor]) =>
        `  ${`${descriptor.info.displayName}:`.padEnd(10)}${sandbox.baseUrls[id]}  ${keyHeaders(descriptor.demoCredentials)}`,
    ),
    `  Controls: ${sandbox.baseUrl}/__sandbox/faults, ${sandbox.baseUrl}/__sandbox/ecster/links`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The demo keys as the headers the sandbox expects (`apiKey` → `x-api-key`). */
function keyHeaders(keys: object): string {
  return Object.entries(keys)
    .map(([name, value]) => `x-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${String(value)}`)
    .join('  ');
}

main().catch((error: unknown) => {
  process.stderr.write(`Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
