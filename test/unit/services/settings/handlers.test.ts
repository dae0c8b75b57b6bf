import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeCipher } from '../../../../electron/services/credentials/node-cipher';
import { createDispatcher, type Handlers } from '../../../../electron/services/ipc/dispatch';
import { createLogger, Redactor } from '../../../../electron/services/log';
import { createSettingsHandlers, type TestConnection } from '../../../../electron/services/settings/handlers';
import { openSettings } from '../../../../electron/services/settings/open';
import { encodingsOf, filesContaining, makeTempDir } from '../storage/temp-dir';

const SENTINEL = 'SENTINEL-KEY-9f3a7c21-LINKPOS';
const MERCHANT = 'MERCHANT-SENTINEL-5e1d';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** The settings channels behind the real dispatcher, with the node cipher and a capturing logger. */
function harness(testConnection: TestConnection) {
  const lines: string[] = [];
  const redactor = new Redactor();
  const log = createLogger((line) => lines.push(line), redactor);
  const { settings, vault } = openSettings({
    dataDir: tmp.dir,
    cipher: createNodeCipher({ dataDir: tmp.dir }),
    platform: 'linux',
    osLocale: 'sv-SE',
    redactor,
    log,
    acceptNodeCipher: true,
  });
  const handlers = createSettingsHandlers({ settings, vault, testConnection, log });
  // Only the settings channels are exercised here; the rest of the table belongs to other services.
  const dispatch = createDispatcher(handlers as unknown as Handlers, {
    onInternalError: (channel, error) => log.error(`internal error on ${channel}`, { error }),
  });
  const responses: string[] = [];
  const call = async (name: string, input?: unknown) => {
    const result = await dispatch(name, input);
    responses.push(JSON.stringify(result));
    return result;
  };
  return { call, responses, lines, vault };
}

function expectNoLeak(texts: string[], secret: string) {
  for (const text of texts) for (const form of encodingsOf(secret)) expect(text).not.toContain(form);
}

describe('settings handlers: the API key never leaves the vault', () => {
  it('keeps the sentinel key out of every file, every response and every log line', async () => {
    const leakyPing = vi.fn<TestConnection>(async (credentials) => {
      await Promise.resolve();
      throw new Error(`401 Unauthorized for Bearer ${credentials.apiKey} / ${encodeURIComponent(credentials.apiKey)}`);
    });
    const { call, responses, lines } = harness(leakyPing);

    // Bad input carrying the key (wrong environment, merchant key empty).
    const bad = await call('credentials:set', { provider: 'ecster', environment: 'prod', apiKey: SENTINEL, merchantKey: '' });
    expect(bad.ok).toBe(false);
    // Valid input, then everything a renderer could ask.
    const set = await call('credentials:set', { provider: 'ecster', environment: 'live', apiKey: SENTINEL, merchantKey: MERCHANT });
    expect(set).toMatchObject({ ok: true, value: { state: 'configured', storage: 'encrypted', apiKeyLast4: 'KPOS' } });
    await call('credentials:status');
    const tested = await call('credentials:test');
    expect(tested).toEqual({
      ok: true,
      value: { result: 'unreachable', detail: expect.stringMatching(/could not be completed/), detailMessage: { key: 'testUnreachable' } },
    });
    expect(leakyPing).toHaveBeenCalledOnce();
    await call('settings:get');
    await call('settings:save', { settings: { shop: { name: 'Butik' } } });
    await call('settings:save', { settings: { provider: SENTINEL } });

    expectNoLeak(responses, SENTINEL);
    expectNoLeak(responses, MERCHANT);
    expect(lines.some((line) => line.includes('Connection test failed') && line.includes('[redacted]'))).toBe(true);
    expectNoLeak(lines, SENTINEL);
    expectNoLeak(lines, MERCHANT);
    expect(filesContaining(tmp.dir, SENTINEL)).toEqual([]);
    expect(filesContaining(tmp.dir, MERCHANT)).toEqual([]);
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['credentials.json', 'credentials.key', 'settings.json']);
  });

  it('scrubs the key from a test result detail that echoes it', async () => {
    const { call, responses } = harness(() => Promise.resolve({ result: 'rejected-key', detail: `Key ${SENTINEL} was rejected` }));
    await call('credentials:set', { provider: 'straumur', environment: 'staging', apiKey: SENTINEL });
    const tested = await call('credentials:test');
    expect(tested).toEqual({ ok: true, value: { result: 'rejected-key', detail: 'Key [redacted] was rejected' } });
    expectNoLeak(responses, SENTINEL);
  });

  it('offers no channel that returns a secret', async () => {
    const { call } = harness(() => Promise.resolve({ result: 'ok', detail: 'fine' }));
    await call('credentials:set', { provider: 'straumur', environment: 'staging', apiKey: SENTINEL });
    for (const name of ['credentials:get', 'credentials:current', 'credentials:read']) {
      expect(await call(name)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });
});

describe('settings handlers: behaviour', () => {
  it('tests the connection with the stored credentials and current settings', async () => {
    const ping = vi.fn<TestConnection>(() => Promise.resolve({ result: 'ok', detail: 'Connected to Straumur staging.' }));
    const { call } = harness(ping);
    await call('credentials:set', { provider: 'straumur', environment: 'staging', apiKey: 'STRAUMUR-KEY-0000-1111' });
    expect(await call('credentials:test')).toEqual({ ok: true, value: { result: 'ok', detail: 'Connected to Straumur staging.' } });
    expect(ping).toHaveBeenCalledWith(
      { provider: 'straumur', environment: 'staging', apiKey: 'STRAUMUR-KEY-0000-1111' },
      expect.objectContaining({ provider: 'demo', uiLanguage: 'sv' }),
    );
  });

  it('answers not-configured without calling the provider when no credentials are set', async () => {
    const ping = vi.fn<TestConnection>();
    const { call } = harness(ping);
    expect(await call('credentials:test')).toEqual({
      ok: true,
      value: { result: 'not-configured', detail: 'No credentials are set yet.', detailMessage: { key: 'testNotConfigured' } },
    });
    expect(ping).not.toHaveBeenCalled();
  });

  it('answers field errors from settings:save and a saved form from settings:get', async () => {
    const { call } = harness(() => Promise.resolve({ result: 'ok', detail: '' }));
    expect(await call('settings:save', { settings: { provider: 'straumur', environment: 'staging' } })).toEqual({
      ok: true,
      value: {
        saved: false,
        fieldErrors: { 'providers.straumur.terminalIdentifier': expect.any(String) },
        fieldMessages: { 'providers.straumur.terminalIdentifier': { key: 'settingsTerminalNeeded' } },
      },
    });
    // A partial save keeps what it leaves out: the first-run language from the OS stays.
    await call('settings:save', { settings: { clerkName: 'Anna' } });
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { clerkName: 'Anna', uiLanguage: 'sv' } });
  });

  it('clears credentials through credentials:clear', async () => {
    const { call, vault } = harness(() => Promise.resolve({ result: 'ok', detail: '' }));
    await call('credentials:set', { provider: 'straumur', environment: 'staging', apiKey: 'STRAUMUR-KEY-0000-1111' });
    expect(await call('credentials:clear')).toMatchObject({ ok: true, value: { state: 'missing' } });
    expect(vault.current()).toBeNull();
    const stored = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'credentials.json'), 'utf8'));
    expect(stored).toEqual({});
  });
});
