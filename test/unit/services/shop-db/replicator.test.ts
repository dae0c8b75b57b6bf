import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../electron/services/journal/canonical';
import { JOURNAL_FILE, openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { encodeRecord, GENESIS_HASH } from '../../../../electron/services/journal/record';
import { LATEST_SCHEMA_VERSION, migrate, migrations, SchemaTooNewError } from '../../../../electron/services/shop-db/migrations';
import { createShopPool } from '../../../../electron/services/shop-db/pool';
import { recordLine, Replicator, type SyncState } from '../../../../electron/services/shop-db/replicator';
import { freshDatabase, noDatabase } from '../../../support/postgres';
import { recordingLogger, tempDir } from '../journal/helpers';

const at = (i: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, 0, i)).toISOString();
const record = (i: number) => ({
  type: 'status-observed',
  saleId: `sale-${i % 7}`,
  data: { status: 'open', n: i, note: 'Kanelbulle – åäö "x"' },
  at: at(i),
});

describe.skipIf(noDatabase)('shop database: schema migrations', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let pool: pg.Pool;
  beforeEach(async () => {
    db = await freshDatabase();
    pool = createShopPool(db.url, { log: recordingLogger() });
  });
  afterEach(async () => {
    await pool.end();
    await db.drop();
  });

  it('creates the schema once, even when several tills connect at the same moment', async () => {
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    const versions = await Promise.all(clients.map((client) => migrate(client)));
    for (const client of clients) client.release();
    expect(versions).toEqual([LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION]);
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM linkpos_schema ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
  });

  it('refuses a schema newer than it knows, and changes nothing', async () => {
    const client = await pool.connect();
    try {
      await migrate(client);
      await client.query(`INSERT INTO linkpos_schema (version, name) VALUES (99, 'from a newer till')`);
      await expect(migrate(client)).rejects.toBeInstanceOf(SchemaTooNewError);
      await expect(migrate(client, [...migrations, { version: 100, name: 'x', sql: 'CREATE TABLE x (a int)' }])).resolves.toBe(100);
    } finally {
      client.release();
    }
  });
});

interface Copy {
  seq: number;
  hash: string;
  line: string;
  data: unknown;
  sale_id: string;
}

