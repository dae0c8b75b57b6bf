import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../../../electron/services/providers/index';
import { startSandbox } from '../../../../electron/services/sandbox/server';
import type { Sandbox } from '../../../../electron/services/sandbox/server';
import { settingsSchema } from '../../../../shared/domain/settings';
import { ecsterBaseUrl } from '../../../../electron/services/providers/ecster/urls';
import { caught, sampleRequest } from './support';
import { providers, sandboxRoutes } from '../../../../electron/services/providers/registry';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    host: '127.0.0.1',
    routes: sandboxRoutes(providers, { ecster: providers.ecster.demoCredentials, straumur: providers.straumur.demoCredentials }),
  });
});
afterAll(() => sandbox.close());

describe('createProvider', () => {
  it('in demo mode imitates Ecster against the sandbox with the demo keys, creating real sandbox links', async () => {
    const provider = createProvider(
      { settings: settingsSchema.parse({ provider: 'demo', demoProvider: 'ecster' }), version: '0.1.0', env: {}, sandbox },
      {},
    );
    expect(provider.id).toBe('ecster');
    expect(provider.capabilities).toEqual({
      canUpdate: true,
      canSendLink: true,
      reportsOpened: false,
      searchFilters: true,
      capture: true,
      refund: true,
    });
    const link = await provider.create(sampleRequest());
    expect(link.url.startsWith(`${sandbox.baseUrl}/pay/ecster/`)).toBe(true);
  });

  it('in demo mode can imitate Straumur instead', () => {
    const provider = createProvider(
      { settings: settingsSchema.parse({ provider: 'demo', demoProvider: 'straumur' }), version: '0.1.0', env: {}, sandbox },
      {},
    );
    expect(provider.id).toBe('straumur');
  });

  it('refuses a real provider without credentials, in words for the clerk', async () => {
    const settings = settingsSchema.parse({ provider: 'ecster' });
    const error = await caught(Promise.resolve().then(() => createProvider({ settings, version: '0.1.0', env: {} }, {})));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('No Ecster API key is set. Enter it under Settings.');
  });

  it('reads the link settings at each create, so a locale change applies to the next link', async () => {
    let settings = settingsSchema.parse({ provider: 'ecster' });
    const seen: string[] = [];
    const provider = createProvider(
      {
        settings: () => settings,
        version: '0.1.0',
        env: { LINKPOS_ECSTER_BASE_URL: sandbox.baseUrls.ecster },
        fetch: async (input, init) => {
          const req = input instanceof Request ? input : new Request(input, init);
          if (req.method === 'POST') seen.push(((await req.clone().json()) as { locale: { language: string } }).locale.language);
          return fetch(input, init);
        },
      },
      { ecster: providers.ecster.demoCredentials },
    );
    await provider.create(sampleRequest({ orderReference: 'A1' }));
    settings = settingsSchema.parse({ provider: 'ecster', providers: { ecster: { locale: { language: 'fi', country: 'FI' } } } });
    await provider.create(sampleRequest({ orderReference: 'A2' }));
    expect(seen).toEqual(['sv', 'fi']);
  });

  it('sends platform only when the merchant configured the reference Ecster gave them', async () => {
    let settings = settingsSchema.parse({ provider: 'ecster' });
    const sent: unknown[] = [];
    const provider = createProvider(
      {
        settings: () => settings,
        version: '0.1.0',
        env: { LINKPOS_ECSTER_BASE_URL: sandbox.baseUrls.ecster },
        fetch: async (input, init) => {
          const req = input instanceof Request ? input : new Request(input, init);
          if (req.method === 'POST') sent.push(((await req.clone().json()) as Record<string, unknown>).platform);
          return fetch(input, init);
        },
      },
      { ecster: providers.ecster.demoCredentials },
    );
    await provider.create(sampleRequest({ orderReference: 'P1' }));
    const reference = '2cc5c43d-fb92-472f-828a-1a5ad703d512';
    settings = settingsSchema.parse({ provider: 'ecster', providers: { ecster: { platformReference: ` ${reference} ` } } });
    await provider.create(sampleRequest({ orderReference: 'P2' }));
    expect(sent).toEqual([undefined, { reference, info: 'LinkPOS 0.1.0' }]);
  });
});

describe('ecsterBaseUrl', () => {
  it('uses labs for test, secure for live, and the environment override above both', () => {
    expect(ecsterBaseUrl('test', {})).toBe('https://labs.ecster.se/rest/public/v1/');
    expect(ecsterBaseUrl('live', {})).toBe('https://secure.ecster.se/rest/public/v1/');
    expect(ecsterBaseUrl('live', { LINKPOS_ECSTER_BASE_URL: 'http://127.0.0.1:9/x' })).toBe('http://127.0.0.1:9/x/');
  });
});
