import type { ClientBase } from 'pg';

/**
 * The shop database's schema, as numbered migrations run at connect. Each is applied once, in
 * order, in one transaction with the version row, under an advisory lock so two tills connecting
 * at the same moment never both migrate. A migration, once released, is never edited: a change is
 * a new migration. A till that finds a newer schema than it knows keeps selling on its own and
 * says so (SchemaTooNewError), because an older till writing to a newer schema could write wrongly.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'tills and the replicated journal',
    sql: `
      CREATE TABLE tills (
        till_id     uuid PRIMARY KEY,
        name        text NOT NULL,
        registered  timestamptz NOT NULL DEFAULT now(),
        last_seen   timestamptz NOT NULL DEFAULT now()
      );
      -- Every till's journal, record for record. line is the record exactly as the till wrote it
      -- (its hash is sha256 over it without the hash), so anyone can check a copy against its
      -- chain; the other columns are there to be queried.
      CREATE TABLE journal_records (
        till_id  uuid    NOT NULL REFERENCES tills (till_id),
        seq      bigint  NOT NULL CHECK (seq > 0),
        at       timestamptz NOT NULL,
        type     text    NOT NULL,
        sale_id  text    NOT NULL,
        data     jsonb   NOT NULL,
        prev     char(64) NOT NULL,
        hash     char(64) NOT NULL,
        line     text    NOT NULL,
        PRIMARY KEY (till_id, seq)
      );
      CREATE INDEX journal_records_sale ON journal_records (till_id, sale_id);
      CREATE INDEX journal_records_at ON journal_records (at);
    `,
  },
  {
    version: 2,
    name: 'till codes',
    sql: `
      -- The code every order reference of the till carries, and the epoch of its journal. Two tills
      -- of a shop must never share a code (their references could meet at the provider): a second
      -- till with a code already taken is refused by the index, and that till raises an alarm.
      ALTER TABLE tills ADD COLUMN code text, ADD COLUMN epoch text;
      CREATE UNIQUE INDEX tills_code ON tills (code) WHERE code IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'Z reports',
    sql: `
      -- Each till's Z reports as the till saved them (each till closes its own day). The shop's X
      -- report starts every till's part after that till's last Z: (till_id, number DESC) finds it.
      -- A Z is never changed once taken: a till inserts a number once and never updates it.
      CREATE TABLE z_reports (
        till_id   uuid    NOT NULL REFERENCES tills (till_id),
        number    integer NOT NULL CHECK (number > 0),
        from_seq  bigint  NOT NULL,
        to_seq    bigint  NOT NULL,
        from_at   timestamptz,
        to_at     timestamptz NOT NULL,
        report    jsonb   NOT NULL,
        PRIMARY KEY (till_id, number)
      );
      CREATE INDEX z_reports_to_at ON z_reports (to_at DESC);
    `,
  },
  {
    version: 4,
    name: 'the shop catalog',
    sql: `
      -- One catalog for the shop: every import on any till is a new version, never an edit. A till
      -- publishes version n + 1 only while n is the newest (the primary key refuses a second n + 1,
      -- so of two tills importing at once one wins and the other takes the winner's). content is the
      -- catalog file as a till writes it; hash is sha256 over content. A NOTIFY on linkpos_catalog
      -- (payload: the version) in the same transaction tells the other tills at once.
      CREATE TABLE catalog_versions (
        version      integer PRIMARY KEY CHECK (version > 0),
        content      text     NOT NULL,
        hash         char(64) NOT NULL,
        product_count integer NOT NULL,
        till_id      uuid     NOT NULL,
        published    timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 5,
    name: 'report summary',
    sql: `
      -- Each till's report entries summed per Z period (period_from: the toSeq of the Z before it,
      -- 0 for the first), the shop's calendar day, and kind. Kept by the replicator in the same
      -- transaction as the journal records they come from (only for records it newly inserted, so
      -- a batch sent twice counts once), so a shop report over a million sales reads a few hundred
      -- rows instead of replaying records. VAT per rate is in report_summary_vat.
      CREATE TABLE report_summary (
        till_id       uuid    NOT NULL,
        period_from   bigint  NOT NULL,
        day           date    NOT NULL,
        demo          boolean NOT NULL,
        currency      text    NOT NULL,
        outcome       text    NOT NULL,
        provider      text    NOT NULL,
        count         integer NOT NULL,
        amount_minor  bigint  NOT NULL,
        first_receipt integer,
        last_receipt  integer,
        PRIMARY KEY (till_id, period_from, day, demo, currency, outcome, provider)
      );
      CREATE INDEX report_summary_day ON report_summary (day);
      CREATE TABLE report_summary_vat (
        till_id      uuid    NOT NULL,
        period_from  bigint  NOT NULL,
        day          date    NOT NULL,
        demo         boolean NOT NULL,
        currency     text    NOT NULL,
        outcome      text    NOT NULL,
        vat_rate     integer NOT NULL,
        gross_minor  bigint  NOT NULL,
        net_minor    bigint  NOT NULL,
        vat_minor    bigint  NOT NULL,
        PRIMARY KEY (till_id, period_from, day, demo, currency, outcome, vat_rate)
      );
      CREATE INDEX report_summary_vat_day ON report_summary_vat (day);
      -- Records copied before this migration are not in the summary: a report over them replays them.
      ALTER TABLE tills ADD COLUMN summarised_after bigint NOT NULL DEFAULT 0;
      UPDATE tills t SET summarised_after = coalesce((SELECT max(seq) FROM journal_records r WHERE r.till_id = t.till_id), 0);
    `,
  },
  {
    version: 6,
    name: 'report summary per payment means',
    sql: `
      -- Paid sales per payment means (swish, card, invoice, link, cash, terminal), as the tills' X
      -- and Z reports show them. Rows summed before this have '' (read as a payment link).
      ALTER TABLE report_summary ADD COLUMN means text NOT NULL DEFAULT '';
      ALTER TABLE report_summary DROP CONSTRAINT report_summary_pkey;
      ALTER TABLE report_summary ADD PRIMARY KEY (till_id, period_from, day, demo, currency, outcome, provider, means);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)!.version;

/** Any constant shared by every till of every version: the lock that serialises migrations. */
const MIGRATION_LOCK = 0x4c696e6b; // "Link"

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The shop database has schema version ${found}; this till knows up to ${known}. Update this till.`);
  }
}

/** Brings the schema up to date; returns the version it is at. */
export async function migrate(client: ClientBase, all: readonly Migration[] = migrations): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS linkpos_schema (
      version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM linkpos_schema');
    const current = rows[0]?.version ?? 0;
    const known = all.at(-1)?.version ?? 0;
    if (current > known) throw new SchemaTooNewError(current, known);
    for (const migration of all) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO linkpos_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return Math.max(current, known);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
