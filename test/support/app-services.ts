import type { AppServices } from '../../electron/services/app';
import { createAppServices } from '../../electron/services/create-app-services';
import { createNodeCipher } from '../../electron/services/credentials/node-cipher';
import { Redactor, type Logger } from '../../electron/services/log';

export const silentLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A till's main-process services as the web host builds them (demo mode unless keys are set). */
export function openTestApp(dataDir: string, options: { env?: Record<string, string>; log?: Logger } = {}): Promise<AppServices> {
  return createAppServices({
    dataDir,
    host: 'web',
    version: 'test',
    cipher: createNodeCipher({ dataDir }),
    platform: process.platform,
    env: options.env ?? {},
    log: options.log ?? silentLog,
    redactor: new Redactor(),
  });
}

/** A channel's answer, or a thrown error naming the channel. */
export async function callApp<T>(app: AppServices, channel: string, input?: unknown): Promise<T> {
  const result = await app.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}
