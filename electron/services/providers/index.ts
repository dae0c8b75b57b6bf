import type { Settings } from '../../../shared/domain/settings';
import { demoEcsterCredentials, demoStraumurCredentials } from '../sandbox/demo-credentials';
import type { RetryNotice, Sleep } from './http';
import type { PaymentLinkProvider } from './provider';
import { ProviderError } from './provider';
import { createEcsterProvider } from './ecster/client';
import type { EcsterCredentials } from './ecster/client';
import { ecsterBaseUrl } from './ecster/urls';
import { createStraumurProvider } from './straumur/client';
import { msg } from '../../../shared/messages';

/**
 * Picks and configures the provider client for the current settings. Demo mode imitates the chosen
 * provider against the built-in sandbox with the sandbox's public demo keys; real providers need
 * the merchant's credentials from the vault.
 */

export interface ProviderCredentials {
  readonly ecster?: EcsterCredentials | null;
  readonly straumur?: { readonly apiKey: string } | null;
}

export interface ProviderFactoryOptions {
  /** A function is read at every create, so settings changes apply without a new client. */
  readonly settings: Settings | (() => Settings);
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The running sandbox, required in demo mode. */
  readonly sandbox?: { readonly ecsterBaseUrl: string; readonly straumurBaseUrl: string } | null;
  readonly notificationUrl?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export function createProvider(options: ProviderFactoryOptions, credentials: ProviderCredentials): PaymentLinkProvider {
  const read = () => (typeof options.settings === 'function' ? options.settings() : options.settings);
  const settings = read();
  const demo = settings.provider === 'demo';
  const which = demo ? settings.demoProvider : settings.provider;
  if (demo && !options.sandbox) throw new Error('Demo mode needs the built-in sandbox running');
  const transport = {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };

  if (which === 'ecster') {
    const keys = demo ? demoEcsterCredentials : credentials.ecster;
    if (!keys) throw new ProviderError('auth', msg('ecsterNoKey'));
    return createEcsterProvider({
      baseUrl: demo && options.sandbox ? options.sandbox.ecsterBaseUrl : ecsterBaseUrl(settings.environment, options.env),
      credentials: keys,
      link: () => {
        const s = read();
        return {
          locale: s.ecsterLocale,
          version: options.version,
          shopTermsUrl: s.shopTermsUrl,
          returnUrl: s.returnUrl,
          ...(options.notificationUrl ? { notificationUrl: options.notificationUrl } : {}),
        };
      },
      ...transport,
    });
  }

  const key = demo ? demoStraumurCredentials : credentials.straumur;
  if (!key) throw new ProviderError('auth', msg('straumurNoKey'));
  return createStraumurProvider({
    apiKey: key.apiKey,
    environment: settings.environment,
    env: options.env,
    ...(demo && options.sandbox ? { baseUrl: options.sandbox.straumurBaseUrl } : {}),
    linkConfig: () => {
      const s = read();
      return {
        terminalIdentifier: s.straumurTerminalIdentifier,
        uiLanguage: s.uiLanguage,
        ...(s.straumurThemeKey ? { themeKey: s.straumurThemeKey } : {}),
        ...(s.returnUrl ? { returnUrl: s.returnUrl } : {}),
      };
    },
    ...transport,
  });
}
