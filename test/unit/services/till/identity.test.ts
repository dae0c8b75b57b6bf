import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEpoch, isTillCode, tillCodeOf } from '../../../../shared/domain/order-reference';
import { createLogger, Redactor } from '../../../../electron/services/log';
import { openTillIdentity, TILL_IDENTITY_FILE } from '../../../../electron/services/till/identity';

let dir: string;
let lines: string[];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'linkpos-till-'));
  lines = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const open = (journalEmpty: boolean, extra: { randomInt?: (max: number) => number } = {}) =>
  openTillIdentity({ dataDir: dir, journalEmpty, log: createLogger((line) => lines.push(line), new Redactor()), ...extra });
const file = () => path.join(dir, TILL_IDENTITY_FILE);

describe('till identity', () => {
  it('is made at the first start: a UUID, its till code and an epoch, in a private file', async () => {
    const { identity, alarm } = await open(true);
    expect(alarm).toBeNull();
    expect(identity.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(identity.code).toBe(tillCodeOf(identity.id));
    expect(isTillCode(identity.code) && isEpoch(identity.epoch)).toBe(true);
    const stored = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ format: 1, id: identity.id, code: identity.code, epoch: identity.epoch });
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('is kept as it is across restarts while the journal holds records', async () => {
    const first = (await open(true)).identity;
    const before = readFileSync(file(), 'utf8');
    const again = await open(false);
    expect(again).toEqual({ identity: first, alarm: null });
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('keeps its id and code but takes an epoch it never had when it starts with an empty journal', async () => {
    // The draw returns the epochs already used first, so only the rule "never again" can avoid them.
    const draws = [0, 0, 1, 0, 1, 2];
    const randomInt = () => draws.shift() ?? 3;
    const first = (await open(true, { randomInt })).identity;
    expect(first.epoch).toBe('00');
    const second = (await open(true, { randomInt })).identity;
    expect(second).toEqual({ ...first, epoch: '01' });
    const third = (await open(true, { randomInt })).identity;
    expect(third).toEqual({ ...first, epoch: '02' });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ epoch: '02', earlierEpochs: ['01', '00'] });
  });

  it('sets a damaged file aside, says so, and never reuses what it cannot read', async () => {
    const first = (await open(true)).identity;
    writeFileSync(file(), '{"format":1,"id":"' + first.id.slice(0, 10));
    const { identity, alarm } = await open(false);
    expect(alarm).toMatchObject({ key: 'tillIdentityUnreadable' });
    expect(alarm?.message).toContain('till-identity.json.corrupt-');
    expect(identity.id).not.toBe(first.id);
    const names = readdirSync(dir);
    expect(names.filter((n) => n.startsWith(`${TILL_IDENTITY_FILE}.corrupt-`))).toHaveLength(1);
    expect(lines.join('\n')).toContain('the identity file could not be read');
  });

  it('counts a file whose code was changed by hand as damaged', async () => {
    const first = (await open(true)).identity;
    const stored = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    writeFileSync(file(), JSON.stringify({ ...stored, code: first.code === '000000' ? '000001' : '000000' }));
    const { identity, alarm } = await open(false);
    expect(alarm).not.toBeNull();
    expect(identity.id).not.toBe(first.id);
  });
});
