import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/services/sandbox/server';
import { providers, sandboxRoutes } from '../../../electron/services/providers/registry';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    host: '127.0.0.1',
    routes: sandboxRoutes(providers, { ecster: { apiKey: 'k-api', merchantKey: 'k-merchant' }, straumur: { apiKey: 'x' } }),
  });
});
afterAll(() => sandbox.close());

/** node:http lets the test set Host and Origin as a browser on another site (or a rebinding attack) would. */
function send(method: string, path: string, headers: Record<string, string>): Promise<number> {
  const { port } = new URL(sandbox.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '[]' : undefined);
  });
}

describe('the sandbox answers only this computer and its own pages', () => {
  it('refuses a foreign Host (DNS rebinding)', async () => {
    expect(await send('GET', '/__sandbox/faults', { Host: 'evil.example' })).toBe(403);
  });

  it('refuses a write from another origin (a web page elsewhere cannot inject faults or pay)', async () => {
    const own = new URL(sandbox.baseUrl).host;
    expect(await send('POST', '/__sandbox/faults', { Host: own, Origin: 'http://evil.example' })).toBe(403);
    expect(await send('POST', '/__sandbox/faults', { Host: own, Origin: 'null' })).toBe(403);
  });

  it('accepts its own pages and non-browser clients', async () => {
    const own = new URL(sandbox.baseUrl);
    expect(await send('POST', '/__sandbox/faults', { Host: own.host, Origin: own.origin })).toBe(200);
    expect(await send('POST', '/__sandbox/faults', { Host: own.host })).toBe(200);
    expect(await send('GET', '/__sandbox/faults', { Host: `localhost:${own.port}` })).toBe(200);
  });
});
