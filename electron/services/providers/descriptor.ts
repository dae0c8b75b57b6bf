import type { Settings } from '../../../shared/domain/settings';
import type { ProviderEnvironment } from '../../../shared/providers/registry';
import type { ProviderInfo } from '../../../shared/providers/types';
import type { MessageKey } from '../../../shared/messages';
import type { SandboxApi } from '../sandbox/types';
import type { RetryNotice, Sleep } from './http';
import type { PaymentLinkProvider } from './provider';

/** How a client reaches its provider; tests and the bench replace parts of it. */
export interface ProviderTransport {
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly onRetry?: (notice: RetryNotice) => void;
}

/** What a descriptor's client factory is given. */
export interface ClientContext<Keys> {
  /** The merchant's keys from the vault, or the descriptor's demo keys in demo mode. */
  readonly credentials: Keys;
  readonly environment: ProviderEnvironment;
  /** Demo mode: the sandbox's base URL for this provider. Null: the provider's real host. */
  readonly sandboxBaseUrl: string | null;
  /** Read at every create and update, so a settings change needs no new client. */
  readonly settings: () => Settings;
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly notificationUrl?: string;
  readonly transport: ProviderTransport;
}

/**
 * Everything the main process knows of one provider: its shared description, the keys the
 * sandbox accepts in demo mode, how to build its client, and its API in the sandbox. Each lives
 * in `providers/<id>/descriptor.ts` and is listed once in `providers/registry.ts`.
 */
export interface ProviderDescriptor<Keys extends object = object> {
  readonly info: ProviderInfo;
  /** What a sale is told when the provider is chosen but its keys are not set. */
  readonly noKeyMessage: MessageKey;
  /**
   * The keys the built-in sandbox accepts in demo mode. Not secrets: they only open the loopback
   * sandbox, so the whole sale flow runs without a merchant account.
   */
  readonly demoCredentials: Keys;
  // Methods, not function properties: the registry holds every descriptor as ProviderDescriptor
  // and hands each only its own provider's keys (from the vault's schema for its id, or its demo keys).
  createClient(context: ClientContext<Keys>): PaymentLinkProvider;
  /** Demo mode: fills in what the sandbox needs and the clerk has not set (Straumur's terminal). */
  demoSettings?(settings: Settings): Settings;
  readonly sandbox: {
    /** Where the provider's API lives in the sandbox, e.g. `/ecster/rest/public/v1/`. */
    readonly basePath: string;
    routes(keys: Keys): SandboxApi;
  };
}
