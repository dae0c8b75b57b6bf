import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import type { Logger } from '../../../../electron/services/log';
import { openTestApp } from '../../../support/app-services';
import { encodingsOf, filesContaining } from '../storage/temp-dir';

/**
 * Staff through the real services and the one dispatcher both shells use (the web host's bridge
 * calls exactly this `dispatch`): PINs never reach the data folder, the log or an IPC answer, and a
 * manager's channel is refused in main without a manager.
 */
const OWNER_PIN = '80461935';
const CLERK_PIN = '72950318';

let dataDir = '';
let app: AppServices | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  rmSync(dataDir, { recursive: true, force: true });
});

function capturingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: push('INFO'), warn: push('WARN'), error: push('ERROR') };
}

describe('staff in the app', () => {
  it('keeps PINs out of the data folder, the log and every IPC answer, and guards manager channels in main', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-staff-'));
    const log = capturingLog();
    app = await openTestApp(dataDir, { log });
    const answers: unknown[] = [];
    const call = async (channel: string, input?: unknown) => {
      const result = await app!.dispatch(channel, input);
      answers.push(result);
      return result;
    };

    // No staff: the till is open, as before (a call without input too).
    expect((await call('app:info')).ok).toBe(true);
    expect((await call('settings:save', { settings: { tillName: 'Counter' } })).ok).toBe(true);
    expect(await call('staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'clerk' })).toMatchObject({
      ok: true,
      value: { enabled: true, signedIn: { name: 'Olga Owner', role: 'manager', owner: true } },
    });
    expect((await call('staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' })).ok).toBe(true);
    await call('staff:signOut', { idle: false });
    // Signed out: only open channels answer.
    expect(await call('report:x', {})).toMatchObject({ ok: false, error: { code: 'sign-in-required', key: 'staffSignInRequired' } });
    expect((await call('staff:status')).ok).toBe(true);

    await call('staff:signIn', { pin: '00000000' });
    expect((await call('staff:signIn', { pin: CLERK_PIN })).ok).toBe(true);
    expect((await call('report:x', {})).ok).toBe(true);
    expect(await call('settings:save', { settings: { tillName: 'Mine now' } })).toMatchObject({
      ok: false,
      error: { code: 'approval-required', message: 'This needs a manager. Ask a manager to approve it with their PIN.' },
    });
    expect(
      await call('credentials:set', { provider: 'ecster', environment: 'live', apiKey: 'k-123456', merchantKey: 'm-123456' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'approval-required' },
    });
    expect(await call('staff:approve', { pin: CLERK_PIN, channel: 'settings:save' })).toMatchObject({
      ok: false,
      error: { code: 'rejected' },
    });
    expect(await call('staff:approve', { pin: OWNER_PIN, channel: 'settings:save' })).toMatchObject({
      ok: true,
      value: { approvedBy: 'Olga Owner' },
    });
    expect(await call('settings:save', { settings: { tillName: 'Approved' } })).toMatchObject({ ok: true, value: { saved: true } });
    expect(await call('settings:save', { settings: { tillName: 'Again' } })).toMatchObject({
      ok: false,
      error: { code: 'approval-required' },
    });
    expect(await call('report:z', { confirmOpenSales: true })).toMatchObject({ ok: false, error: { code: 'approval-required' } });
    await call('staff:setPin', { id: 'does-not-matter', pin: '55555555' });
    await call('staff:signIn', { pin: OWNER_PIN });
    expect((await call('staff:status')).ok).toBe(true);

    await app.close();
    app = null;
    for (const pin of [OWNER_PIN, CLERK_PIN]) {
      expect(filesContaining(dataDir, pin), pin).toEqual([]);
      const text = JSON.stringify(answers) + '\n' + log.lines.join('\n');
      for (const needle of encodingsOf(pin)) expect(text.includes(needle), `${pin} as ${needle}`).toBe(false);
    }
    expect(log.lines.some((l) => l.includes('Wrong staff PIN'))).toBe(true);
    expect(log.lines.some((l) => l.includes('Manager approval used'))).toBe(true);
  }, 120_000);
});
