import type { ProviderId } from '../../shared/domain/sale';
import type { Settings } from '../../shared/domain/settings';
import type { Credentials } from './credentials/vault';
import type { Logger } from './log';
import { createProvider } from './providers';
import type { PaymentLinkProvider } from './providers/provider';
import type { Sandbox } from './sandbox/server';

/** A terminal identifier for the sandbox when the demo imitates Straumur and none is set. */
export const DEMO_TERMINAL_IDENTIFIER = 'LINKPOSDEMO1';

export interface ActiveProvider {
  provider: PaymentLinkProvider;
  providerId: ProviderId;
  /** Sales go to the built-in sandbox: no real money moves. */
  demo: boolean;
}

export interface ProviderSelectorOptions {
  sandbox: Pick<Sandbox, 'ecsterBaseUrl' | 'straumurBaseUrl'>;
  settings: () => Settings;
  credentials: () => Credentials | null;
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
  /** Tests observe the requests the chosen client would send. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Decides, at each call, which provider a sale talks to: the configured provider when its
 * credentials are present, otherwise the built-in sandbox with its demo keys (demo mode).
 * Clients are cached until the settings or credentials that shaped them change.
 */
export function createProviderSelector(options: ProviderSelectorOptions): () => ActiveProvider {
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
    // the configured provider; the sandbox needs a 12-character terminal for Straumur.
    // Keys belong to one environment: sales use the environment they were saved for (as Test
    // connection does), so a changed setting can never send them to the other host.
    const effective: Settings = live
      ? { ...settings, environment: credentials.environment }
      : {
          ...settings,
          provider: 'demo',
          demoProvider: providerId,
          straumurTerminalIdentifier: settings.straumurTerminalIdentifier || DEMO_TERMINAL_IDENTIFIER,
        };
    const provider: PaymentLinkProvider = createProvider(
      {
        settings: () => ({ ...options.settings(), ...(live ? { environment: effective.environment } : pickDemo(effective)) }),
        version: options.version,
        env: options.env,
        sandbox: options.sandbox,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onRetry: (notice) => options.log.warn('provider call retried', { notice }),
      },
      {
        ecster: live && credentials.provider === 'ecster' ? { apiKey: credentials.apiKey, merchantKey: credentials.merchantKey } : null,
        straumur: live && credentials.provider === 'straumur' ? { apiKey: credentials.apiKey } : null,
      },
    );
    const active = { provider, providerId, demo: !live };
    cached = { key, active };
    return active;
  };
}

function pickDemo(settings: Settings): Pick<Settings, 'provider' | 'demoProvider' | 'straumurTerminalIdentifier'> {
  return {
    provider: settings.provider,
    demoProvider: settings.demoProvider,
    straumurTerminalIdentifier: settings.straumurTerminalIdentifier,
  };
}

function linkSettings(settings: Settings) {
  return [settings.ecsterLocale, settings.shopTermsUrl, settings.returnUrl];
}
