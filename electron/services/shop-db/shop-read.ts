import type { Pool } from 'pg';
import type { Currency } from '../../../shared/domain/money';
import type { ProviderId } from '../../../shared/providers/registry';
import { paymentMeansSchema, type PaymentMeans } from '../../../shared/domain/tender';
import { reportSchema, type Report, type ReportEntry, type ReportOutcome } from '../../../shared/domain/report';
import type { VatBreakdown } from '../../../shared/domain/schemas';

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
  /** Records up to this seq were copied before the summary existed: a report over them replays them. */
  readonly summarisedAfter: number;
  /** The till's last record in the database (0 and null: none). */
  readonly lastSeq: number;
  readonly lastAt: string | null;
}

export async function readTills(pool: Pool): Promise<ShopTill[]> {
  const { rows } = await pool.query<{
    till_id: string;
    name: string;
    code: string | null;
    last_seen: Date;
    summarised_after: string;
    seq: string | null;
    at: Date | null;
  }>(
    `SELECT t.till_id, t.name, t.code, t.last_seen, t.summarised_after, h.seq, h.at FROM tills t
     LEFT JOIN LATERAL (SELECT seq, at FROM journal_records r WHERE r.till_id = t.till_id ORDER BY seq DESC LIMIT 1) h ON true
     ORDER BY t.name, t.till_id`,
  );
  return rows.map((row) => ({
    id: row.till_id,
    name: row.name,
    code: row.code,
    lastSeen: row.last_seen.toISOString(),
    summarisedAfter: Number(row.summarised_after),
    lastSeq: row.seq === null ? 0 : Number(row.seq),
    lastAt: row.at?.toISOString() ?? null,
  }));
}

const isPaymentMeans = (value: string): value is PaymentMeans => paymentMeansSchema.safeParse(value).success;

/**
 * Report entries from the summary (report_summary and its VAT rows), each standing for all of one
 * kind: of one till from a Z period on (`afterPeriod`: that period's and every later one's), or of
 * every till on one day. Each entry's seq is `seq` (the caller's period end), so it falls in the period.
 */
export async function readSummaryEntries(
  pool: Pool,
  where: { readonly tillId: string; readonly afterPeriod: number } | { readonly day: string },
  seq = 0,
): Promise<{ tillId: string; entry: ReportEntry }[]> {
  const [filter, params] =
    'day' in where ? ['day = $1::date', [where.day]] : ['till_id = $1 AND period_from >= $2', [where.tillId, where.afterPeriod]];
  const key = 'till_id, period_from, day, demo, currency, outcome';
  const [sums, vats] = await Promise.all([
    pool.query<{
      till_id: string;
      k: string;
      demo: boolean;
      currency: string;
      outcome: string;
      provider: string;
      means: string;
      count: number;
      amount_minor: string;
      first_receipt: number | null;
      last_receipt: number | null;
    }>(
      `SELECT till_id, concat_ws('|', ${key}) AS k, demo, currency, outcome, provider, means, count, amount_minor, first_receipt, last_receipt
       FROM report_summary WHERE ${filter}`,
      params,
    ),
    pool.query<{ k: string; vat_rate: number; gross_minor: string; net_minor: string; vat_minor: string }>(
      `SELECT concat_ws('|', ${key}) AS k, vat_rate, gross_minor, net_minor, vat_minor FROM report_summary_vat WHERE ${filter}`,
      params,
    ),
  ]);
  const vatByKey = new Map<string, VatBreakdown[]>();
  for (const v of vats.rows) {
    const list = vatByKey.get(v.k) ?? [];
    list.push({ vatRate: v.vat_rate, grossMinor: Number(v.gross_minor), netMinor: Number(v.net_minor), vatMinor: Number(v.vat_minor) });
    vatByKey.set(v.k, list);
  }
  return sums.rows.map((row) => {
    // VAT is kept per outcome, not per provider: it goes with the first of the outcome's rows.
    const vat = vatByKey.get(row.k) ?? [];
    vatByKey.delete(row.k);
    return {
      tillId: row.till_id,
      entry: {
        seq,
        at: '',
        saleId: '',
        outcome: row.outcome as ReportOutcome,
        demo: row.demo,
        provider: row.provider as ProviderId,
        ...(isPaymentMeans(row.means) ? { means: row.means } : {}),
        currency: row.currency as Currency,
        amountMinor: Number(row.amount_minor),
        vat,
        receiptNumber: row.first_receipt,
        lastReceiptNumber: row.last_receipt,
        count: row.count,
      },
    };
  });
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
