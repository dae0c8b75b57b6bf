import type { Pool, PoolClient } from 'pg';
import { reportSchema, type Report, type ReportEntry } from '../../../shared/domain/report';
import { canonicalJson } from '../journal/canonical';
import type { JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { migrate, SchemaTooNewError } from './migrations';
import { Backoff, Nap, type BackoffOptions } from './retry';

/** What the replicator reads: the till's own journal, which stays the truth for its sales. */
export interface ReplicationSource {
  /** The last acknowledged record's seq. */
  readonly seq: number;
  readSlice(offset: number, maxBytes?: number): Promise<{ records: JournalRecord[]; nextOffset: number }>;
  onAppend(listener: (record: JournalRecord) => void): () => void;
}

export type SyncState =
  /** No database configured: the till works alone. */
  | { readonly kind: 'off' }
  | { readonly kind: 'connecting'; readonly waiting: number }
  | { readonly kind: 'up-to-date' }
  | { readonly kind: 'sending'; readonly waiting: number }
  /** The database cannot be reached; the till sells on and catches up later. */
  | { readonly kind: 'unreachable'; readonly waiting: number; readonly retryInMs: number }
  /** The database's schema is newer than this till knows: the till sells alone until it is updated. */
  | { readonly kind: 'schema-too-new'; readonly waiting: number; readonly found: number; readonly known: number }
  /** A copy in the database differs from the till's own record: replication stops, never overwrites. */
  | { readonly kind: 'conflict'; readonly waiting: number; readonly seq: number };

export interface ReplicatorOptions {
  readonly pool: Pool;
  readonly source: ReplicationSource;
  readonly till: ReplicatedTill;
  readonly log: Logger;
  /** Records per transaction. */
  readonly batchSize?: number;
  /** Backoff while the database is away: doubles from `initialMs` up to `maxMs`. */
  readonly backoff?: BackoffOptions;
  /** How long to wait for a new record before looking again anyway. */
  readonly idleMs?: number;
  readonly onState?: (state: SyncState) => void;
  /** A record whose copy in the database differs: an alarm for a person, raised once per seq. */
  readonly onConflict?: (conflict: { seq: number; saleId: string }) => void;
  /** The till's Z reports, published once its journal is copied (each till closes its own day; the shop lists them). */
  readonly zReports?: () => Promise<readonly Report[]>;
  /**
   * The report entries of the records (fromSeq, toSeq], each with its Z period and day, from the
   * till's own ledger: summed into report_summary in the same transaction as the records.
   */
  readonly summarise?: (fromSeq: number, toSeq: number) => Promise<readonly SummaryEntry[]>;
  /**
   * This till's Z reports as the database holds them, read at every connect: a till that lost its
   * z-reports.json gets them back before it takes another Z (see BackOffice.adoptZReports).
   */
  readonly restoreZReports?: (fromDatabase: readonly Report[]) => Promise<unknown>;
  /** Another till of the shop is registered with this till's code: an alarm for a person, raised once. */
  readonly onDuplicateCode?: (duplicate: { code: string; otherTill: string }) => void;
}

/** A report entry as the summary keeps it: in the Z period after `periodFrom`, on the shop's `day` (YYYY-MM-DD). */
export type SummaryEntry = ReportEntry & { readonly periodFrom: number; readonly day: string };

/** Who the till is in the shop database: its identity, its name for people (read at each send) and its order references' code. */
export interface ReplicatedTill {
  readonly id: string;
  readonly name: () => string;
  /** The till code and journal epoch its order references carry (absent in tests that do not care). */
  readonly code?: string;
  readonly epoch?: string;
}

const BYTES_PER_READ = 1024 * 1024;

/**
 * Copies the till's journal to the shop database, record for record, in order. Idempotent: the key
 * is (till, seq), an insert that meets an existing copy checks its hash, and a differing copy is a
 * conflict (an alarm), never an overwrite. It resumes from the last record the database holds, so a
 * crash mid-batch leaves neither a gap nor a duplicate, and it backs off while the database is away.
 * Selling never waits for it: it only reads the journal's acknowledged records.
 */
export class Replicator {
  private readonly batchSize: number;
  private readonly backoff: Backoff;
  private readonly idleMs: number;
  private current: SyncState = { kind: 'connecting', waiting: 0 };
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly nap = new Nap();
  private unsubscribe: (() => void) | null = null;
  /** The last seq the database is known to hold for this till (0: none). */
  private acked = 0;
  /** Where in the journal file the record after `acked` starts, once known. */
  private offset = 0;
  private readonly reported = new Set<number>();
  private duplicateReported = false;
  /** A Z report may be missing from the database: published at the next moment the copy is up to date. */
  private zDirty = true;
  private halted = false;
  /** The database's last copy of this till's records, until the scan has checked it. */
  private lastCopy: { seq: number; hash: string; line: string; saleId: string } | null = null;
  private readonly ackWaiters: { seq: number; resolve: () => void }[] = [];

  constructor(private readonly options: ReplicatorOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.backoff = new Backoff(options.backoff);
    this.idleMs = options.idleMs ?? 30_000;
  }

  state(): SyncState {
    return this.current;
  }

  /** The last record the database acknowledged. */
  syncedThrough(): number {
    return this.acked;
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.nap.open();
    this.unsubscribe = this.options.source.onAppend(() => this.nap.wake());
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.nap.close();
    await this.running;
    this.running = null;
  }

  /** Resolves once the database holds every record up to `seq` (for tests and an orderly shutdown). */
  waitForSeq(seq: number): Promise<void> {
    if (this.acked >= seq) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push({ seq, resolve }));
  }

  /** A Z report was taken: publish it soon (never before the journal records it covers). */
  publishZ(): void {
    this.zDirty = true;
    this.nap.wake();
  }

  private waiting(): number {
    return Math.max(0, this.options.source.seq - this.acked);
  }

  private setState(state: SyncState): void {
    const before = this.current;
    this.current = state;
    if (canonicalJson(before) !== canonicalJson(state)) this.options.onState?.(state);
  }

  private async loop(): Promise<void> {
    let prepared = false;
    while (!this.stopped) {
      if (this.halted) {
        // A conflict stops the copy until a person has looked (the next start checks again).
        await this.nap.sleep(this.idleMs);
        continue;
      }
      let sent: boolean;
      try {
        if (!prepared) this.setState({ kind: 'connecting', waiting: this.waiting() });
        sent = await this.step(!prepared);
        prepared = true;
      } catch (error) {
        // After any failure the database's own end of the copy is asked again: a commit whose
        // answer was lost is found there, never sent twice.
        prepared = false;
        if (this.stopped) break;
        await this.failed(error, this.backoff.next());
        continue;
      }
      this.backoff.reset();
      if (sent || this.halted) continue;
      this.setState({ kind: 'up-to-date' });
      if (this.waiting() === 0) await this.nap.sleep(this.idleMs);
    }
  }

  /**
   * One connection for one step, given back at its end: a sleeping replicator holds none, so a
   * connection the server cuts meanwhile is the pool's to drop, not an error in the till.
   */
  private async step(prepare: boolean): Promise<boolean> {
    const client = await this.options.pool.connect();
    const broken = (error: Error) => this.options.log.warn('shop database: a connection broke', { error });
    client.on('error', broken);
    let healthy = false;
    try {
      if (prepare) await this.prepare(client);
      const sent = this.halted ? false : await this.sendOnce(client);
      if (!sent && !this.halted && this.zDirty) await this.sendZReports(client);
      healthy = true;
      return sent;
    } finally {
      client.off('error', broken);
      client.release(!healthy);
    }
  }

  private async failed(error: unknown, delay: number): Promise<void> {
    if (error instanceof SchemaTooNewError) {
      this.options.log.warn('shop database: its schema is newer than this till knows; selling alone', {
        found: error.found,
        known: error.known,
      });
      this.setState({ kind: 'schema-too-new', waiting: this.waiting(), found: error.found, known: error.known });
      await this.nap.sleep(this.backoff.maxMs);
      return;
    }
    if (this.current.kind !== 'unreachable') {
      this.options.log.warn('shop database: cannot be reached; the till sells on and catches up later', { error });
    }
    this.setState({ kind: 'unreachable', waiting: this.waiting(), retryInMs: delay });
    await this.nap.sleep(delay);
  }

  /** Schema, the till's row, and where the database's copy of this till's journal ends. */
  private async prepare(client: PoolClient): Promise<void> {
    await migrate(client);
    await this.register(client);
    await this.restoreZ(client);
    this.zDirty = true;
    const { id } = this.options.till;
    const { rows } = await client.query<{ seq: string; hash: string; line: string; sale_id: string }>(
      'SELECT seq, hash, line, sale_id FROM journal_records WHERE till_id = $1 ORDER BY seq DESC LIMIT 1',
      [id],
    );
    const last = rows[0];
    const inDatabase = last ? Number(last.seq) : 0;
    // Fewer than we thought (a database restored from a backup): read the journal from its start.
    if (inDatabase < this.acked) this.offset = 0;
    // The copy's last record must be this till's own: checked when the scan passes it. A copy that
    // goes further than this till's journal is someone else's (a cloned data directory) or this
    // till lost records (restored from an old backup): either way a person must look.
    this.lastCopy = last ? { seq: inDatabase, hash: last.hash, line: last.line, saleId: last.sale_id } : null;
    if (inDatabase > this.options.source.seq) this.raiseConflict({ seq: inDatabase, saleId: last!.sale_id });
    this.setAcked(Math.min(inDatabase, this.options.source.seq));
  }

  /**
   * The till's row: its name and its code. The code is unique in the shop (an index): a till whose
   * code another till already has is registered without it and raises an alarm, so a person looks
   * before the two tills' order references can meet. Its journal is copied all the same.
   */
  private async register(client: PoolClient): Promise<void> {
    const { id, name, code = null, epoch = null } = this.options.till;
    const upsert = (withCode: string | null) =>
      client.query(
        `INSERT INTO tills (till_id, name, code, epoch) VALUES ($1, $2, $3, $4)
         ON CONFLICT (till_id) DO UPDATE SET name = EXCLUDED.name, code = EXCLUDED.code, epoch = EXCLUDED.epoch, last_seen = now()`,
        [id, name(), withCode, epoch],
      );
    try {
      await upsert(code);
    } catch (error) {
      if (code === null || !isUniqueViolation(error, 'tills_code')) throw error;
      const { rows } = await client.query<{ name: string }>('SELECT name FROM tills WHERE code = $1 AND till_id <> $2', [code, id]);
      await upsert(null);
      if (!this.duplicateReported) {
        this.duplicateReported = true;
        const otherTill = rows[0]?.name ?? '';
        this.options.log.error('shop database: another till of the shop has this till’s code; its order references could meet ours', {
          code,
          otherTill,
        });
        this.options.onDuplicateCode?.({ code, otherTill });
      }
    }
  }

  private async restoreZ(client: PoolClient): Promise<void> {
    const restore = this.options.restoreZReports;
    if (!restore) return;
    const { rows } = await client.query<{ report: unknown }>('SELECT report FROM z_reports WHERE till_id = $1 ORDER BY number', [
      this.options.till.id,
    ]);
    const reports = rows.flatMap((row) => {
      const parsed = reportSchema.safeParse(row.report);
      return parsed.success ? [parsed.data] : [];
    });
    if (reports.length === 0) return;
    try {
      await restore(reports);
    } catch (error) {
      // The till's own file, not the database: its own alarm says so; the copy goes on.
      this.options.log.warn('shop database: the Z reports could not be restored here', { error });
    }
  }

  /** The till's Z reports the database does not have yet (a Z is never changed, so only new numbers go). */
  private async sendZReports(client: PoolClient): Promise<void> {
    const read = this.options.zReports;
    this.zDirty = false; // before reading: a Z saved meanwhile sets it again
    if (!read) return;
    let reports: readonly Report[];
    try {
      reports = await read();
    } catch (error) {
      // The till's own file, not the database: its own alarm says so; the copy goes on.
      this.options.log.warn('shop database: the Z reports could not be read to publish them', { error });
      return;
    }
    try {
      const tillId = this.options.till.id;
      const { rows } = await client.query<{ n: number }>('SELECT coalesce(max(number), 0)::int AS n FROM z_reports WHERE till_id = $1', [
        tillId,
      ]);
      const after = rows[0]?.n ?? 0;
      const fresh = reports.filter((r): r is Report & { number: number } => r.number !== null && r.number > after);
      if (fresh.length === 0) return;
      await client.query(
        `INSERT INTO z_reports (till_id, number, from_seq, to_seq, from_at, to_at, report)
         SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[])
         ON CONFLICT (till_id, number) DO NOTHING`,
        [
          tillId,
          fresh.map((r) => r.number),
          fresh.map((r) => r.period.fromSeq),
          fresh.map((r) => r.period.toSeq),
          fresh.map((r) => r.period.fromAt),
          fresh.map((r) => r.period.toAt),
          fresh.map((r) => JSON.stringify(r)),
        ],
      );
    } catch (error) {
      this.zDirty = true;
      throw error;
    }
  }

  /** Sends the next batch; false when there was nothing to send. */
  private async sendOnce(client: PoolClient): Promise<boolean> {
    const batch: JournalRecord[] = [];
    let offset = this.offset;
    let nextOffset = offset;
    while (batch.length < this.batchSize) {
      const slice = await this.options.source.readSlice(offset, BYTES_PER_READ);
      if (slice.records.length === 0 && slice.nextOffset === offset) break;
      for (const record of slice.records) {
        if (record.seq > this.acked) batch.push(record);
        else if (record.seq === this.lastCopy?.seq) {
          const copy = this.lastCopy;
          this.lastCopy = null;
          if (copy.hash !== record.hash || copy.line !== recordLine(record)) {
            this.raiseConflict(record);
            return true;
          }
        }
      }
      offset = slice.nextOffset;
      if (batch.length > 0) nextOffset = offset;
      else this.offset = offset; // records already in the database: skip them for good
      if (batch.length > 0 && batch.length >= this.batchSize) break;
    }
    if (batch.length === 0) return false;
    this.setState({ kind: 'sending', waiting: this.waiting() });
    const entries = this.options.summarise ? await this.options.summarise(batch[0]!.seq - 1, batch.at(-1)!.seq) : [];
    const conflict = await this.insert(client, batch, entries);
    if (conflict) {
      this.raiseConflict(conflict);
      return true;
    }
    this.offset = nextOffset;
    this.setAcked(batch.at(-1)!.seq);
    return true;
  }

  /** One transaction: new copies inserted, existing ones checked. Returns the first conflicting record. */
  private async insert(
    client: PoolClient,
    batch: readonly JournalRecord[],
    entries: readonly SummaryEntry[],
  ): Promise<JournalRecord | null> {
    const tillId = this.options.till.id;
    await client.query('BEGIN');
    try {
      const inserted = await client.query<{ seq: string }>(
        `INSERT INTO journal_records (till_id, seq, at, type, sale_id, data, prev, hash, line)
         SELECT $1, * FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::text[])
         ON CONFLICT (till_id, seq) DO NOTHING
         RETURNING seq`,
        [
          tillId,
          batch.map((r) => r.seq),
          batch.map((r) => r.at),
          batch.map((r) => r.type),
          batch.map((r) => r.saleId),
          batch.map((r) => JSON.stringify(r.data)),
          batch.map((r) => r.prev),
          batch.map((r) => r.hash),
          batch.map(recordLine),
        ],
      );
      const fresh = new Set(inserted.rows.map((row) => Number(row.seq)));
      const existing = batch.filter((r) => !fresh.has(r.seq));
      let conflict: JournalRecord | null = null;
      if (existing.length > 0) {
        const { rows } = await client.query<{ seq: string; hash: string; line: string }>(
          'SELECT seq, hash, line FROM journal_records WHERE till_id = $1 AND seq = ANY($2::bigint[])',
          [tillId, existing.map((r) => r.seq)],
        );
        const copies = new Map(rows.map((row) => [Number(row.seq), row]));
        conflict = existing.find((r) => copies.get(r.seq)?.hash !== r.hash || copies.get(r.seq)?.line !== recordLine(r)) ?? null;
      }
      if (conflict) {
        await client.query('ROLLBACK');
        return conflict;
      }
      // Only what this transaction inserted is summed: a batch sent again after a lost answer counts once.
      await this.summarise(
        client,
        entries.filter((e) => fresh.has(e.seq)),
      );
      // The name follows Settings: a till renamed during the day is shown by its new name.
      await client.query('UPDATE tills SET last_seen = now(), name = $2 WHERE till_id = $1', [tillId, this.options.till.name()]);
      await client.query('COMMIT');
      return null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Adds the entries to report_summary and report_summary_vat (one upsert each, summed here first per key). */
  private async summarise(client: PoolClient, entries: readonly SummaryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = new Map<string, { e: SummaryEntry; count: number; amount: number; first: number | null; last: number | null }>();
    const vats = new Map<string, { e: SummaryEntry; rate: number; gross: number; net: number; vat: number }>();
    for (const e of entries) {
      const base = [e.periodFrom, e.day, e.demo, e.currency, e.outcome];
      const key = JSON.stringify([...base, e.provider, e.means ?? '']);
      const row = rows.get(key) ?? { e, count: 0, amount: 0, first: null, last: null };
      row.count += e.count ?? 1;
      row.amount += e.amountMinor;
      // Receipt numbers of sales only (a credit note's are in their own series).
      if (e.outcome === 'paid' && e.receiptNumber !== null) {
        row.first = row.first === null ? e.receiptNumber : Math.min(row.first, e.receiptNumber);
        row.last = Math.max(row.last ?? 0, e.lastReceiptNumber ?? e.receiptNumber);
      }
      rows.set(key, row);
      for (const v of e.vat) {
        const vkey = JSON.stringify([...base, v.vatRate]);
        const vat = vats.get(vkey) ?? { e, rate: v.vatRate, gross: 0, net: 0, vat: 0 };
        vat.gross += v.grossMinor;
        vat.net += v.netMinor;
        vat.vat += v.vatMinor;
        vats.set(vkey, vat);
      }
    }
    const tillId = this.options.till.id;
    const r = [...rows.values()];
    await client.query(
      `INSERT INTO report_summary (till_id, period_from, day, demo, currency, outcome, provider, count, amount_minor, first_receipt, last_receipt, means)
       SELECT $1, * FROM unnest($2::bigint[], $3::date[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::int[], $9::bigint[], $10::int[], $11::int[], $12::text[])
       ON CONFLICT (till_id, period_from, day, demo, currency, outcome, provider, means) DO UPDATE SET
         count = report_summary.count + EXCLUDED.count,
         amount_minor = report_summary.amount_minor + EXCLUDED.amount_minor,
         first_receipt = LEAST(report_summary.first_receipt, EXCLUDED.first_receipt),
         last_receipt = GREATEST(report_summary.last_receipt, EXCLUDED.last_receipt)`,
      [
        tillId,
        r.map((x) => x.e.periodFrom),
        r.map((x) => x.e.day),
        r.map((x) => x.e.demo),
        r.map((x) => x.e.currency),
        r.map((x) => x.e.outcome),
        r.map((x) => x.e.provider),
        r.map((x) => x.count),
        r.map((x) => x.amount),
        r.map((x) => x.first),
        r.map((x) => x.last),
        r.map((x) => x.e.means ?? ''),
      ],
    );
    const v = [...vats.values()];
    if (v.length === 0) return;
    await client.query(
      `INSERT INTO report_summary_vat (till_id, period_from, day, demo, currency, outcome, vat_rate, gross_minor, net_minor, vat_minor)
       SELECT $1, * FROM unnest($2::bigint[], $3::date[], $4::boolean[], $5::text[], $6::text[], $7::int[], $8::bigint[], $9::bigint[], $10::bigint[])
       ON CONFLICT (till_id, period_from, day, demo, currency, outcome, vat_rate) DO UPDATE SET
         gross_minor = report_summary_vat.gross_minor + EXCLUDED.gross_minor,
         net_minor = report_summary_vat.net_minor + EXCLUDED.net_minor,
         vat_minor = report_summary_vat.vat_minor + EXCLUDED.vat_minor`,
      [
        tillId,
        v.map((x) => x.e.periodFrom),
        v.map((x) => x.e.day),
        v.map((x) => x.e.demo),
        v.map((x) => x.e.currency),
        v.map((x) => x.e.outcome),
        v.map((x) => x.rate),
        v.map((x) => x.gross),
        v.map((x) => x.net),
        v.map((x) => x.vat),
      ],
    );
  }

  private raiseConflict(record: { seq: number; saleId: string }): void {
    this.halted = true;
    this.setState({ kind: 'conflict', waiting: this.waiting(), seq: record.seq });
    if (this.reported.has(record.seq)) return;
    this.reported.add(record.seq);
    this.options.log.error('shop database: its copy of a journal record differs from this till’s; the till’s own journal stands', {
      seq: record.seq,
      saleId: record.saleId,
    });
    this.options.onConflict?.({ seq: record.seq, saleId: record.saleId });
  }

  private setAcked(seq: number): void {
    this.acked = seq;
    for (let i = this.ackWaiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.ackWaiters[i]!;
      if (waiter.seq <= seq) {
        this.ackWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '23505' &&
    (error as { constraint?: unknown }).constraint === constraint
  );
}

/** The record's line exactly as the journal wrote it (canonical JSON with the hash last). */
export function recordLine(record: JournalRecord): string {
  const { hash, ...rest } = record;
  return `${canonicalJson(rest).slice(0, -1)},"hash":"${hash}"}`;
}
