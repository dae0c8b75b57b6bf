import type { Dispatch } from './ipc/dispatch';
import type { EventBus } from './ipc/event-bus';
import type { SecretCipher } from './credentials/cipher';
import type { Logger, Redactor } from './log';
import type { OpenedStore } from './storage/key-value-store';
import type { ReceiptOutput } from './receipts/output';
import type { UncaughtOrigin } from './startup/uncaught';
import type { ProviderRegistry } from './providers/registry';

/** What both shells (Electron main and the web host) hand to the services. */
export interface AppServicesOptions {
  /** Where the journal, catalog, settings and ciphertext live. Created 0700 if missing. */
  dataDir: string;
  host: 'desktop' | 'web';
  version: string;
  /** safeStorage in the desktop app; the Node AES-GCM stand-in in the web host. */
  cipher: SecretCipher;
  /** NodeJS.Platform of the machine, for the credential persistence policy. */
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
  redactor: Redactor;
  /**
   * How the settings and credentials stores are opened: the desktop shell passes electron-store
   * instances; by default (web host, tests) conf files in dataDir, which electron-store extends.
   */
  openStore?: (name: 'settings' | 'credentials', label: string) => OpenedStore;
  /** The system's locale for the first-run UI language (Electron's app.getLocale()); else LANG. */
  osLocale?: string;
  /** Where receipts and reports are printed and rendered to PDF (each shell has its own). */
  receiptOutput?: ReceiptOutput;
  /** The payment providers; the shipped ones (providers/registry.ts) unless a test brings its own. */
  providers?: ProviderRegistry;
}

export interface AppServices {
  /** Every IPC channel, validated; the transport checks the sender first. */
  dispatch: Dispatch;
  events: EventBus;
  /** Base URL of the built-in sandbox (demo mode), for the customer page and tests. */
  sandboxUrl: string;
  /**
   * For the shells' `uncaughtException` / `unhandledRejection` handlers: logs the error and raises
   * one alarm per distinct error (see startup/uncaught.ts). Never throws.
   */
  reportUncaught(error: unknown, origin: UncaughtOrigin): void;
  close(): Promise<void>;
}
