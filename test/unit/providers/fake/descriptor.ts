import type { ProviderDescriptor } from '../../../../electron/services/providers/descriptor';
import { createFakeClient } from './client';
import { fakeInfo } from './info';
import { createFakeRoutes, FAKE_BASE_PATH } from './sandbox';

/** The fake provider's main-process part: everything a real provider's descriptor has. */
export const fakeDescriptor: ProviderDescriptor<{ readonly apiKey: string }> = {
  info: fakeInfo,
  noKeyMessage: 'settingsInvalid',
  demoCredentials: { apiKey: 'demo-fake-api-key' },
  createClient: (context) => {
    if (!context.sandboxBaseUrl) throw new Error('Fakepay exists only in the sandbox');
    return createFakeClient({
      baseUrl: context.sandboxBaseUrl,
      apiKey: context.credentials.apiKey,
      ...(context.transport.fetch ? { fetch: context.transport.fetch } : {}),
    });
  },
  sandbox: { basePath: FAKE_BASE_PATH, routes: (keys) => ({ handler: createFakeRoutes(keys) }) },
};
