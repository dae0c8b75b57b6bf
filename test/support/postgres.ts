import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the tests use: LINKPOS_TEST_DATABASE_URL (`.ci/run` starts a throwaway
 * cluster and sets it; locally: `eval "$(.ci/postgres.sh start)"`). Without it the database tests
 * are skipped, except in CI (CI or LINKPOS_REQUIRE_DATABASE set), where its absence is a failure.
 */
export const testDatabaseUrl = process.env.LINKPOS_TEST_DATABASE_URL ?? null;
const required = Boolean(process.env.CI || process.env.LINKPOS_REQUIRE_DATABASE);

if (!testDatabaseUrl && required) {
  throw new Error('LINKPOS_TEST_DATABASE_URL is not set, and database tests must run in CI (.ci/postgres.sh starts a server)');
}

/** True when the database tests cannot run here (a developer machine without PostgreSQL). */
export const noDatabase = testDatabaseUrl === null;

/** A fresh, empty database for one test; drop() removes it (and ends anything still connected). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) throw new Error('no test database server');
  const name = `linkpos_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
