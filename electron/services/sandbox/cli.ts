import { startSandbox } from './server';
import { parseFaults } from './faults';
import { demoEcsterCredentials, demoStraumurCredentials } from './demo-credentials';

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
    ecster: demoEcsterCredentials,
    straumur: demoStraumurCredentials,
    faults: parseFaults(process.env.LINKPOS_SANDBOX_FAULTS),
  });
  const lines = [
    `LinkPOS payment sandbox on ${sandbox.baseUrl}`,
    `  Ecster:   ${sandbox.ecsterBaseUrl}  x-api-key: ${demoEcsterCredentials.apiKey}  x-merchant-key: ${demoEcsterCredentials.merchantKey}`,
    `  Straumur: ${sandbox.straumurBaseUrl}  x-api-key: ${demoStraumurCredentials.apiKey}`,
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

main().catch((error: unknown) => {
  process.stderr.write(`Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
