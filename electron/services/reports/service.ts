import { buildReceipt, ReceiptUnavailable, type Receipt } from '../../../shared/domain/receipt';
import { buildReport, nextZ, type Report } from '../../../shared/domain/report';
import type { SaleView } from '../../../shared/domain/sale';
import type { Settings } from '../../../shared/domain/settings';
import type { Printable } from '../../../shared/ipc/channels/history';
import { DomainError } from '../errors';
import type { JournalRecord, VerifyResult } from '../journal/journal';
import type { Logger } from '../log';
import type { LinkSearchQuery, PaymentLinkProvider } from '../providers/provider';
import { emptyLedger, extendLedger, type Ledger } from '../receipts/ledger';
import { OutputError, type PrintOutcome, type ReceiptOutput } from '../receipts/output';
import { Mutex } from '../sales/mutex';
import { toView } from '../sales/sale-machine';
import { exportFileName, recordsInRange, toCsv, toJson, type ExportRange } from './export';
import type { ZStore } from './z-store';
import { LocalizedError, msg } from '../../../shared/messages';

export interface HistoryDeps {
  journal: {
    readAll(): Promise<JournalRecord[]>;
    verify(): Promise<VerifyResult>;
    onAppend(listener: (record: JournalRecord) => void): () => void;
    readonly seq: number;
  };
  settings: () => Settings;
  provider: () => { provider: Pick<PaymentLinkProvider, 'search'> };
  zStore: ZStore;
  output: ReceiptOutput;
  now: () => Date;
  log: Logger;
  /**
   * The records the journal was opened with, already parsed at start-up: the ledger starts from
   * them instead of reading the file again. Handed over once and then let go.
   */
  startRecords?: readonly JournalRecord[];
  /** The ledger as a checkpoint left it; `startRecords` are then the records after it. */
  startLedger?: Ledger;
  /** Called after a Z report is saved (a good moment for a checkpoint). */
  afterZ?: () => void;
}

/**
 * Receipts, reports, export and provider search: everything after a sale, read from the journal.
 * The ledger (receipt numbers and outcomes) is extended as the journal grows, never rebuilt
 * differently, so a receipt number once shown is the number forever.
 */
export class HistoryService {
  private ledger: Ledger = emptyLedger();
  private readonly zMutex = new Mutex();
  private readonly ledgerMutex = new Mutex();
  /** Records appended while the first catch-up is under way. */
  private appended: JournalRecord[] = [];
  private state: 'idle' | 'loading' | 'following' | 'closed' = 'idle';
  private startRecords: readonly JournalRecord[] | undefined;
  private startLedger: Ledger | undefined;
  private readonly stopFollowing: () => void;

  private readonly deps: Omit<HistoryDeps, 'startRecords' | 'startLedger'>;

  constructor(deps: HistoryDeps) {
    // The start-up records are held only until the ledger has them, never with the other deps.
    const { startRecords, startLedger, ...rest } = deps;
    this.deps = rest;
    this.startRecords = startRecords;
    this.startLedger = startLedger;
    // Follow the journal as it grows: the ledger catches up once, on first use (from the records
    // parsed at start-up, or by reading the file), and from then on takes each durable record as it
    // is appended — re-reading a year of sales after every sale would cost seconds per receipt.
    // A record seen twice is skipped by its sequence number.
    this.stopFollowing = deps.journal.onAppend((record) => {
      // Until the first catch-up, appends wait in memory (a day's records at most): otherwise the
      // first receipt after a start from a checkpoint would have to read the whole file.
      if (this.state === 'idle' || this.state === 'loading') this.appended.push(record);
      else if (this.state === 'following') {
        try {
          extendLedger(this.ledger, [record]);
        } catch (error) {
          // An old sale could not be read back. The ledger is whole up to the record before this
          // one: keep it (a rebuild from a file damaged since the checkpoint could number receipts
          // differently), keep this record and the ones after it, and catch up on the next use.
          this.deps.log.error('history: the ledger could not follow the journal; it will catch up', { seq: record.seq, error });
          this.state = 'idle';
          this.appended = [record];
        }
      }
    });
  }

  /** The ledger up to the journal's current end. */
  current(): Promise<Ledger> {
    return this.ledgerMutex.run(async () => {
      if (this.state === 'closed') throw new Error('The history service is closed.');
      if (this.state === 'idle') {
        this.state = 'loading';
        try {
          const seed = this.startRecords;
          this.startRecords = undefined;
          if (this.startLedger) this.ledger = this.startLedger;
          this.startLedger = undefined;
          if (seed) extendLedger(this.ledger, seed);
          // The appends kept since then carry on from there; anything else (appended before this
          // service was listening, or after a failed follow) is only in the file.
          const next = this.appended[0];
          const contiguous = next !== undefined && next.seq === this.ledger.lastSeq + 1;
          if (this.ledger.lastSeq < this.deps.journal.seq && !contiguous) extendLedger(this.ledger, await this.deps.journal.readAll());
          extendLedger(this.ledger, this.appended);
          this.appended = [];
          if (this.state === 'loading') this.state = 'following'; // unless closed meanwhile
        } catch (error) {
          // The ledger is whole up to its last record (each record is taken whole or not at all):
          // catch up from there next time, from the records kept or from the file.
          if (this.state === 'loading') this.state = 'idle';
          throw error;
        }
      }
      return this.ledger;
    });
  }

  /** Stops following the journal (the service is being shut down). */
  close(): void {
    this.state = 'closed';
    this.stopFollowing();
  }

  async sale(id: string): Promise<SaleView> {
    const sale = (await this.current()).sales.get(id);
    if (!sale) throw new DomainError('not-found', msg('saleNotFound'));
    return toView(sale);
  }

