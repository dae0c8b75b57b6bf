import { z } from 'zod';
import { credentialsInputSchema, type CredentialStatus, type CredentialsInput } from '../../../shared/ipc/channels/settings';
import { providerIdSchema, providerIds, providerInfo, type ProviderId } from '../../../shared/providers/registry';
import { DomainError } from '../errors';
import type { Logger, Redactor } from '../log';
import type { KeyValueStore } from '../storage/key-value-store';
import type { SecretCipher } from './cipher';
import { describeNoPersistence, NODE_CIPHER_BACKEND } from './policy';
import { cipherStorage, OS_DEFAULT_BACKEND } from './storage-policy';
import type { LocalizedText } from '../../../shared/messages';
import { msg } from '../../../shared/messages';

/** The decrypted credentials; only the main process's provider client ever sees them. */
export type Credentials = CredentialsInput;

export const CREDENTIALS_ENTRY_KEY = 'entry';

/**
 * What lies on disk. Provider and environment stay readable so a clerk asked to re-enter knows
 * which credentials were lost; nothing derived from a secret (not even its last digits) is here.
 */
const entrySchema = z.object({
  format: z.literal(1),
  provider: providerIdSchema,
  environment: z.string().max(20),
  backend: z.string().max(100),
  ciphertext: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  savedAt: z.string(),
});
type Entry = z.infer<typeof entrySchema>;
/** Just the provider and environment of an entry whose other fields may be damaged. */
const entryLabelSchema = entrySchema.pick({ provider: true, environment: true });

export interface CredentialVaultOptions {
  /** The `credentials` store in the data directory. */
  store: KeyValueStore;
  /** safeStorage in the desktop app; the node stand-in in the web host. */
  cipher: SecretCipher;
  platform: NodeJS.Platform;
  redactor: Redactor;
  log?: Logger;
  /** The web host's explicit acceptance of the node cipher (see policy.ts). */
  acceptNodeCipher?: boolean;
  /** The store's start-up notice: its file was unreadable and was moved aside. */
  storeNotice?: LocalizedText | null;
  now?: () => Date;
}

export interface CredentialVault {
  set(input: CredentialsInput): CredentialStatus;
  status(): CredentialStatus;
  /** Forgets the credentials in memory and on disk (the only path that deletes the ciphertext). */
  clear(): CredentialStatus;
  /** For the main process's provider client. Never returned over IPC. */
  current(): Credentials | null;
  /** Removes every secret the vault has seen from a text that came from elsewhere. */
  scrub(text: string): string;
}

type State =
  | { kind: 'missing' }
  | { kind: 'configured'; credentials: Credentials; storage: 'encrypted' | 'memory-only'; detail: string }
  | { kind: 'needs-reentry'; provider: ProviderId | null; environment: string | null; detail: string };

const AFTER_RESTART = 'They are kept only while LinkPOS runs; you will be asked for them again the next time LinkPOS starts.';
const NOTHING_ELSE_LOST =
  'Sales, the journal and other settings are not affected. The unreadable copy is kept until you enter new credentials or clear them.';

/** Every secret field any provider has, registered before an input is even parsed. */
const secretFieldNames = new Set(providerIds.flatMap((id) => providerInfo(id).credentialFields.map((field) => field.name)));

const clamp = (text: string) => (text.length <= 500 ? text : `${text.slice(0, 497)}...`);

function providerName(provider: ProviderId | null, environment: string | null): string {
  if (!provider) return 'payment provider';
  const name = providerInfo(provider).displayName;
  return environment ? `${name} (${environment})` : name;
}

