import type { Settings } from '../../shared/domain/settings';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { createProviderSelector } from './active-provider';
import type { Credentials } from './credentials/vault';
import type { Logger } from './log';
import { ProviderError } from './providers/provider';
import type { ProviderRegistry } from './providers/registry';
import type { Sandbox } from './sandbox/server';
import type { ProviderId } from '../../shared/domain/sale';
import { msg } from '../../shared/messages';
import { said } from './settings/handlers';

/**
 * "Test connection": one harmless authenticated call (the client's `ping`) with the given
 * credentials, reduced to ok / rejected key / unreachable. The provider's own messages are
 * written for the clerk and never contain a key.
 */
export async function testProviderConnection(
  credentials: Credentials,
  settings: Settings,
  deps: {
    sandbox: Pick<Sandbox<ProviderId>, 'baseUrls'>;
    version: string;
    env: Readonly<Record<string, string | undefined>>;
    log: Logger;
    providers?: ProviderRegistry;
  },
): Promise<ChannelOutput<'credentials:test'>> {
  const select = createProviderSelector({
    sandbox: deps.sandbox,
    settings: () => ({ ...settings, provider: credentials.provider, environment: credentials.environment }),
    credentials: () => credentials,
    version: deps.version,
    env: deps.env,
    log: deps.log,
    ...(deps.providers ? { providers: deps.providers } : {}),
  });
  try {
    await select().provider.ping(AbortSignal.timeout(15_000));
    return { result: 'ok', ...said(msg('testAccepted')) };
  } catch (error) {
    if (!(error instanceof ProviderError)) return { result: 'unreachable', ...said(msg('testNoAnswer')) };
    const rejected = error.kind === 'auth' || error.kind === 'rejected';
    return { result: rejected ? 'rejected-key' : 'unreachable', ...said(error.l10n, error.message) };
  }
}
