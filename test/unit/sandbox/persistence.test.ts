import { afterEach, describe, expect, it } from 'vitest';
import { priceCart } from '../../../shared/domain/cart';
import { defaultSettings } from '../../../shared/domain/settings';
import { createProvider } from '../../../electron/services/providers';
import { cartOf } from '../services/sales/world';
import { providers, sandboxRoutes } from '../../../electron/services/providers/registry';
import { startSandbox, type Sandbox, type SandboxPersistence } from '../../../electron/services/sandbox/server';

/** The saved state in memory, as the app keeps it in a file, with what went wrong. */
function memory(initial: string | null = null): SandboxPersistence & { text: string | null; problems: string[] } {
  const store = {
    text: initial,
    problems: [] as string[],
    read: () => Promise.resolve(store.text),
    write: (text: string) => {
      store.text = text;
      return Promise.resolve();
    },
    problem: (message: string) => store.problems.push(message),
  };
  return store;
}

let running: Sandbox[] = [];
afterEach(async () => {
  for (const s of running) await s.close();
  running = [];
});

async function start(persistence: SandboxPersistence): Promise<Sandbox> {
  const sandbox = await startSandbox({ routes: sandboxRoutes(providers), persistence });
  running.push(sandbox);
  return sandbox;
}

/** A link made by the real Ecster client, as a demo sale makes it. */
async function ecsterLink(sandbox: Sandbox): Promise<{ key: string; payLinkUrl: string }> {
  const settings = { ...defaultSettings, provider: 'demo' as const, demoProvider: 'ecster' as const };
  const provider = createProvider({ settings, version: 'test', env: {}, sandbox }, {});
  const link = await provider.create({
    orderReference: 'LP-TEST-1',
    totals: priceCart(cartOf(5_000)),
    validTo: new Date(Date.now() + 15 * 60_000),
  });
  return { key: link.reference, payLinkUrl: link.url };
}

describe('the app sandbox’s saved links', () => {
  it('comes back on the same port with its links, which can still be paid', async () => {
    const saved = memory();
    const first = await start(saved);
    const link = await ecsterLink(first);
    expect(saved.text).toContain(link.key);
    await first.close();
    running = [];

    const second = await start(saved);
    expect(second.baseUrl).toBe(first.baseUrl);
    const page = await fetch(link.payLinkUrl);
    expect(page.status).toBe(200);
    const paid = await fetch(`${second.baseUrl}/__sandbox/ecster/links/${link.key}/pay`, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect(saved.problems).toEqual([]);
  });

  it('starts empty, saying so, from a saved state it cannot read', async () => {
    const saved = memory('{"v":1,"port":');
    const sandbox = await start(saved);
    const links = (await (await fetch(`${sandbox.baseUrl}/__sandbox/ecster/links`)).json()) as unknown[];
    expect(links).toEqual([]);
    expect(saved.problems).toEqual([expect.stringMatching(/could not be read/)]);
  });

  it('takes another port when its last one is taken, and keeps its links', async () => {
    const saved = memory();
    const first = await start(saved);
    const link = await ecsterLink(first);
    // The first sandbox still holds the port.
    const second = await start(saved);
    expect(second.baseUrl).not.toBe(first.baseUrl);
    expect(saved.problems).toEqual([expect.stringMatching(/last port is taken/)]);
    const paid = await fetch(`${second.baseUrl}/__sandbox/ecster/links/${link.key}/pay`, { method: 'POST' });
    expect(paid.status).toBe(200);
  });
});
