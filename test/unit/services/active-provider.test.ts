import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/domain/settings';
import { createProviderSelector } from '../../../electron/services/active-provider';
import type { Credentials } from '../../../electron/services/credentials/vault';
import { createLogger, Redactor } from '../../../electron/services/log';

const sandbox = {
  baseUrls: { ecster: 'http://127.0.0.1:4100/ecster/rest/public/v1/', straumur: 'http://127.0.0.1:4100/straumur/api/v1/' },
};

/** Which host the chosen client calls, seen through the fetch it is given (nothing leaves the machine). */
function setup(initial: Partial<Settings>, credentials: Credentials | null) {
  let settings: Settings = { ...defaultSettings, ...initial };
  const requested: string[] = [];
  const fetch = (input: RequestInfo | URL) => {
    requested.push(input instanceof Request ? input.url : String(input));
    return Promise.resolve(new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } }));
  };
  const select = createProviderSelector({
    sandbox,
    settings: () => settings,
    credentials: () => credentials,
    version: '0.1.0',
    env: {},
    log: createLogger(() => undefined, new Redactor()),
    fetch: fetch,
  });
  return { select, requested, change: (next: Partial<Settings>) => (settings = { ...settings, ...next }) };
}

const ecsterTest: Credentials = { provider: 'ecster', environment: 'test', apiKey: 'key-12345678', merchantKey: 'm1' };

describe('choosing the provider for a sale', () => {
  it('uses the sandbox, imitating the chosen provider, in demo mode and when the configured keys are missing', async () => {
    for (const [initial, credentials] of [
      [{ provider: 'demo', demoProvider: 'ecster' }, null],
      [{ provider: 'ecster', environment: 'live' }, null],
    ] as const) {
      const { select, requested } = setup(initial, credentials);
      const active = select();
      expect(active).toMatchObject({ demo: true, providerId: 'ecster' });
      await active.provider.ping();
      expect(requested[0]!.startsWith(sandbox.baseUrls.ecster)).toBe(true);
    }
  });

  it('uses the configured provider with its keys, at the environment the keys were saved for', async () => {
    const { select, requested, change } = setup({ provider: 'ecster', environment: 'test' }, ecsterTest);
    expect(select()).toMatchObject({ demo: false, providerId: 'ecster' });
    await select().provider.ping();
    // The environment setting changes, the keys do not: sales still go where the keys belong.
    change({ environment: 'live' });
    await select().provider.ping();
    expect(requested.map((url) => new URL(url).host)).toEqual(['labs.ecster.se', 'labs.ecster.se']);
  });

  it('keeps one client while nothing that shapes it changes', () => {
    const { select } = setup({ provider: 'ecster' }, ecsterTest);
    expect(select().provider).toBe(select().provider);
  });
});