  async receipt(id: string, copy: boolean): Promise<Receipt> {
    const ledger = await this.current();
    const sale = ledger.sales.get(id);
    if (!sale) throw new DomainError('not-found', msg('saleNotFound'));
    const number = ledger.receipts.get(id);
    if (!number || sale.state !== 'paid') throw new DomainError('conflict', msg('receiptOnlyPaid'));
    try {
      return buildReceipt(toView(sale), { settings: this.deps.settings(), number, copy });
    } catch (error) {
      if (error instanceof ReceiptUnavailable) throw new DomainError('conflict', error.l10n);
      throw error;
    }
  }

  async xReport(upToSeq?: number): Promise<Report> {
    const ledger = await this.current();
    const zs = await this.zReports();
    const last = zs[zs.length - 1];
    const toSeq = Math.min(upToSeq ?? ledger.lastSeq, ledger.lastSeq);
    const fromSeq = last?.period.toSeq ?? 0;
    const toAt = upToSeq === undefined || toSeq === ledger.lastSeq ? this.deps.now().toISOString() : atOf(ledger, toSeq, this.deps.now());
    return buildReport(ledger.entries, {
      kind: 'x',
      number: null,
      period: { fromSeq, toSeq: Math.max(toSeq, fromSeq), fromAt: last?.period.toAt ?? null, toAt },
    });
  }

  /** Serialised, so two tills' windows pressing Z at once cannot close one period twice. */
  zReport(): Promise<Report> {
    return this.zMutex.run(async () => {
      const ledger = await this.current();
      const previous = await this.zReports();
      const decision = nextZ(previous, ledger.entries, { seq: ledger.lastSeq, at: this.deps.now().toISOString() });
      if (!decision.ok) throw new DomainError('conflict', decision.reasonMessage);
      const report = buildReport(ledger.entries, { kind: 'z', number: decision.number, period: decision.period });
      try {
        await this.deps.zStore.append(report);
      } catch (error) {
        this.deps.log.error('reports: could not save a Z report', { error });
        throw new DomainError('storage', msg('zSaveFailed'));
      }
      this.deps.afterZ?.();
      return report;
    });
  }

  async zReportByNumber(number: number): Promise<Report> {
    const found = (await this.zReports()).find((r) => r.number === number);
    if (!found) throw new DomainError('not-found', msg('zNotFound', { number }));
    return found;
  }

  async zReports(): Promise<Report[]> {
    try {
      return await this.deps.zStore.list();
    } catch (error) {
      throw new DomainError('storage', error instanceof LocalizedError ? error.l10n : msg('zUnreadable'));
    }
  }

  async exportJournal(range: ExportRange, format: 'csv' | 'json') {
    const [all, verify] = [await this.deps.journal.readAll(), await this.deps.journal.verify()];
    const chosen = recordsInRange(all, range);
    const verification = {
      ok: verify.ok,
      records: verify.records,
      firstBreakAt: verify.firstBreakAt ?? null,
      problems: verify.problems.slice(0, 100),
    };
    const text = format === 'csv' ? toCsv(chosen, all) : toJson(chosen, { range, exportedAt: this.deps.now().toISOString(), verification });
    return {
      fileName: exportFileName(range, format),
      mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
      text,
      records: chosen.length,
      verification,
    };
  }

  async searchProvider(query: LinkSearchQuery) {
    const results = await this.deps.provider().provider.search(query);
    const ledger = await this.current();
    const byReference = new Map<string, string>();
    for (const sale of ledger.sales.summaries()) byReference.set(sale.orderReference, sale.id);
    return results.map((r) => ({ ...r, localSaleId: r.orderReference ? (byReference.get(r.orderReference) ?? null) : null }));
  }

  /** Checks the document exists before a browser is started for it, so the clerk gets a plain answer. */
  async checkPrintable(document: Printable): Promise<void> {
    if (document.kind === 'receipt') await this.receipt(document.id, document.copy);
    else if (document.kind === 'z-report') await this.zReportByNumber(document.number);
  }

  async print(document: Printable): Promise<PrintOutcome> {
    await this.checkPrintable(document);
    const settings = this.deps.settings();
    return outputCall(() => this.deps.output.print(document, { deviceName: settings.receiptPrinter, paperWidthMm: settings.paperWidthMm }));
  }

  async pdf(document: Printable): Promise<{ fileName: string; base64: string }> {
    await this.checkPrintable(document);
    const bytes = await outputCall(() => this.deps.output.pdf(document, { paperWidthMm: this.deps.settings().paperWidthMm }));
    return { fileName: await this.pdfName(document), base64: Buffer.from(bytes).toString('base64') };
  }

  private async pdfName(document: Printable): Promise<string> {
    if (document.kind === 'z-report') return `linkpos-z-report-${document.number}.pdf`;
    if (document.kind === 'x-report') return `linkpos-x-report-${this.deps.now().toISOString().slice(0, 10)}.pdf`;
    const receipt = await this.receipt(document.id, document.copy);
    const prefix = receipt.training ? 'training-receipt' : 'receipt';
    return `linkpos-${prefix}-${receipt.receipt.number}${document.copy ? '-copy' : ''}.pdf`;
  }
}

function atOf(ledger: Ledger, seq: number, now: Date): string {
  let at: string | null = null;
  for (const entry of ledger.entries) if (entry.seq <= seq) at = entry.at;
  return at ?? now.toISOString();
}

async function outputCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OutputError) throw new DomainError('rejected', error.l10n, error.message);
    throw error;
  }
}
