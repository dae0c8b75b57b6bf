import type { Pool } from 'pg';
import { buildReport, entriesInPeriod, shopTotal, type Report, type ReportEntry, type ShopTotal } from '../../../shared/domain/report';
import type { SaleView } from '../../../shared/domain/sale';
import type { ShopReport, ShopSale, ShopTill } from '../../../shared/ipc/channels/shop';
import type { Logger } from '../log';
import { emptyLedger, extendLedger, type Ledger } from '../receipts/ledger';
import { historyOrder, saleFilter, type SaleListFilters } from '../sales/checkout-service';
import { Mutex } from '../sales/mutex';
import { toView } from '../sales/sale-machine';
import {
  readRecordsAfter,
  readSummaryEntries,
  readTills,
  readZReports,
  type ShopTill as ShopTillRow,
  type ShopZ,
} from '../shop-db/shop-read';

/**
 * The whole shop's figures for one calendar day (YYYY-MM-DD, the currency's country's day), every
 * till's, from the report summary alone: a few rows per till, however many sales the day had.
 */
export async function shopDayTotal(pool: Pool, day: string): Promise<ShopTotal> {
  return shopTotal((await readSummaryEntries(pool, { day })).map((row) => row.entry));
}

export interface ShopViewDeps {
  /** The shop database's pool; null when the till works alone. */
  pool: () => Pool | null;
  /** This till's identity in the shop. */
  tillId: string;
  /** This till's own sales, from its journal (the truth for them). */
  ownSales: (filters: SaleListFilters) => SaleView[];
  /** This till's own X report and Z reports, as its Reports tab shows them. */
  ownX: () => Promise<Report>;
  ownZ: () => Promise<Report[]>;
  /** This till's report entries (its ledger's), to sum the shop from the same entries as its X report. */
  ownEntries: () => Promise<readonly ReportEntry[]>;
  ownName: () => string;
  log: Logger;
  now?: () => Date;
  /** Records read per query while catching up. */
  pageSize?: number;
}

interface OtherTill {
  till: ShopTill;
  ledger: Ledger;
}

/**
 * History and the X report across the shop. This till's part comes from its own journal; every other
 * till's from its records in the shop database, replayed through the same ledger the till itself
 * uses (`receipts/ledger.ts`), so a till's sales, outcomes and receipt numbers read here are the ones
 * it shows itself, and the shop's sums equal its tills' own reports to the öre. The other tills'
 * ledgers are kept and extended by the records after their last position (the key (till_id, seq)
 * serves that), so a look at History reads only what is new. When the database cannot be read, the
 * other tills are shown as last read and the answer says it is not complete.
 */
export class ShopView {
  private readonly others = new Map<string, OtherTill>();
  /** The pool the cached tills were read from: another database (a changed address) starts afresh. */
  private readFrom: Pool | null = null;
  private readonly mutex = new Mutex();
  private readonly pageSize: number;

  constructor(private readonly deps: ShopViewDeps) {
    this.pageSize = deps.pageSize ?? 5_000;
  }

  /**
   * Reads the tills and Z reports, and with `replay` what is new of each other till's records (for
   * History); false when it could not be read (or there is none).
   */
  private refresh(replay: boolean | ((till: ShopTillRow, zReports: readonly ShopZ[]) => boolean) = true): Promise<{
    complete: boolean;
    zReports: ShopZ[];
    tills: ShopTillRow[];
  }> {
    return this.mutex.run(async () => {
      const pool = this.deps.pool();
      if (!pool) return { complete: false, zReports: [], tills: [] };
      if (pool !== this.readFrom) {
        this.others.clear();
        this.readFrom = pool;
      }
      try {
        const tills = await readTills(pool);
        const zReports = await readZReports(pool);
        for (const till of tills) {
          if (till.id === this.deps.tillId) continue;
          const known = this.others.get(till.id);
          const other = known ?? { till: { id: till.id, name: till.name, code: till.code, own: false }, ledger: emptyLedger() };
          other.till = { id: till.id, name: till.name, code: till.code, own: false };
          this.others.set(till.id, other);
          if (replay === true || (typeof replay === 'function' && replay(till, zReports))) {
            for (;;) {
              const records = await readRecordsAfter(pool, till.id, other.ledger.lastSeq, this.pageSize);
              extendLedger(other.ledger, records);
              if (records.length < this.pageSize) break;
            }
          }
        }
        return { complete: true, zReports, tills };
      } catch (error) {
        this.deps.log.warn('shop view: the shop database could not be read; the other tills are shown as last read', { error });
        return { complete: false, zReports: [], tills: [] };
      }
    });
  }

  private ownTill(): ShopTill {
    return { id: this.deps.tillId, name: this.deps.ownName(), code: null, own: true };
  }

  /** The shop's tills, this one first; none without a shop database. */
  async tills(): Promise<{ complete: boolean; tills: ShopTill[] }> {
    if (!this.deps.pool()) return { complete: true, tills: [] };
    const { complete } = await this.refresh();
    return { complete, tills: [this.ownTill(), ...[...this.others.values()].map((o) => o.till)] };
  }