describe.skipIf(noDatabase)('shop database: the journal replicator', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let pool: pg.Pool;
  let dir: string;
  let cleanup: () => Promise<void>;
  let journal: Journal;
  const tillId = randomUUID();
  const replicators: Replicator[] = [];

  beforeEach(async () => {
    db = await freshDatabase();
    pool = createShopPool(db.url, { log: recordingLogger(), connectTimeoutMs: 2_000 });
    ({ dir, cleanup } = await tempDir());
    ({ journal } = await openJournal(dir, { log: recordingLogger() }));
  });
  afterEach(async () => {
    for (const replicator of replicators.splice(0)) await replicator.stop();
    await journal.close();
    await cleanup();
    await pool.end();
    await db.drop();
  });

  function replicator(options: Partial<ConstructorParameters<typeof Replicator>[0]> = {}): Replicator {
    const created = new Replicator({
      pool,
      source: journal,
      till: { id: tillId, name: () => 'Till 1' },
      log: recordingLogger(),
      batchSize: 100,
      backoff: { initialMs: 20, maxMs: 200 },
      idleMs: 5_000,
      ...options,
    });
    replicators.push(created);
    return created;
  }

  async function copies(): Promise<Copy[]> {
    const { rows } = await pool.query<Copy>(
      'SELECT seq::int AS seq, hash, line, data, sale_id FROM journal_records WHERE till_id = $1 ORDER BY seq',
      [tillId],
    );
    return rows;
  }

  async function expectExactCopy(): Promise<void> {
    const local = await journal.readAll();
    const remote = await copies();
    expect(remote.map((row) => row.seq)).toEqual(local.map((r) => r.seq));
    for (const [i, row] of remote.entries()) {
      const mine = local[i]!;
      expect(row.hash).toBe(mine.hash);
      expect(row.line).toBe(recordLine(mine));
      expect(row.data).toEqual(mine.data);
      expect(row.sale_id).toBe(mine.saleId);
      // Anyone can check a copy with sha256 alone: the line without its hash hashes to the hash.
      expect(sha256Hex(row.line.slice(0, row.line.lastIndexOf(',"hash":')) + '}')).toBe(row.hash);
    }
  }

  it('copies every record once, in order, including those appended while it runs', async () => {
    for (let i = 1; i <= 250; i += 1) await journal.append(record(i));
    const states: SyncState[] = [];
    const r = replicator({ onState: (state) => states.push(state) });
    r.start();
    await r.waitForSeq(250);
    for (let i = 251; i <= 260; i += 1) await journal.append(record(i));
    await r.waitForSeq(260);
    await expectExactCopy();
    expect(r.state()).toEqual({ kind: 'up-to-date' });
    expect(states.map((s) => s.kind)).toContain('sending');
    const { rows } = await pool.query('SELECT name FROM tills WHERE till_id = $1', [tillId]);
    expect(rows).toEqual([{ name: 'Till 1' }]);
  });

  it('registers the till’s code and name; a second till with the same code raises one alarm and is copied all the same', async () => {
    let name = 'Till 1';
    const mine = replicator({ till: { id: tillId, name: () => name, code: '7K3QZ9', epoch: 'A2' } });
    await journal.append(record(1));
    mine.start();
    await mine.waitForSeq(1);
    name = 'Counter by the door';
    await journal.append(record(2));
    await mine.waitForSeq(2);
    const other = await tempDir();
    const { journal: theirs } = await openJournal(other.dir, { log: recordingLogger() });
    try {
      for (let i = 1; i <= 3; i += 1) await theirs.append(record(i));
      const duplicates: { code: string; otherTill: string }[] = [];
      const otherId = randomUUID();
      const clone = replicator({
        source: theirs,
        till: { id: otherId, name: () => 'Till 2', code: '7K3QZ9', epoch: 'B7' },
        onDuplicateCode: (d) => duplicates.push(d),
      });
      clone.start();
      await clone.waitForSeq(3);
      await clone.stop();
      // Started again, it still has no code in the shop and says so only once per start.
      const again = replicator({ source: theirs, till: { id: otherId, name: () => 'Till 2', code: '7K3QZ9', epoch: 'B7' } });
      again.start();
      await again.waitForSeq(3);
      await again.stop();
      expect(duplicates).toEqual([{ code: '7K3QZ9', otherTill: 'Counter by the door' }]);
      const { rows } = await pool.query<{ name: string; code: string | null; epoch: string }>(
        'SELECT name, code, epoch FROM tills ORDER BY name',
      );
      expect(rows).toEqual([
        { name: 'Counter by the door', code: '7K3QZ9', epoch: 'A2' },
        { name: 'Till 2', code: null, epoch: 'B7' },
      ]);
      const copied = await pool.query('SELECT count(*)::int AS n FROM journal_records WHERE till_id = $1', [otherId]);
      expect(copied.rows).toEqual([{ n: 3 }]);
    } finally {
      await theirs.close();
      await other.cleanup();
    }
  });

  it('resumes after a restart from what the database holds: no gap, no duplicate', async () => {
    for (let i = 1; i <= 120; i += 1) await journal.append(record(i));
    const first = replicator();
    first.start();
    await first.waitForSeq(100); // one batch of 100 in, the rest maybe
    await first.stop();
    for (let i = 121; i <= 150; i += 1) await journal.append(record(i));
    // A new process knows nothing: it asks the database where its copy ends.
    const second = replicator();
    second.start();
    await second.waitForSeq(150);
    await expectExactCopy();
  });

  it('keeps selling while the database refuses connections, and catches up when it is back', async () => {
    const name = new URL(db.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.LINKPOS_TEST_DATABASE_URL });
    await admin.connect();
    try {
      for (let i = 1; i <= 10; i += 1) await journal.append(record(i));
      const states: SyncState[] = [];
      const r = replicator({ onState: (state) => states.push(state) });
      r.start();
      await r.waitForSeq(10);
      // The database goes away: new connections refused, existing ones cut.
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      for (let i = 11; i <= 40; i += 1) await journal.append(record(i)); // appends never wait for it
      await expect.poll(() => r.state().kind, { timeout: 10_000 }).toBe('unreachable');
      expect(r.state()).toMatchObject({ kind: 'unreachable', waiting: 30 });
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await r.waitForSeq(40);
      await expectExactCopy();
      expect(states.map((s) => s.kind)).toContain('unreachable');
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });

  it('treats a differing copy in the database as a conflict: an alarm, never an overwrite', async () => {
    for (let i = 1; i <= 5; i += 1) await journal.append(record(i));
    const conflicts: { seq: number }[] = [];
    const r = replicator({ onConflict: (c) => conflicts.push(c) });
    r.start();
    await r.waitForSeq(5);
    await r.stop();
    // Someone else's record 6 under this till's identity (a cloned data directory, a forged row).
    const forged = await journal.readSlice(0);
    const six = { ...forged.records[4]!, seq: 6, hash: 'f'.repeat(64) };
    await pool.query(
      `INSERT INTO journal_records (till_id, seq, at, type, sale_id, data, prev, hash, line)
       VALUES ($1, 6, $2, $3, $4, $5, $6, $7, $8)`,
      [tillId, six.at, six.type, six.saleId, JSON.stringify(six.data), six.prev, six.hash, recordLine(six)],
    );
    for (let i = 6; i <= 8; i += 1) await journal.append(record(i));
    const again = replicator({ onConflict: (c) => conflicts.push(c) });
    again.start();
    await expect.poll(() => again.state().kind, { timeout: 10_000 }).toBe('conflict');
    expect(conflicts).toEqual([{ seq: 6, saleId: 'sale-6' }]); // this till's own record 6
    const rows = await copies();
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[5]!.hash).toBe('f'.repeat(64)); // left for a person to judge
  });

  it('treats a copy that goes further than this till’s journal as a conflict (a cloned or restored data directory)', async () => {
    for (let i = 1; i <= 5; i += 1) await journal.append(record(i));
    const r = replicator();
    r.start();
    await r.waitForSeq(5);
    await r.stop();
    // The same data directory restored from an older backup: the database holds more than the till.
    await journal.close();
    await cleanup();
    ({ dir, cleanup } = await tempDir());
    ({ journal } = await openJournal(dir, { log: recordingLogger() }));
    for (let i = 1; i <= 3; i += 1) await journal.append(record(i));
    const conflicts: { seq: number }[] = [];
    const again = replicator({ onConflict: (c) => conflicts.push(c) });
    again.start();
    await expect.poll(() => again.state().kind, { timeout: 10_000 }).toBe('conflict');
    expect(conflicts).toEqual([{ seq: 5, saleId: 'sale-5' }]);
    expect((await copies()).map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('resumes without a gap or a duplicate after the till is SIGKILLed in the middle of a batch', async () => {
    // 20 000 records written at once (appending them one fsync at a time would take long), so the
    // child, at 25 records a transaction, is still busy when the kill lands.
    await journal.close();
    const lines: string[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 20_000; seq += 1) {
      const { line, hash } = encodeRecord({ seq, prev, ...record(seq) });
      lines.push(line);
      prev = hash;
    }
    await writeFile(join(dir, JOURNAL_FILE), lines.join('\n') + '\n');
    const killedAt = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'replicate-child.ts'), dir, db.url, tillId], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let seen = 0;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/ACK (\d+)/g)) seen = Math.max(seen, Number(match[1]));
        if (seen >= 200 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`child ended on its own (${signal})`))));
    });
    expect(killedAt).toBeGreaterThanOrEqual(200);
    ({ journal } = await openJournal(dir, { log: recordingLogger() }));
    const held = (await copies()).map((row) => row.seq);
    expect(held.length).toBeLessThan(20_000); // it died part-way
    expect(held).toEqual(Array.from({ length: held.length }, (_, i) => i + 1)); // whole batches only
    const r = replicator();
    r.start();
    await r.waitForSeq(20_000);
    await expectExactCopy();
  }, 60_000);
});
