import type { Pool } from 'pg';
import { reportSchema, type Report } from '../../../shared/domain/report';

/**
 * What a till reads of the other tills from the shop database: who they are, their journal records
 * after a position, and their Z reports. Every query is parameterised and served by an index
 * (journal_records' key (till_id, seq); z_reports' key (till_id, number)); none of them is on the
 * way of a sale.
 */

export interface ShopTill {
  readonly id: string;
  readonly name: string;
  readonly code: string | null;
  readonly lastSeen: string;
}

export async function readTills(pool: Pool): Promise<ShopTill[]> {
  const { rows } = await pool.query<{ till_id: string; name: string; code: string | null; last_seen: Date }>(
    'SELECT till_id, name, code, last_seen FROM tills ORDER BY name, till_id',
  );
  return rows.map((row) => ({ id: row.till_id, name: row.name, code: row.code, lastSeen: row.last_seen.toISOString() }));
}

/** A replicated journal record, read back from the exact line the till wrote. */
export interface ShopRecord {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly saleId: string;
  readonly data: unknown;
  readonly v?: number;
}

/** Up to `limit` records of one till after `afterSeq`, in order. */
export async function readRecordsAfter(pool: Pool, tillId: string, afterSeq: number, limit: number): Promise<ShopRecord[]> {
  const { rows } = await pool.query<{ line: string }>(
    'SELECT line FROM journal_records WHERE till_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [tillId, afterSeq, limit],
  );
  return rows.map((row) => JSON.parse(row.line) as ShopRecord);
}

export interface ShopZ {
  readonly tillId: string;
  readonly report: Report;
}

/** Every till's Z reports, newest first; a row that does not read as a report is left out. */
export async function readZReports(pool: Pool): Promise<ShopZ[]> {
  const { rows } = await pool.query<{ till_id: string; report: unknown }>(
    'SELECT till_id, report FROM z_reports ORDER BY to_at DESC, till_id',
  );
  return rows.flatMap((row) => {
    const parsed = reportSchema.safeParse(row.report);
    return parsed.success ? [{ tillId: row.till_id, report: parsed.data }] : [];
  });
}
