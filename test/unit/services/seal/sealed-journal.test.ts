import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { PUBLIC_KEY_FILE } from '../../../../electron/services/seal/till-key';
import { CHECKPOINT_FILE } from '../../../../electron/services/startup/checkpoint-store';
import type { Verification } from '../../../../shared/ipc/channels/history';
import type { LocalizedText } from '../../../../shared/messages';
import { callApp as call, oneItemCart, openTestApp, sellDemo } from '../../../support/app-services';
import { records, rewrite } from './seal-helpers';

/**
 * The sealed journal through the real services, as the security review tried it: a till's data
 * folder rewritten by someone without the till's key, then the till started again.
 */
const dirs: string[] = [];
const running: AppServices[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linkpos-seal-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<AppServices> {
  const app = await openTestApp(dataDir);
  running.push(app);
  return app;
}

async function stop(app: AppServices): Promise<void> {
  running.splice(running.indexOf(app), 1);
  await app.close();
}

/** A paid demo sale of one custom item. */
async function sellPaid(app: AppServices, priceMinor: number): Promise<void> {
  await sellDemo(app, oneItemCart(priceMinor, 'Scarf'));
}

async function alarmKeys(app: AppServices): Promise<string[]> {
  return (await call<{ alarms: LocalizedText[] }>(app, 'app:info')).alarms.map((a) => a.key ?? '');
}

async function exported(app: AppServices) {
  return call<{ text: string; verification: Verification }>(app, 'journal:export', { format: 'json' });
}

/** A till with three paid sales of 40.00, shut down (and so sealed). */
async function tillWithSales(): Promise<string> {
  const dir = folder();
  const app = await start(dir);
  for (const price of [4000, 4100, 4200]) await sellPaid(app, price);
  await stop(app);
  return dir;
}

describe('the sealed journal at the till', () => {
  it('is sealed at shutdown; the export carries the seals and the public key and its check passes', async () => {
    const dir = await tillWithSales();
    expect((await records(dir)).at(-1)?.type).toBe('seal');
    const app = await start(dir);
    const { text, verification } = await exported(app);
    expect(verification).toMatchObject({ ok: true, problems: [] });
    expect(verification.seals).toBeGreaterThan(0);
    // Sealed before it is exported: every record but the last seal itself is sealed.
    expect(verification.sealedThroughSeq).toBe(verification.records - 1);
    const json = JSON.parse(text) as { till: { id: string; publicKey: string } };
    expect(json.till.publicKey).toBe(readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await alarmKeys(app)).toEqual([]);
  });

  it('is sealed after a Z report, before the checkpoint is taken', async () => {
    const dir = folder();
    const app = await start(dir);
    await sellPaid(app, 4000);
    await call(app, 'report:z', {});
    await expect.poll(async () => (await records(dir)).at(-1)?.type).toBe('seal');
    const last = (await records(dir)).at(-1)!;
    expect((last.data as { seq: number }).seq).toBe(last.seq - 1);
  });

  it('the reviewer’s attack: 40.00 made 4.00 in an old record, the chain re-computed with our encoder, the checkpoint deleted → an alarm, and the export check fails', async () => {
    const dir = await tillWithSales();
    const first = (await records(dir)).find((r) => r.type === 'sale-created')!.saleId;
    await rewrite(dir, (all) =>
      all.map((r) => (r.saleId === first ? { ...r, data: JSON.parse(JSON.stringify(r.data).replaceAll(':4000', ':400')) as unknown } : r)),
    );
    expect(JSON.stringify((await records(dir)).filter((r) => r.saleId === first))).not.toContain(':4000');
    rmSync(join(dir, CHECKPOINT_FILE));
    const app = await start(dir);
    await expect.poll(() => alarmKeys(app)).toContain('journalSealBroken');
    const { verification } = await exported(app);
    expect(verification.ok).toBe(false);
    // The hash chain itself holds (it was re-computed): only the seals tell.
    expect(verification.problems.join('\n')).not.toMatch(/chain broken|checksum/);
    expect(verification.problems.join('\n')).toMatch(/records were changed or removed/);
  });

  it('tells a run of records deleted between two seals and the rest re-chained', async () => {
    const dir = await tillWithSales();
    const all = await records(dir);
    // The first sale's seal came at once (a new key), the shutdown seal last: the second sale lies between them.
    const second = all.filter((r) => r.type === 'sale-created')[1]!.saleId;
    expect(all.findIndex((r) => r.type === 'seal')).toBeLessThan(all.findIndex((r) => r.saleId === second));
    await rewrite(dir, (records) => records.filter((r) => r.saleId !== second));
    rmSync(join(dir, CHECKPOINT_FILE));
    const app = await start(dir);
    await expect.poll(() => alarmKeys(app)).toContain('journalSealBroken');
    expect((await exported(app)).verification.ok).toBe(false);
  });

  it('tells a journal copied from another till, with its checkpoint (checked in the background after start-up)', async () => {
    const other = await tillWithSales();
    const dir = folder();
    await stop(await start(dir));
    for (const file of [JOURNAL_FILE, CHECKPOINT_FILE]) writeFileSync(join(dir, file), readFileSync(join(other, file)));
    const app = await start(dir);
    await expect.poll(() => alarmKeys(app)).toContain('journalSealOtherTill');
    expect((await exported(app)).verification.ok).toBe(false);
  });

  it('tells a seal signed with another key (the public key file beside the journal replaced too)', async () => {
    const dir = await tillWithSales();
    const forger = folder();
    cpSync(dir, forger, { recursive: true });
    // The forger's own till: same journal, new key; its seals then go into the victim's folder.
    rmSync(join(forger, 'credentials.json'));
    rmSync(join(forger, 'credentials.key'));
    await stop(await start(forger));
    const forged = (await records(forger)).at(-1)!;
    const victim = await records(dir);
    await rewrite(dir, () => [
      ...victim,
      { ...forged, data: { ...(forged.data as object), seq: victim.at(-1)!.seq, hash: victim.at(-1)!.hash } },
    ]);
    writeFileSync(join(dir, PUBLIC_KEY_FILE), readFileSync(join(forger, PUBLIC_KEY_FILE)));
    rmSync(join(dir, CHECKPOINT_FILE));
    const app = await start(dir);
    await expect.poll(() => alarmKeys(app)).toContain('journalSealForged');
    // The till knows its own key from its keychain, not from the file: it writes its own back.
    expect(readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8')).not.toBe(readFileSync(join(forger, PUBLIC_KEY_FILE), 'utf8'));
  });
});

/** A fenced block of README.md, found by its first line, exactly as written there. */
function readmeBlock(language: string, firstLine: string): string {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const start = readme.indexOf(`\`\`\`${language}\n${firstLine}`);
  expect(start).toBeGreaterThan(-1);
  const body = readme.slice(start + language.length + 4);
  return body.slice(0, body.indexOf('\n```\n') + 1);
}

describe("the auditor's check in README, run as written on a real export", () => {
  async function exportTo(dir: string, app: AppServices): Promise<string> {
    const file = join(dir, 'export.json');
    writeFileSync(file, (await exported(app)).text);
    return file;
  }
  const node = (script: string, ...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

  it('the Node script passes a good export and fails the reviewer’s rewrite', async () => {
    const dir = await tillWithSales();
    const work = folder();
    const script = join(work, 'verify-linkpos-export.mjs');
    writeFileSync(script, readmeBlock('js', '// verify-linkpos-export.mjs'));

    let app = await start(dir);
    const good = node(script, await exportTo(work, app), join(dir, PUBLIC_KEY_FILE));
    expect(good.stdout).toMatch(/^OK: \d+ records, sealed through record \d+$/m);
    expect(good.status).toBe(0);
    await stop(app);

    await rewrite(dir, (all) =>
      all.map((r) => (r.type === 'sale-created' ? { ...r, data: { ...(r.data as object), amountMinor: 400 } } : r)),
    );
    rmSync(join(dir, CHECKPOINT_FILE));
    app = await start(dir);
    const bad = node(script, await exportTo(work, app), join(dir, PUBLIC_KEY_FILE));
    expect(bad.stdout).toMatch(/the seal does not hold/);
    expect(bad.stdout).toMatch(/^FAILED/m);
    expect(bad.status).toBe(1);
  });

  it('the OpenSSL lines verify one seal, and refuse it when its hash is changed', async () => {
    const dir = await tillWithSales();
    const seal = (await records(dir)).at(-1)!.data as { tillId: string; seq: number; hash: string; sig: string };
    const lines = readmeBlock('sh', '# TILL_ID, SEQ');
    const openssl = (hash: string) =>
      spawnSync('bash', ['-euc', lines], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, TILL_ID: seal.tillId, SEQ: String(seal.seq), HASH: hash, SIG: seal.sig },
      });
    const good = openssl(seal.hash);
    expect(good.stdout).toMatch(/Signature Verified Successfully/);
    expect(good.status).toBe(0);
    const changed = `${seal.hash.slice(0, -1)}${seal.hash.endsWith('0') ? '1' : '0'}`;
    expect(openssl(changed).status).not.toBe(0);
  });
});
