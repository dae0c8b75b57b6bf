import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/create-app-services';
import { createNodeCipher } from '../../../electron/services/credentials/node-cipher';
import { Redactor, type Logger } from '../../../electron/services/log';
import type { AppServices } from '../../../electron/services/app';
import type { LocalizedText } from '../../../shared/messages';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let dataDir = '';
let services: AppServices | null = null;

afterEach(async () => {
  await services?.close();
  services = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<AppServices> {
  services = await createAppServices({ dataDir, host: 'web', version: 'test', cipher: createNodeCipher({ dataDir }), platform: process.platform, env: {}, log: silent, redactor: new Redactor() });
  return services;
}

describe('start-up alarms', () => {
  it('tells the clerk, in a keyed sentence, that an unreadable catalog was set aside', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-app-'));
    writeFileSync(join(dataDir, 'catalog.json'), '{"version": 3, "products": [tru');
    const app = await start();
    await expect
      .poll(async () => {
        const info = await app.dispatch('app:info', undefined);
        return info.ok ? (info.value as { alarms: LocalizedText[] }).alarms.map((a) => a.key) : [];
      })
      .toContain('catalogFileUnreadable');
    const info = await app.dispatch('app:info', undefined);
    const alarm = (info.ok ? (info.value as { alarms: LocalizedText[] }).alarms : []).find((a) => a.key === 'catalogFileUnreadable')!;
    expect(alarm.params?.['file']).toMatch(/^catalog\.json\.corrupt-/);
    expect(alarm.message).toMatch(/product catalog could not be read/);
  });

  it('a clean data folder starts without alarms', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-app-'));
    const app = await start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const info = await app.dispatch('app:info', undefined);
    expect(info.ok && (info.value as { alarms: unknown[] }).alarms).toEqual([]);
  });
});
