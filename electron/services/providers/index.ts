import type { ProviderId } from '../../../shared/providers/registry';
import type { Settings } from '../../../shared/domain/settings';
import type { ProviderTransport } from './descriptor';
import type { PaymentLinkProvider } from './provider';
import { ProviderError } from './provider';
import { providers, type ProviderRegistry } from './registry';
import { msg } from '../../../shared/messages';

/**
 * Picks and configures the provider client for the current settings. Demo mode imitates the chosen
 * provider against the built-in sandbox with the sandbox's public demo keys; real providers need
 * the merchant's credentials from the vault.
 */

/** The merchant's keys by provider id (only the chosen provider's are read). */
export type ProviderCredentials = Readonly<Partial<Record<ProviderId, object | null>>>;

export interface ProviderFactoryOptions extends ProviderTransport {
  /** A function is read at every create, so settings changes apply without a new client. */
  readonly settings: Settings | (() => Settings);
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The running sandbox, required in demo mode. */
  readonly sandbox?: { readonly baseUrls: Readonly<Record<ProviderId, string>> } | null;
  readonly notificationUrl?: string;
}

export function createProvider(
  options: ProviderFactoryOptions,
  credentials: ProviderCredentials,
  registry: ProviderRegistry = providers,
): PaymentLinkProvider {
  const read = () => (typeof options.settings === 'function' ? options.settings() : options.settings);
  const settings = read();
  const demo = settings.provider === 'demo';
  const which = settings.provider === 'demo' ? settings.demoProvider : settings.provider;
  if (demo && !options.sandbox) throw new Error('Demo mode needs the built-in sandbox running');
  const descriptor = registry[which];
  const keys = demo ? descriptor.demoCredentials : credentials[which];
  if (!keys) throw new ProviderError('auth', msg(descriptor.noKeyMessage));
  return descriptor.createClient({
    credentials: keys,
    environment: settings.environment,
    sandboxBaseUrl: demo && options.sandbox ? options.sandbox.baseUrls[which] : null,
    settings: read,
    version: options.version,
    env: options.env,
    ...(options.notificationUrl ? { notificationUrl: options.notificationUrl } : {}),
    transport: {
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    },
  });
}
