import type { SecretCipher } from '../credentials/cipher';
import { createSecretEntry, type SecretEntry } from '../credentials/secret-entry';
import { createCredentialVault, type CredentialVault } from '../credentials/vault';
import type { Logger, Redactor } from '../log';
import { shopDatabaseSecrets } from '../shop-db/url';
import { createConfStore } from '../storage/conf-store';
import type { OpenedStore } from '../storage/key-value-store';
import { createSettingsService, type SettingsService } from './settings-service';
import { englishText, localizedText, msg, type LocalizedText } from '../../../shared/messages';
import { environmentSchema, providerInfo } from '../../../shared/providers/registry';

export interface OpenSettingsOptions {
  dataDir: string;
  cipher: SecretCipher;
  platform: NodeJS.Platform;
  osLocale: string | undefined;
  redactor: Redactor;
  log?: Logger;
  /** Only the web host passes true (see credentials/policy.ts). */
  acceptNodeCipher?: boolean;
  now?: () => Date;
  /**
   * How a store is opened; defaults to conf files in dataDir. The desktop shell may pass
   * electron-store instances here instead.
   */
  openStore?: (name: 'settings' | 'credentials', label: string) => OpenedStore;
}

export interface OpenedSettings {
  settings: SettingsService;
  vault: CredentialVault;
  /** The shop database's URL (its password is a secret), kept beside the provider keys. */
  shopDatabase: SecretEntry;
  /** The till's private signing key (seal/till-key.ts), kept exactly as the provider keys are. */
  tillKey: SecretEntry;
  /** The SMTP server's password for e-mailed receipts, kept as the provider keys are. */
  smtpPassword: SecretEntry;
  /** Start-up problems the clerk must see (for `app:info` alarms). Never contains a secret. */
  alarms: LocalizedText[];
}

/**
 * Start-up for settings and credentials. Never throws for damaged files: each store recovers on its
 * own, touching only its own file, and everything it did is reported in `alarms`.
 */
export function openSettings(options: OpenSettingsOptions): OpenedSettings {
  const open =
    options.openStore ??
    ((name: 'settings' | 'credentials', label: string) =>
      createConfStore({ cwd: options.dataDir, configName: name, label, platform: options.platform, now: options.now }));

  const settingsStore = open('settings', 'settings');
  const credentialsStore = open('credentials', 'saved credentials');

  const settings = createSettingsService({
    store: settingsStore.store,
    osLocale: options.osLocale,
    storeNotice: settingsStore.notice,
    now: options.now,
    log: options.log,
  });
  const vault = createCredentialVault({
    store: credentialsStore.store,
    cipher: options.cipher,
    platform: options.platform,
    redactor: options.redactor,
    acceptNodeCipher: options.acceptNodeCipher ?? false,
    storeNotice: credentialsStore.notice,
    now: options.now,
    log: options.log,
  });

  // Every other secret beside the provider keys: the same cipher under the same policy.
  const secretEntry = (key: string, secretParts?: (value: string) => readonly string[]) =>
    createSecretEntry({
      store: credentialsStore.store,
      key,
      cipher: options.cipher,
      platform: options.platform,
      redactor: options.redactor,
      ...(secretParts ? { secretParts } : {}),
      acceptNodeCipher: options.acceptNodeCipher ?? false,
      ...(options.log ? { log: options.log } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  const shopDatabase = secretEntry('shopDatabase', shopDatabaseSecrets);
  const tillKey = secretEntry('tillSigningKey');
  const smtpPassword = secretEntry('smtpPassword');

  const alarms = [...settings.notices()];
  if (credentialsStore.notice) alarms.push(credentialsStore.notice);
  const status = vault.status();
  if (status.state === 'needs-reentry') {
    // Whose credentials, when the damaged copy still says: after the sentence, in every language.
    const said = msg('credentialsReentryAlarm');
    // Only known words: the damaged copy's environment field may itself be garbage.
    const environment = environmentSchema.safeParse(status.environment).data;
    const whose = status.provider ? ` (${providerInfo(status.provider).displayName}${environment ? ` ${environment}` : ''})` : '';
    alarms.push(localizedText(said, `${englishText(said)}${whose}`));
  }
  return { settings, vault, shopDatabase, tillKey, smtpPassword, alarms };
}
