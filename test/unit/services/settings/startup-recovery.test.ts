import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCipher } from '../../../../electron/services/credentials/node-cipher';
import { Redactor } from '../../../../electron/services/log';
import { openSettings } from '../../../../electron/services/settings/open';
import { makeTempDir } from '../storage/temp-dir';

const now = () => new Date('2026-11-21T08:00:00.000Z');
const STAMP = '2026-11-21T08-00-00-000Z';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const start = () =>
  openSettings({
    dataDir: tmp.dir,
    cipher: createNodeCipher({ dataDir: tmp.dir, now }),
    platform: 'linux',
    osLocale: 'fi-FI',
    redactor: new Redactor(),
    acceptNodeCipher: true,
    now,
  });

/** A shop that has been trading: settings saved, credentials encrypted, a journal and a catalog. */
function seedDataDir() {
  const first = start();
  expect(first.settings.save({ clerkName: 'Anna', shop: { name: 'Kauppa' }, uiLanguage: 'fi' }).saved).toBe(true);
  first.vault.set({ provider: 'ecster', environment: 'test', apiKey: 'ECSTER-KEY-abcdef123', merchantKey: 'M-1' });
  fs.writeFileSync(path.join(tmp.dir, 'sales.journal'), crypto.randomBytes(4096));
  fs.writeFileSync(path.join(tmp.dir, 'catalog.csv'), 'barcode;name\n123;Kaffe\n');
}

function snapshot(names: string[]) {
  return Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(tmp.dir, name))]));
}

type Damage = (bytes: Buffer) => Buffer;
const truncate: Damage = (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2));
const empty: Damage = () => Buffer.alloc(0);
const flipFirstByte: Damage = (bytes) => {
  const copy = Buffer.from(bytes);
  copy[0] = copy[0]! ^ 0xff;
  return copy;
};
const damages: Array<[string, Damage]> = [
  ['truncated', truncate],
  ['zero-length', empty],
  ['byte-flipped', flipFirstByte],
];

function damage(name: string, how: Damage): Buffer {
  const file = path.join(tmp.dir, name);
  const damaged = how(fs.readFileSync(file));
  fs.writeFileSync(file, damaged);
  return damaged;
}

describe('start-up with a damaged credentials file', () => {
  it.each(damages)('%s: starts, alarms, needs re-entry, keeps the file aside and touches nothing else', (_kind, how) => {
    seedDataDir();
    const untouched = snapshot(['sales.journal', 'catalog.csv', 'settings.json', 'credentials.key']);
    const damaged = damage('credentials.json', how);

    const { settings, vault, alarms } = start();

    expect(vault.status().state).toBe('needs-reentry');
    expect(vault.current()).toBeNull();
    expect(alarms.map((a) => a.message).join('\n')).toMatch(/saved credentials file could not be read/);
    expect(alarms.map((a) => a.message).join('\n')).toMatch(/enter them again/);
    expect(alarms.map((a) => a.key)).toEqual(['storeUnreadableCredentials', 'credentialsReentryAlarm']);
    expect(fs.readFileSync(path.join(tmp.dir, `credentials.json.corrupt-${STAMP}`))).toEqual(damaged);
    expect(snapshot(Object.keys(untouched))).toEqual(untouched);
    expect(settings.get()).toMatchObject({ clerkName: 'Anna', uiLanguage: 'fi', shop: { name: 'Kauppa' } });
  });

  it('a flipped byte inside the ciphertext: needs re-entry, and the file itself stays exactly as it was', () => {
    seedDataDir();
    const file = path.join(tmp.dir, 'credentials.json');
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf('"ciphertext"') + 30;
    const bytes = Buffer.from(text);
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const untouched = snapshot(['sales.journal', 'catalog.csv', 'settings.json', 'credentials.key', 'credentials.json']);

    const { vault, alarms } = start();

    expect(vault.status()).toMatchObject({ state: 'needs-reentry', provider: 'ecster', environment: 'test' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.message).toMatch(/\(Ecster test\)/);
    expect(snapshot(Object.keys(untouched))).toEqual(untouched);
  });

  it('a ciphertext that is no longer even base64 still names whose credentials are to be entered again', () => {
    seedDataDir();
    const file = path.join(tmp.dir, 'credentials.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/("ciphertext":\s*")[A-Za-z0-9+/]/, '$1*'));
    const { vault, alarms } = start();
    expect(vault.status()).toMatchObject({ state: 'needs-reentry', provider: 'ecster', environment: 'test' });
    expect(alarms[0]?.message).toMatch(/\(Ecster test\)/);
  });

  it('never repeats a garbled environment from a damaged entry in the alarm', () => {
    seedDataDir();
    const file = path.join(tmp.dir, 'credentials.json');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(/("ciphertext":\s*")[A-Za-z0-9+/]/, '$1*')
        .replace(/("environment":\s*")test"/, '$1te\\u0007st"'),
    );
    const { alarms } = start();
    expect(alarms[0]?.message).toMatch(/\(Ecster\)$/);
  });

  it('lets the clerk enter credentials again after recovery, and they survive the next restart', () => {
    seedDataDir();
    damage('credentials.json', empty);
    start().vault.set({ provider: 'straumur', environment: 'production', apiKey: 'STRAUMUR-NEW-KEY-42' });
    const again = start();
    expect(again.vault.status()).toMatchObject({ state: 'configured', provider: 'straumur' });
    expect(again.alarms).toEqual([]);
  });
});

describe('start-up with a damaged settings file', () => {
  it.each(damages)('%s: starts with defaults, alarms, keeps the file aside and touches nothing else', (_kind, how) => {
    seedDataDir();
    const untouched = snapshot(['sales.journal', 'catalog.csv', 'credentials.json', 'credentials.key']);
    const damaged = damage('settings.json', how);

    const { settings, vault, alarms } = start();

    expect(settings.get()).toMatchObject({ provider: 'demo', clerkName: '', uiLanguage: 'fi' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.message).toMatch(/settings file could not be read/);
    expect(alarms[0]?.message).toContain(`settings.json.corrupt-${STAMP}`);
    expect(alarms[0]?.key).toBe('storeUnreadableSettings');
    expect(fs.readFileSync(path.join(tmp.dir, `settings.json.corrupt-${STAMP}`))).toEqual(damaged);
    expect(snapshot(Object.keys(untouched))).toEqual(untouched);
    expect(vault.status()).toMatchObject({ state: 'configured', storage: 'encrypted' });
  });
});

describe('start-up with both files damaged', () => {
  it('reports both problems and still starts', () => {
    seedDataDir();
    damage('settings.json', truncate);
    damage('credentials.json', flipFirstByte);
    const journal = fs.readFileSync(path.join(tmp.dir, 'sales.journal'));
    const { alarms } = start();
    expect(alarms.length).toBeGreaterThanOrEqual(2);
    expect(fs.readFileSync(path.join(tmp.dir, 'sales.journal'))).toEqual(journal);
  });
});

it('a clean start reports no alarms', () => {
  seedDataDir();
  expect(start().alarms).toEqual([]);
});
