import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../electron/services/app';
import { EventBus } from '../../../electron/services/ipc/event-bus';
import { createLogger, Redactor } from '../../../electron/services/log';
import { startWebHost, type WebHost } from '../../../webhost/server';

/**
 * The transport alone: the services behind the dispatcher are stood in (they have their own tests),
 * so these tests see exactly which calls the bridge lets through, and with which token.
 */
const TOKEN = 'run-token-0123456789abcdefghijklmnop';
let host: WebHost;
let calls: string[];

beforeEach(async () => {
  calls = [];
  const staticDir = mkdtempSync(join(tmpdir(), 'linkpos-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>LinkPOS</title>');
  const services: AppServices = {
    dispatch: (name) => {
      calls.push(String(name));
      return Promise.resolve({ ok: true, value: null });
    },
    events: new EventBus(),
    sandboxUrl: 'http://127.0.0.1:1',
    reportUncaught: () => undefined,
    close: () => Promise.resolve(),
  };
  host = await startWebHost({ services, staticDir, token: TOKEN, port: 0, log: createLogger(() => undefined, new Redactor()) });
});
afterEach(async () => {
  vi.useRealTimers();
  await host.close();
});

const base = () => `http://127.0.0.1:${host.port}`;
const call = (channel: string, cookie: string) =>
  fetch(`${base()}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `linkpos_token=${cookie}` },
    body: '{}',
  });

describe('the web host bridge', () => {
  it('refuses every request without a token, and serves everything with the run token', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await call('credentials:set', 'wrong')).status).toBe(401);
    expect((await fetch(`${base()}/?token=${TOKEN}`)).status).toBe(200);
    expect((await call('credentials:set', TOKEN)).status).toBe(200);
    expect(calls).toEqual(['credentials:set']);
  });

  it('lets a print token load the page and read a receipt, but nothing else', async () => {
    const printToken = host.issuePrintToken();
    expect(printToken).not.toBe(TOKEN);
    expect((await fetch(`${base()}/?view=receipt&id=s1&token=${printToken}`)).status).toBe(200);
    expect((await call('receipt:get', printToken)).status).toBe(200);
    for (const channel of ['credentials:set', 'settings:save', 'sale:charge', 'sale:cancel', 'journal:export']) {
      expect((await call(channel, printToken)).status, channel).toBe(403);
    }
    const events = await fetch(`${base()}/api/events`, { headers: { Cookie: `linkpos_token=${printToken}` } });
    expect(events.status).toBe(403);
    expect(calls).toEqual(['receipt:get']);
  });

  it('stops honouring a print token after two minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const printToken = host.issuePrintToken();
    expect((await call('receipt:get', printToken)).status).toBe(200);
    vi.setSystemTime(Date.now() + 121_000);
    expect((await call('receipt:get', printToken)).status).toBe(401);
  });
});