export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  const { store, cipher, redactor, log } = options;
  const now = options.now ?? (() => new Date());

  const register = (credentials: Credentials) => {
    const fields: Readonly<Record<string, unknown>> = credentials;
    for (const field of providerInfo(credentials.provider).credentialFields) {
      const value = fields[field.name];
      if (typeof value === 'string') redactor.register(value);
    }
  };

  const { backend: backendNow, decide } = cipherStorage(cipher, options.platform, options.acceptNodeCipher ?? false);

  const hasEntry = (): boolean => {
    try {
      return store.get(CREDENTIALS_ENTRY_KEY) !== undefined;
    } catch {
      return false;
    }
  };

  /** Removes an old ciphertext that a new set() supersedes; writes nothing when there is none. */
  const dropEntry = (): void => {
    if (hasEntry()) store.delete(CREDENTIALS_ENTRY_KEY);
  };

  const reentry = (entry: Pick<Entry, 'provider' | 'environment'> | null, why: string): State => {
    const provider = entry?.provider ?? null;
    const environment = entry?.environment ?? null;
    return {
      kind: 'needs-reentry',
      provider,
      environment,
      detail: clamp(
        `The saved ${providerName(provider, environment)} credentials cannot be used: ${why} Please enter them again. ${NOTHING_ELSE_LOST}`,
      ),
    };
  };

  const load = (): State => {
    let raw: unknown;
    try {
      raw = store.get(CREDENTIALS_ENTRY_KEY);
    } catch {
      return reentry(null, 'the credentials file could not be read.');
    }
    if (raw === undefined) {
      if (options.storeNotice) return reentry(null, 'the credentials file was damaged and has been set aside.');
      return { kind: 'missing' };
    }
    const parsed = entrySchema.safeParse(raw);
    // A damaged copy still says, where it can, whose credentials they were, so the clerk knows what to enter.
    if (!parsed.success) return reentry(entryLabelSchema.safeParse(raw).data ?? null, 'the saved copy is damaged.');
    const entry = parsed.data;

    const decision = decide();
    if (!decision.persist) {
      return reentry(entry, `${describeNoPersistence(decision.reason)} any more, so the saved copy cannot be opened.`);
    }
    if (entry.backend !== (backendNow() ?? OS_DEFAULT_BACKEND)) {
      return reentry(entry, "this computer's secure storage has changed since they were saved.");
    }
    try {
      const text = cipher.decryptString(Buffer.from(entry.ciphertext, 'base64'));
      const credentials = credentialsInputSchema.parse(JSON.parse(text));
      register(credentials);
      if (credentials.provider !== entry.provider) return reentry(entry, 'the saved copy is damaged.');
      return { kind: 'configured', credentials, storage: 'encrypted', detail: storedDetail(entry.backend) };
    } catch {
      // Deliberately not logging the error: a decryption library's message is not ours to trust.
      return reentry(entry, 'they could not be decrypted on this computer.');
    }
  };

  const storedDetail = (backend: string) =>
    backend === NODE_CIPHER_BACKEND
      ? "Saved encrypted with the web host's test encryption, whose key lies in the data folder."
      : "Saved encrypted with this computer's secure storage.";

  let state: State = load();
  if (state.kind === 'needs-reentry') log?.warn('Saved credentials need to be entered again', { provider: state.provider });

  const status = (): CredentialStatus => {
    switch (state.kind) {
      case 'missing':
        return {
          provider: null,
          environment: null,
          state: 'missing',
          apiKeyLast4: null,
          storage: 'none',
          detail: 'No credentials are set, so LinkPOS runs in demo mode.',
        };
      case 'configured':
        return {
          provider: state.credentials.provider,
          environment: state.credentials.environment,
          state: 'configured',
          apiKeyLast4: state.credentials.apiKey.slice(-4),
          storage: state.storage,
          detail: state.detail,
        };
      case 'needs-reentry':
        return {
          provider: state.provider,
          environment: state.environment,
          state: 'needs-reentry',
          apiKeyLast4: null,
          storage: 'none',
          detail: state.detail,
        };
    }
  };

  const registerRaw = (input: unknown) => {
    if (typeof input !== 'object' || input === null) return;
    for (const field of secretFieldNames) {
      const value = (input as Record<string, unknown>)[field];
      if (typeof value === 'string') {
        redactor.register(value);
        redactor.register(value.trim());
      }
    }
  };

  const keepInMemory = (credentials: Credentials, why: string): State => {
    try {
      dropEntry();
    } catch {
      log?.warn('An older saved credential could not be removed');
    }
    return { kind: 'configured', credentials, storage: 'memory-only', detail: clamp(`${why}. ${AFTER_RESTART}`) };
  };

  return {
    set(input) {
      // Registered before parsing, so even a rejected input cannot reach a log line.
      registerRaw(input);
      const credentials = credentialsInputSchema.parse(input);
      register(credentials);
      const decision = decide();
      if (!decision.persist) {
        state = keepInMemory(credentials, describeNoPersistence(decision.reason));
      } else {
        try {
          const backend = backendNow() ?? OS_DEFAULT_BACKEND;
          const ciphertext = cipher.encryptString(JSON.stringify(credentials)).toString('base64');
          const entry: Entry = {
            format: 1,
            provider: credentials.provider,
            environment: credentials.environment,
            backend,
            ciphertext,
            savedAt: now().toISOString(),
          };
          store.set(CREDENTIALS_ENTRY_KEY, entry);
          state = { kind: 'configured', credentials, storage: 'encrypted', detail: storedDetail(backend) };
        } catch {
          state = keepInMemory(credentials, 'The credentials could not be saved encrypted on this computer');
        }
      }
      log?.info('Credentials set', { provider: credentials.provider, environment: credentials.environment, storage: status().storage });
      return status();
    },
    status,
    clear() {
      try {
        dropEntry();
      } catch {
        throw new DomainError('storage', msg('credentialsClearFailed'));
      }
      state = { kind: 'missing' };
      log?.info('Credentials cleared');
      return status();
    },
    current: () => (state.kind === 'configured' ? state.credentials : null),
    scrub: (text) => redactor.redact(text),
  };
}