  /** `till` is a till's id, or 'all'. */
  async sales(till: string, filters: SaleListFilters): Promise<{ complete: boolean; sales: ShopSale[] }> {
    const limit = filters.limit ?? 200;
    const own = this.ownTill();
    const mine = (): ShopSale[] =>
      this.deps.ownSales({ ...filters, limit }).map((sale) => ({ tillId: own.id, tillName: own.name, own: true, sale }));
    if (!this.deps.pool()) return { complete: true, sales: till === 'all' || till === own.id ? mine() : [] };
    const { complete } = await this.refresh();
    const matches = saleFilter(filters);
    const rows: ShopSale[] = till === 'all' || till === own.id ? mine() : [];
    for (const other of this.others.values()) {
      if (till !== 'all' && till !== other.till.id) continue;
      const chosen = [...other.ledger.sales.summaries()].filter(matches).sort(historyOrder).slice(0, limit);
      for (const summary of chosen) {
        const sale = other.ledger.sales.get(summary.id);
        if (sale) rows.push({ tillId: other.till.id, tillName: other.till.name, own: false, sale: toView(sale) });
      }
    }
    rows.sort((a, b) => historyOrder(a.sale, b.sale));
    return { complete, sales: rows.slice(0, limit) };
  }

  /**
   * Each till's X report since its own last Z, and their sum. Another till's part is read from the
   * summary the replicator keeps (a few rows, however many sales); only a till whose open period
   * began before the summary existed is replayed from its records.
   */
  async xReport(): Promise<ShopReport> {
    const lastZOf = (zReports: readonly ShopZ[], tillId: string) => zReports.find((z) => z.tillId === tillId)?.report;
    // Only a till whose open period is not all in the summary is replayed.
    const { complete, zReports, tills } = await this.refresh((till, z) => till.summarisedAfter > (lastZOf(z, till.id)?.period.toSeq ?? 0));
    const now = (this.deps.now ?? (() => new Date()))();
    // The shop database keeps no drawer openings: the own part leaves its count out, as every other till's part has none.
    const { drawerOpenings: _drawerOpenings, ...mine } = await this.deps.ownX();
    const parts: { tillId: string; tillName: string; own: boolean; report: Report }[] = [
      { tillId: this.deps.tillId, tillName: mine.tillName ?? this.deps.ownName(), own: true, report: mine },
    ];
    // The own part's entries in the very period of its X report (the journal may have grown since).
    const entries: ReportEntry[] = entriesInPeriod(await this.deps.ownEntries(), mine.period);
    const pool = this.deps.pool();
    let read = complete;
    for (const till of tills) {
      const other = this.others.get(till.id);
      if (till.id === this.deps.tillId || !other) continue;
      const lastZ = lastZOf(zReports, till.id);
      const fromSeq = lastZ?.period.toSeq ?? 0;
      const summarised = till.summarisedAfter <= fromSeq;
      const toSeq = Math.max(summarised ? till.lastSeq : other.ledger.lastSeq, fromSeq);
      const period = {
        fromSeq,
        toSeq,
        fromAt: lastZ?.period.toAt ?? null,
        toAt: (summarised ? till.lastAt : other.ledger.lastAt) ?? now.toISOString(),
      };
      let own: ReportEntry[];
      if (summarised && pool) {
        try {
          own = (await readSummaryEntries(pool, { tillId: till.id, afterPeriod: fromSeq }, toSeq)).map((row) => row.entry);
        } catch (error) {
          this.deps.log.warn('shop view: the report summary could not be read', { error });
          read = false;
          own = [];
        }
      } else {
        own = entriesInPeriod(other.ledger.entries, period);
      }
      const report = buildReport(own, { kind: 'x', tillName: other.till.name, number: null, period });
      parts.push({ tillId: other.till.id, tillName: other.till.name, own: false, report });
      entries.push(...entriesInPeriod(own, period));
    }
    const names = new Map(parts.map((p) => [p.tillId, p.tillName]));
    const ownZ = (await this.deps.ownZ()).map((report) => ({ tillId: this.deps.tillId, report }));
    const allZ = [...ownZ, ...zReports.filter((z) => z.tillId !== this.deps.tillId)].sort((a, b) =>
      a.report.period.toAt < b.report.period.toAt ? 1 : -1,
    );
    return {
      at: now.toISOString(),
      complete: read,
      total: shopTotal(entries),
      tills: parts,
      zReports: allZ.map(({ tillId, report }) => ({
        tillId,
        tillName: names.get(tillId) ?? report.tillName ?? '',
        number: report.number ?? 1,
        fromAt: report.period.fromAt,
        toAt: report.period.toAt,
        salesCount: report.real.currencies.reduce((n, c) => n + c.sales.count, 0),
      })),
    };
  }
}
