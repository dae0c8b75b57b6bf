import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import { openJournal, JOURNAL_FILE, type JournalRecord } from '../../../../electron/services/journal/journal';
import type { Logger } from '../../../../electron/services/log';
import { CHECKPOINT_FILE, decodeCheckpoint, encodeCheckpoint } from '../../../../electron/services/startup/checkpoint-store';
import { TillLife, emptyTillLife } from '../../../../electron/services/startup/till-life';
import { childOf, documentIssues, textOf, type XmlElement } from '../../../../shared/domain/journal-memory';
import { callApp, oneItemCart, openTestApp, sellDemo, silentLog } from '../../../support/app-services';
import { skvfsSchemaErrors } from '../../../support/skvfs-schema';
import { parseXmlTree } from '../../../support/xml-tree';
import { recordingLogger } from '../journal/helpers';

/**
 * The till's life in the sales journal, with the real services the web host runs: a start after an
 * orderly stop is a Start, after a kill an Omstart that signs out the member left signed in; a
 * change between demo (training) and live mode is journaled once; a clock set back while the till
 * was off is journaled at start. And each of them in the SKVFS 2021:16 export, valid against the
 * schema.
 */
const dirs: string[] = [];
const apps: AppServices[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linkpos-life-'));
  dirs.push(dir);
  return dir;
}
async function open(dir: string, log: Logger = silentLog): Promise<AppServices> {
  const app = await openTestApp(dir, { log });
  apps.push(app);
  return app;
}
async function close(app: AppServices): Promise<void> {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}
/** The journal's records as the file holds them (read with the app running or not). */
function records(dir: string): JournalRecord[] {
  return readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalRecord);
}
/** The till's own records and sign-in/out, as [type, data], seals and sales left out. */
const life = (dir: string, fromSeq = 0) =>
  records(dir)
    .filter((r) => r.seq > fromSeq && (r.saleId === 'till' || r.saleId === 'staff'))
    .map((r) => [r.type, r.data]);
const lastSeq = (dir: string) => records(dir).at(-1)?.seq ?? 0;

const swedish = {
  shop: { name: 'Bageriet Åkerö AB', organisationNumber: '5560360793', address: 'Storgatan 1, 123 45 Göteborg' },
  sweden: { enabled: true, tillDesignation: 'Kassa 1', controlUnit: { kind: 'simulated' } },
};
const owner = { name: 'Anna', pin: '1234', role: 'manager' };

async function exported(app: AppServices): Promise<XmlElement[]> {
  const { text } = await callApp<{ text: string }>(app, 'journal:exportMemory', {});
  expect(await skvfsSchemaErrors(text)).toEqual([]);
  const doc = parseXmlTree(text);
  expect(documentIssues(doc)).toEqual([]);
  return childOf(doc, 'RegistreringLISTA')?.children ?? [];
}
const kinds = (items: XmlElement[]) => items.map((h) => (h.children.at(-1) as XmlElement).name);

