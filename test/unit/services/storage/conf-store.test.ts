import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfStore, openCheckedStore, unusableReason } from '../../../../electron/services/storage/conf-store';
import { makeTempDir } from './temp-dir';

const fixedNow = () => new Date('2026-11-21T05:33:42.123Z');

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const open = (cwd: string) => createConfStore({ cwd, configName: 'settings', label: 'settings', now: fixedNow, platform: 'linux' });

describe('createConfStore', () => {
  it('creates the data directory 0700 and writes the store file 0600', () => {
    const dataDir = path.join(tmp.dir, 'data');
    const { store, notice } = open(dataDir);
    store.set('greeting', 'hej');
    expect(notice).toBeNull();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('tightens an existing data directory and store file that are readable by others', () => {
    fs.chmodSync(tmp.dir, 0o755);
    const file = path.join(tmp.dir, 'settings.json');
    fs.writeFileSync(file, '{"a":1}', { mode: 0o644 });
    open(tmp.dir);
    expect(fs.statSync(tmp.dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes nothing to disk until something is set', () => {
    open(tmp.dir);
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });

  it('reads back what was written, across reopenings, and replaces the whole document in one assignment', () => {
    open(tmp.dir).store.set('a', { b: 1 });
    const reopened = open(tmp.dir).store;
    expect(reopened.get('a')).toEqual({ b: 1 });
    reopened.store = { c: 2 };
    expect(open(tmp.dir).store.store).toEqual({ c: 2 });
  });

  it('keeps dotted keys flat rather than nesting them', () => {
    const { store } = open(tmp.dir);
    store.set('shop.name', 'x');
    expect(store.store).toEqual({ 'shop.name': 'x' });
  });

  it.each([
    ['zero-length', Buffer.alloc(0)],
    ['truncated', Buffer.from('{"schemaVersion":1,"settings":{"shop":{"na')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['a JSON array', Buffer.from('[1,2,3]')],
    ['a JSON string', Buffer.from('"settings"')],
  ])('moves a %s file aside without throwing, starts empty and says so', (_kind, bytes) => {
    const file = path.join(tmp.dir, 'settings.json');
    fs.writeFileSync(file, bytes);

    const { store, notice } = open(tmp.dir);

    const aside = path.join(tmp.dir, 'settings.json.corrupt-2026-11-21T05-33-42-123Z');
    expect(fs.readFileSync(aside)).toEqual(bytes);
    expect(fs.existsSync(file)).toBe(false);
    expect(store.store).toEqual({});
    expect(notice?.message).toContain('settings file could not be read');
    expect(notice?.message).toContain('settings.json.corrupt-2026-11-21T05-33-42-123Z');
    // The clerk reads it in their own language: a catalog key with the kept file's name.
    expect(notice).toMatchObject({ key: 'storeUnreadableSettings', params: { file: 'settings.json.corrupt-2026-11-21T05-33-42-123Z' } });
    store.set('a', 1);
    expect(open(tmp.dir).store.get('a')).toBe(1);
  });

  it('never overwrites an earlier set-aside file with the same timestamp', () => {
    const file = path.join(tmp.dir, 'settings.json');
    fs.writeFileSync(file, 'first');
    open(tmp.dir);
    fs.writeFileSync(file, 'second');
    const { notice } = open(tmp.dir);
    expect(fs.readFileSync(path.join(tmp.dir, 'settings.json.corrupt-2026-11-21T05-33-42-123Z'), 'utf8')).toBe('first');
    expect(fs.readFileSync(path.join(tmp.dir, 'settings.json.corrupt-2026-11-21T05-33-42-123Z-1'), 'utf8')).toBe('second');
    expect(notice?.message).toContain('-1');
  });
});

describe('openCheckedStore (the path an electron-store instance takes)', () => {
  it('sets a damaged file aside before the store constructor ever reads it', () => {
    const file = path.join(tmp.dir, 'credentials.json');
    fs.writeFileSync(file, '{"entry":');
    let sawFileAtConstruction: boolean | null = null;
    const { notice } = openCheckedStore({ cwd: tmp.dir, configName: 'credentials', label: 'saved credentials', now: fixedNow }, () => {
      sawFileAtConstruction = fs.existsSync(file);
      return createConfStore({ cwd: tmp.dir, configName: 'credentials', label: 'saved credentials' }).store;
    });
    expect(sawFileAtConstruction).toBe(false);
    expect(notice?.message).toMatch(/saved credentials file could not be read/);
    expect(notice?.key).toBe('storeUnreadableCredentials');
  });
});

describe('unusableReason', () => {
  it('accepts a JSON object, including an empty one', () => {
    expect(unusableReason(Buffer.from('{}'))).toBeNull();
    expect(unusableReason(Buffer.from('{"a":[1]}'))).toBeNull();
  });

  it('rejects empty, cut-short and non-object content', () => {
    expect(unusableReason(Buffer.alloc(0))).toMatch(/empty/);
    expect(unusableReason(Buffer.from('{"a":'))).toMatch(/damaged/);
    expect(unusableReason(Buffer.from('null'))).not.toBeNull();
  });
});
