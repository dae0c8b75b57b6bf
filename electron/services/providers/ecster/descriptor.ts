import { ecsterInfo } from '../../../../shared/providers/ecster';
import { createEcsterRoutes } from '../../sandbox/ecster';
import type { ProviderDescriptor } from '../descriptor';
import { createEcsterProvider, type EcsterCredentials } from './client';
import { ecsterBaseUrl } from './urls';

export const ecsterDescriptor: ProviderDescriptor<EcsterCredentials> = {
  info: ecsterInfo,
  noKeyMessage: 'ecsterNoKey',
  demoCredentials: { apiKey: 'demo-ecster-api-key', merchantKey: 'demo-merchant' },
  createClient: (context) =>
    createEcsterProvider({
      baseUrl: context.sandboxBaseUrl ?? ecsterBaseUrl(context.environment, context.env),
      credentials: context.credentials,
      link: () => {
        const settings = context.settings();
        return {
          locale: settings.providers.ecster.locale,
          platformReference: settings.providers.ecster.platformReference,
          version: context.version,
          shopTermsUrl: settings.shopTermsUrl,
          returnUrl: settings.returnUrl,
          ...(context.notificationUrl ? { notificationUrl: context.notificationUrl } : {}),
        };
      },
      ...context.transport,
    }),
  sandbox: { basePath: '/ecster/rest/public/v1/', routes: (keys) => createEcsterRoutes(keys) },
};
