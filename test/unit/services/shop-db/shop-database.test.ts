import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCipher } from '../../../../electron/services/credentials/node-cipher';
import { createSecretEntry } from '../../../../electron/services/credentials/secret-entry';
import { DomainError } from '../../../../electron/services/errors';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { Redactor } from '../../../../electron/services/log';
import { testShopDatabase } from '../../../../electron/services/shop-db/database-test';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/services/shop-db/migrations';
import { ShopDatabase } from '../../../../electron/services/shop-db/service';
import { parseShopDatabaseUrl } from '../../../../electron/services/shop-db/url';
import { createConfStore } from '../../../../electron/services/storage/conf-store';
import type { ShopSync } from '../../../../shared/ipc/channels/shop';
import { freshDatabase, noDatabase, testDatabaseUrl } from '../../../support/postgres';
import { filesContaining, makeTempDir } from '../storage/temp-dir';
import { recordingLogger } from '../journal/helpers';

const PASSWORD = 'S3cret-Shop-Pass-7d1e';

describe('shop database URL', () => {
  it('accepts PostgreSQL addresses and shows them without the password', () => {
    expect(parseShopDatabaseUrl(` postgres://till:${PASSWORD}@db.example.se:6543/shop?sslmode=verify-full `)).toEqual({
      ok: true,
      url: `postgres://till:${PASSWORD}@db.example.se:6543/shop?sslmode=verify-full`,
      target: 'till@db.example.se:6543/shop (TLS verify-full)',
      password: PASSWORD,
    });
    expect(parseShopDatabaseUrl('postgresql://db/shop')).toMatchObject({ ok: true, target: 'db/shop', password: null });
  });

  it.each([
    ['db.example.se/shop', 'not-a-url'],
    ['https://db.example.se/shop', 'not-postgres'],
    ['postgres://db.example.se', 'no-database'],
    ['postgres://db.example.se/shop?sslmode=sometimes', 'bad-sslmode'],
  ])('refuses %s (%s)', (text, reason) => {
    expect(parseShopDatabaseUrl(text)).toEqual({ ok: false, reason });
  });
});

describe('shop database address in the credentials store', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  const open = (redactor = new Redactor()) =>
    createSecretEntry({
      store: createConfStore({ cwd: tmp.dir, configName: 'credentials', label: 'saved credentials' }).store,
      key: 'shopDatabase',
      cipher: createNodeCipher({ dataDir: tmp.dir }),
      platform: 'linux',
      redactor,
      secretParts: () => [PASSWORD],
      acceptNodeCipher: true,
    });

  it('is saved encrypted, read back after a restart, and its password is redacted from then on', () => {
    const url = `postgres://till:${PASSWORD}@db.example.se/shop`;
    expect(open().set(url)).toEqual({ state: 'configured', storage: 'encrypted', detail: '' });
    expect(filesContaining(tmp.dir, PASSWORD)).toEqual([]);
    expect(filesContaining(tmp.dir, 'db.example.se')).toEqual([]);
    const redactor = new Redactor();
    const reopened = open(redactor);
    expect(reopened.current()).toBe(url);
    expect(redactor.redact(`connect failed for ${PASSWORD}`)).toBe('connect failed for [redacted]');
    reopened.set(null);
    expect(open().current()).toBeNull();
  });

  it('keeps a damaged copy out of use and asks for the address again', () => {
    open().set(`postgres://till:${PASSWORD}@db.example.se/shop`);
    const file = path.join(tmp.dir, 'credentials.json');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { shopDatabase: { ciphertext: string } };
    stored.shopDatabase.ciphertext = 'AAAA' + stored.shopDatabase.ciphertext.slice(4);
    fs.writeFileSync(file, JSON.stringify(stored));
    const entry = open();
    expect(entry.current()).toBeNull();
    expect(entry.status().state).toBe('needs-reentry');
  });
});

