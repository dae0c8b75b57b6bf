import type { ProviderId } from '../../shared/domain/sale';
import type { Settings } from '../../shared/domain/settings';
import type { Credentials } from './credentials/vault';
import type { Logger } from './log';
import { createProvider } from './providers';
import type { PaymentLinkProvider } from './providers/provider';
import { providers, type ProviderRegistry } from './providers/registry';
import type { Sandbox } from './sandbox/server';

export interface ActiveProvider {
  provider: PaymentLinkProvider;
  providerId: ProviderId;
  /** Sales go to the built-in sandbox: no real money moves. */
  demo: boolean;
}

export interface ProviderSelectorOptions {
  sandbox: Pick<Sandbox<ProviderId>, 'baseUrls'>;
  settings: () => Settings;
  credentials: () => Credentials | null;
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
  /** The providers to choose from; the app's own by default. */
  providers?: ProviderRegistry;
  /** Tests observe the requests the chosen client would send. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Decides, at each call, which provider a sale talks to: the configured provider when its
 * credentials are present, otherwise the built-in sandbox with its demo keys (demo mode).
 * Clients are cached until the settings or credentials that shaped them change.
 */
export function createProviderSelector(options: ProviderSelectorOptions): () => ActiveProvider {
  const registry = options.providers ?? providers;
  let cached: { key: string; active: ActiveProvider } | null = null;

  return () => {
    const settings = options.settings();
    const credentials = options.credentials();
    const live = settings.provider !== 'demo' && credentials !== null && credentials.provider === settings.provider;
    const providerId: ProviderId = live ? credentials.provider : settings.demoProvider;
    const key = JSON.stringify([
      live,
      providerId,
      live ? credentials.environment : settings.environment,
      live ? credentials : null,
      linkSettings(settings),
    ]);
    if (cached?.key === key) return cached.active;

    // Without the configured provider's keys, the sale goes to the sandbox (demo mode), imitating
    // the configured provider with what the sandbox needs (descriptor.demoSettings).
    // Keys belong to one environment: sales use the environment they were saved for (as Test
    // connection does), so a changed setting can never send them to the other host.
    const descriptor = registry[providerId];
    const effective = (current: Settings): Settings => {
      if (live) return { ...current, environment: credentials.environment };
      const demo: Settings = { ...current, provider: 'demo', demoProvider: providerId };
      return descriptor.demoSettings ? descriptor.demoSettings(demo) : demo;
    };
    const provider: PaymentLinkProvider = createProvider(
      {
        settings: () => effective(options.settings()),
        version: options.version,
        env: options.env,
        sandbox: options.sandbox,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onRetry: (notice) => options.log.warn('provider call retried', { notice }),
      },
      live ? { [providerId]: credentials } : {},
      registry,
    );
    const active = { provider, providerId, demo: !live };
    cached = { key, active };
    return active;
  };
}

/** What the client reads at every create; a change makes a new client. */
function linkSettings(settings: Settings) {
  return [settings.providers, settings.shopTermsUrl, settings.returnUrl];
}
