import { straumurInfo } from '../../../../shared/providers/straumur';
import { createStraumurRoutes } from '../../sandbox/straumur';
import type { ProviderDescriptor } from '../descriptor';
import { createStraumurProvider } from './client';

/** A terminal identifier for the sandbox when the demo imitates Straumur and none is set. */
export const DEMO_TERMINAL_IDENTIFIER = 'LINKPOSDEMO1';

export const straumurDescriptor: ProviderDescriptor<{ readonly apiKey: string }> = {
  info: straumurInfo,
  noKeyMessage: 'straumurNoKey',
  demoCredentials: { apiKey: 'demo-straumur-api-key' },
  createClient: (context) =>
    createStraumurProvider({
      apiKey: context.credentials.apiKey,
      environment: context.environment,
      env: context.env,
      ...(context.sandboxBaseUrl ? { baseUrl: context.sandboxBaseUrl } : {}),
      linkConfig: () => {
        const settings = context.settings();
        const own = settings.providers.straumur;
        return {
          terminalIdentifier: own.terminalIdentifier,
          uiLanguage: settings.uiLanguage,
          ...(own.themeKey ? { themeKey: own.themeKey } : {}),
          ...(settings.returnUrl ? { returnUrl: settings.returnUrl } : {}),
        };
      },
      ...context.transport,
    }),
  // The sandbox needs a terminal identifier; a clerk trying the demo has none.
  demoSettings: (settings) => {
    const own = settings.providers.straumur;
    return {
      ...settings,
      providers: { ...settings.providers, straumur: { ...own, terminalIdentifier: own.terminalIdentifier || DEMO_TERMINAL_IDENTIFIER } },
    };
  },
  sandbox: { basePath: '/straumur/api/v1/', routes: (keys) => createStraumurRoutes({ apiKey: keys.apiKey }) },
};