describe.skipIf(noDatabase)('the shop database as the till sees it', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const shops: ShopDatabase[] = [];

  beforeEach(async () => {
    tmp = makeTempDir();
    ({ journal } = await openJournal(tmp.dir, { log: recordingLogger() }));
    db = await freshDatabase();
  });
  afterEach(async () => {
    for (const shop of shops.splice(0)) await shop.stop();
    await journal.close();
    await db.drop();
    tmp.cleanup();
  });

  function shop(environmentUrl?: string) {
    const events = new EventBus();
    const syncs: ShopSync[] = [];
    events.subscribe((name, payload) => {
      if (name === 'shop:syncChanged') syncs.push(payload as ShopSync);
    });
    const secret = createSecretEntry({
      store: createConfStore({ cwd: tmp.dir, configName: 'credentials', label: 'saved credentials' }).store,
      key: 'shopDatabase',
      cipher: createNodeCipher({ dataDir: tmp.dir }),
      platform: 'linux',
      redactor: new Redactor(),
      acceptNodeCipher: true,
    });
    const created = new ShopDatabase({
      secret,
      environmentUrl,
      journal,
      till: { id: '6f1c3a52-7a57-4c38-9d47-0d0c6f3f2a11', name: () => 'Till 1' },
      events,
      log: recordingLogger(),
      onConflict: () => undefined,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    shops.push(created);
    return { shop: created, syncs };
  }

  it('does nothing until an address is set, then copies the journal and says it is up to date', async () => {
    const { shop: till, syncs } = shop();
    till.start();
    expect(till.status()).toEqual({ source: 'none', target: null, storage: 'none', needsReentry: false, sync: { kind: 'off' } });
    expect(await till.test()).toEqual({ result: 'not-configured', schemaVersion: null });
    await journal.append({ type: 'x', saleId: 's1', data: { n: 1 }, at: new Date().toISOString() });

    await expect(till.set('not an address')).rejects.toBeInstanceOf(DomainError);
    const status = await till.set(db.url);
    expect(status).toMatchObject({ source: 'settings', storage: 'encrypted' });
    expect(status.target).toBe(db.url.replace('postgres://', '').replace(/\/\/?/, '/'));
    await expect.poll(() => till.status().sync.kind, { timeout: 10_000 }).toBe('up-to-date');
    expect(syncs.map((s) => s.kind)).toContain('sending');
    expect(await till.test()).toEqual({ result: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });

    await till.set(null);
    expect(till.status()).toMatchObject({ source: 'none', sync: { kind: 'off' } });
  });

  it('takes the environment’s address over Settings and refuses to change it', async () => {
    const { shop: till } = shop(db.url);
    till.start();
    expect(till.status()).toMatchObject({ source: 'environment', storage: 'none' });
    await expect(till.set(db.url)).rejects.toMatchObject({ kind: 'conflict', l10n: { key: 'shopDatabaseFromEnvironment' } });
    await expect.poll(() => till.status().sync.kind, { timeout: 10_000 }).toBe('up-to-date');
  });
});

describe.skipIf(noDatabase)('Test database connection', () => {
  const server = new URL(testDatabaseUrl ?? 'postgres://x/y');
  const withPath = (change: (url: URL) => void) => {
    const url = new URL(server);
    change(url);
    return url.toString();
  };

  it('answers in terms a shop owner can act on', async () => {
    expect((await testShopDatabase(server.toString())).result).toBe('ok');
    expect((await testShopDatabase(withPath((u) => (u.pathname = '/no_such_shop')))).result).toBe('no-database');
    expect((await testShopDatabase(withPath((u) => (u.username = 'no_such_role')))).result).toBe('rejected-login');
    expect(
      (
        await testShopDatabase(
          withPath((u) => (u.port = '1')),
          2_000,
        )
      ).result,
    ).toBe('unreachable');
    expect((await testShopDatabase(withPath((u) => u.searchParams.set('sslmode', 'require')))).result).toBe('tls');
  });
});