describe('the start and stop of the till', () => {
  it('journals a Start, the mode it starts in when that is training, and on an orderly quit the sign-out and the stop; the next start is a Start again', async () => {
    const dir = newDir();
    let app = await open(dir);
    // A first start in demo mode: the till is in training mode, which the journal starts from normal.
    expect(life(dir)).toEqual([
      ['till-started', { restart: false, version: 'test' }],
      ['till-mode-changed', { training: true }],
    ]);
    await callApp(app, 'settings:save', { settings: swedish });
    await callApp(app, 'staff:add', owner);
    await sellDemo(app, oneItemCart(1000), 'pay');
    const beforeQuit = lastSeq(dir);
    await close(app);
    expect(life(dir, beforeQuit)).toEqual([
      ['staff-signed-out', { member: { id: expect.any(String), name: 'Anna' }, how: 'quit' }],
      ['till-stopped', {}],
    ]);
    // The shutdown checkpoint keeps what the next start needs, so it reads nothing before it.
    const kept = decodeCheckpoint(readFileSync(join(dir, CHECKPOINT_FILE))).till;
    expect(kept).toMatchObject({ last: 'stopped', signedIn: [], training: true });

    const log = recordingLogger();
    const beforeStart = lastSeq(dir);
    app = await open(dir, log);
    expect(log.lines.find((l) => l.message === 'journal: started from the checkpoint')?.fields).toMatchObject({ linesAfter: 0 });
    // A Start; nobody to sign out; still training, which is on record already.
    expect(life(dir, beforeStart)).toEqual([['till-started', { restart: false, version: 'test' }]]);

    await callApp(app, 'staff:signIn', { pin: owner.pin });
    const items = await exported(app);
    expect(kinds(items).filter((k) => /Kassaregister|StallaOm/.test(k))).toEqual([
      'StartAvKassaregister',
      'StallaOmTillOvningslage',
      'InloggningIKassaregister',
      'UtloggningUrKassaregister',
      'StoppAvKassaregister',
      'StartAvKassaregister',
      'InloggningIKassaregister',
    ]);
    const stop = items.find((h) => kinds([h])[0] === 'StoppAvKassaregister')!;
    expect((stop.children.at(-1) as XmlElement).text).toBe('JA');
  });

  it('after a kill, starts with an Omstart and signs out the member the dead run left signed in, from the checkpoint', async () => {
    const dir = newDir();
    const app = await open(dir);
    await callApp(app, 'settings:save', { settings: swedish });
    await callApp(app, 'staff:add', owner);
    await sellDemo(app, oneItemCart(1000), 'pay');
    // A Z report writes a checkpoint, which then holds the member signed in.
    await callApp(app, 'report:z', { confirmOpenSales: true });
    await expect.poll(() => existsSync(join(dir, CHECKPOINT_FILE))).toBe(true);
    await expect.poll(() => decodeCheckpoint(readFileSync(join(dir, CHECKPOINT_FILE))).till?.signedIn.length).toBe(1);
    // Killed: the folder as it is while the till runs (every record is fsynced), with no stop.
    const killed = newDir();
    cpSync(dir, killed, { recursive: true });
    const beforeStart = lastSeq(killed);

    const log = recordingLogger();
    const again = await open(killed, log);
    expect(log.lines.some((l) => l.message === 'journal: started from the checkpoint')).toBe(true);
    const after = records(killed).filter((r) => r.seq > beforeStart && r.type !== 'seal');
    expect(after.map((r) => [r.type, r.data])).toEqual([
      ['till-started', { restart: true, version: 'test' }],
      ['staff-signed-out', { member: { id: expect.any(String), name: 'Anna' }, how: 'restart' }],
    ]);
    // One write, right after the start record, at its time.
    expect(after[1]!.seq).toBe(after[0]!.seq + 1);
    expect(after[1]!.at).toBe(after[0]!.at);

    await callApp(again, 'staff:signIn', { pin: owner.pin });
    const items = await exported(again);
    const restart = items.findIndex((h) => kinds([h])[0] === 'OmstartAvKassaregister');
    expect(restart).toBeGreaterThan(0);
    expect(kinds(items.slice(restart, restart + 2))).toEqual(['OmstartAvKassaregister', 'UtloggningUrKassaregister']);
    expect(textOf(items[restart + 1]!, 'InloggadAnvandare')).toBe('Anna');
    // Every sign-in is paired with a sign-out before the next sign-in.
    const sessions = kinds(items).filter((k) => k === 'InloggningIKassaregister' || k === 'UtloggningUrKassaregister');
    expect(sessions).toEqual(['InloggningIKassaregister', 'UtloggningUrKassaregister', 'InloggningIKassaregister']);
  });
});

describe('a checkpoint from before the till’s life was kept', () => {
  it('is still used: the start is a Start, the clock is checked against its last record, and the mode is journaled once', async () => {
    const dir = newDir();
    const app = await open(dir);
    await sellDemo(app, oneItemCart(1000), 'pay');
    await close(app);
    // As an earlier version wrote it (no `till`), over a journal that ends where it does.
    const { till, ...older } = decodeCheckpoint(readFileSync(join(dir, CHECKPOINT_FILE)));
    expect(till).toBeDefined();
    writeFileSync(join(dir, CHECKPOINT_FILE), encodeCheckpoint(older));

    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.parse(records(dir).at(-1)!.at) - 60_000);
    const log = recordingLogger();
    const beforeStart = lastSeq(dir);
    await open(dir, log);
    expect(log.lines.find((l) => l.message === 'journal: started from the checkpoint')?.fields).toMatchObject({ linesAfter: 0 });
    expect(life(dir, beforeStart).map(([type, data]) => [type, type === 'till-started' ? data : null])).toEqual([
      ['till-started', { restart: false, version: 'test' }],
      ['clock-changed', null],
      ['till-mode-changed', null],
    ]);
  });
});

describe('training mode (demo mode)', () => {
  it('journals each real change between demo and live mode once, made in Settings or by the keys, under the member who made it', async () => {
    const dir = newDir();
    let app = await open(dir);
    await callApp(app, 'settings:save', { settings: swedish });
    await callApp(app, 'staff:add', owner);
    const start = lastSeq(dir);
    // Keys of a provider Settings do not use: still demo mode, nothing journaled.
    await callApp(app, 'credentials:set', { provider: 'straumur', environment: 'staging', apiKey: 'STRAUMUR-KEY-0000-1111' });
    expect(life(dir, start)).toEqual([]);
    // Settings choose that provider: live, normal mode.
    const live = { provider: 'straumur', environment: 'staging', providers: { straumur: { terminalIdentifier: 'TERM1234' } } };
    expect(await callApp(app, 'settings:save', { settings: live })).toMatchObject({ saved: true });
    await callApp(app, 'settings:save', { settings: { tillName: 'Disken' } });
    const anna = { id: expect.any(String), name: 'Anna' };
    expect(life(dir, start)).toEqual([['till-mode-changed', { training: false, by: anna }]]);
    // The keys are cleared: demo again.
    await callApp(app, 'credentials:clear');
    expect(life(dir, start)).toEqual([
      ['till-mode-changed', { training: false, by: anna }],
      ['till-mode-changed', { training: true, by: anna }],
    ]);
    await close(app);
    // A start in the mode last journaled journals none.
    const beforeStart = lastSeq(dir);
    app = await open(dir);
    expect(life(dir, beforeStart).map(([type]) => type)).toEqual(['till-started']);
    await callApp(app, 'staff:signIn', { pin: owner.pin });
    const modes = kinds(await exported(app)).filter((k) => k.startsWith('StallaOmTill'));
    expect(modes).toEqual(['StallaOmTillOvningslage', 'StallaOmTillNormallage', 'StallaOmTillOvningslage']);
  });
});

