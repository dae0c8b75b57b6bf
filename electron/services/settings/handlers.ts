import type { Settings } from '../../../shared/domain/settings';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Credentials, CredentialVault } from '../credentials/vault';
import type { Handlers } from '../ipc/dispatch';
import type { Logger } from '../log';
import type { SettingsService } from './settings-service';
import { englishText, msg, type Message } from '../../../shared/messages';

export type ConnectionTestResult = ChannelOutput<'credentials:test'>;

/**
 * The provider client's harmless authenticated call (its `ping`), wired by the composition
 * root. It may throw; the handler turns that into words.
 */
export type TestConnection = (credentials: Credentials, settings: Settings) => Promise<ConnectionTestResult>;

export type SettingsChannel =
  'settings:get' | 'settings:save' | 'credentials:set' | 'credentials:status' | 'credentials:clear' | 'credentials:test';

export interface SettingsHandlerDeps {
  settings: SettingsService;
  vault: CredentialVault;
  testConnection: TestConnection;
  log?: Logger;
}

/** A connection test's detail: English text (scrubbed below) and its Message. */
export const said = (l10n: Message, detail: string = englishText(l10n)) => ({ detail, detailMessage: l10n });

/**
 * The settings and credentials channels. Credentials are write-only from the renderer's side:
 * no handler here returns a secret, and any text that comes back from the provider side is
 * scrubbed of every secret the vault knows before it crosses the boundary.
 */
export function createSettingsHandlers(deps: SettingsHandlerDeps): Pick<Handlers, SettingsChannel> {
  const { settings, vault, testConnection, log } = deps;
  return {
    'settings:get': () => Promise.resolve(settings.get()),
    'settings:save': ({ settings: raw }) => Promise.resolve(settings.save(raw)),
    'credentials:set': (input) => Promise.resolve(vault.set(input)),
    'credentials:status': () => Promise.resolve(vault.status()),
    'credentials:clear': () => Promise.resolve(vault.clear()),
    'credentials:test': async () => {
      const credentials = vault.current();
      if (!credentials) {
        const status = vault.status();
        return { result: 'not-configured', ...said(msg(status.state === 'needs-reentry' ? 'testNeedsReentry' : 'testNotConfigured')) };
      }
      try {
        const answer = await testConnection(credentials, settings.get());
        return { ...answer, detail: vault.scrub(answer.detail) };
      } catch (error) {
        // The logger redacts; the clerk gets a fixed sentence, never the error's own text.
        log?.warn('Connection test failed', { error });
        return { result: 'unreachable', ...said(msg('testUnreachable')) };
      }
    },
  };
}