describe('the clock', () => {
  it('set back while the till was off: journaled at start with the new time, written as StallaOmKlockan', async () => {
    const dir = newDir();
    let app = await open(dir);
    await callApp(app, 'settings:save', { settings: swedish });
    await sellDemo(app, oneItemCart(1000), 'pay');
    await close(app);
    // The last record is the stop (or the seal after it).
    const stoppedAt = records(dir).at(-1)!.at;

    // The system clock is set back an hour before the next start.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.parse(stoppedAt) - 3_600_000);
    const beforeStart = lastSeq(dir);
    app = await open(dir);
    const after = records(dir).filter((r) => r.seq > beforeStart && r.type !== 'seal');
    expect(after.map((r) => [r.type, r.data])).toEqual([
      ['till-started', { restart: false, version: 'test' }],
      ['clock-changed', { lastRecordAt: stoppedAt }],
    ]);
    expect(Date.parse(after[1]!.at)).toBeLessThan(Date.parse(stoppedAt));

    const items = await exported(app);
    const clock = items.find((h) => kinds([h])[0] === 'StallaOmKlockan')!;
    expect(textOf(clock.children.at(-1) as XmlElement, 'NyTidVidOmstallningAvKlockan')).toBe(textOf(clock, 'Registreringstidpunkt'));
    await close(app);
    vi.useRealTimers();

    // A clock that went on forward is not a change.
    const beforeNext = lastSeq(dir);
    app = await open(dir);
    expect(life(dir, beforeNext).map(([type]) => type)).toEqual(['till-started']);
  });
});

describe('a journal that cannot be written at start', () => {
  it('does not keep the till from starting: the failure is logged', async () => {
    const dir = newDir();
    const { journal } = await openJournal(dir, { log: silentLog });
    await journal.close();
    const log = recordingLogger();
    const till = new TillLife({ journal, log, atStart: emptyTillLife(), lastAt: null, version: 'test', training: () => true });
    await expect(till.start()).resolves.toBeUndefined();
    await expect(till.checkMode()).resolves.toBeUndefined();
    await expect(till.stop()).resolves.toBeUndefined();
    expect(log.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'till: the start could not be journaled',
      'till: a change of training mode could not be journaled',
      'till: the stop could not be journaled',
    ]);
    till.close();
  });
});

describe('after the stop', () => {
  const anna = { id: 's-1', name: 'Anna' };
  async function tillOver(dir: string, training: { now: boolean }) {
    const { journal } = await openJournal(dir, { log: silentLog });
    const till = new TillLife({
      journal,
      log: silentLog,
      atStart: emptyTillLife(),
      lastAt: null,
      version: 'test',
      training: () => training.now,
    });
    return { journal, till };
  }

  it('journals no sign-in, sign-out or mode change after till-stopped: a late sign-in is refused', async () => {
    const dir = newDir();
    const training = { now: false };
    const { journal, till } = await tillOver(dir, training);
    await till.start();
    await till.journalSession({ kind: 'sign-in', member: anna, how: 'pin' });
    await till.stop();
    await expect(till.journalSession({ kind: 'sign-in', member: anna, how: 'pin' })).rejects.toThrow(/till has stopped/);
    await expect(till.journalSession({ kind: 'sign-out', member: anna, how: 'idle' })).rejects.toThrow(/till has stopped/);
    training.now = true;
    await till.checkMode(anna);
    await till.stop();
    till.close();
    await journal.close();
    expect(life(dir).map(([type, data]) => [type, (data as { how?: string }).how ?? null])).toEqual([
      ['till-started', null],
      ['staff-signed-in', 'pin'],
      ['staff-signed-out', 'quit'],
      ['till-stopped', null],
    ]);
  });

  it('waits for a sign-in asked before it, and signs that member out before till-stopped', async () => {
    const dir = newDir();
    const training = { now: false };
    const { journal, till } = await tillOver(dir, training);
    await till.start();
    // Asked together: the sign-in first, then the quit and a settings save that turned training on.
    training.now = true;
    const signIn = till.journalSession({ kind: 'sign-in', member: anna, how: 'pin' });
    const stop = till.stop();
    const mode = till.checkMode(anna);
    await Promise.all([signIn, stop, mode]);
    till.close();
    await journal.close();
    expect(life(dir).map(([type]) => type)).toEqual(['till-started', 'staff-signed-in', 'staff-signed-out', 'till-stopped']);
  });
});
