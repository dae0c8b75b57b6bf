import { buildReceipt, buildRefundReceipt, ReceiptUnavailable, type Receipt } from '../../../shared/domain/receipt';
import type { Currency } from '../../../shared/domain/money';
import {
  articleCounts,
  buildReport,
  grandTotals,
  nextZ,
  returnedArticles,
  soldArticles,
  type ArticleMove,
  type Report,
  type ReportEntry,
} from '../../../shared/domain/report';
import { countryDate, type VatCountry } from '../../../shared/domain/vat';
import { formatOrganisationNumber, TILL_MODEL_DESIGNATION, type ReceiptFiscal } from '../../../shared/domain/fiscal';
import { CONTROL_UNIT_REQUEST_TYPE, controlUnitRequestDataSchema } from '../control-unit/records';
import { DRAWER_OPENED_RECORD_TYPE } from '../drawer/drawer-record';
import { finalSaleStates, type SaleView } from '../../../shared/domain/sale';
import type { Settings } from '../../../shared/domain/settings';
import type { Printable } from '../../../shared/ipc/channels/history';
import { DomainError } from '../errors';
import type { AppendInput, JournalRecord, VerifyResult } from '../journal/journal';
import {
  isZCopy,
  Z_PRINT_SALE_ID,
  Z_REPORT_PRINTED_RECORD_TYPE,
  zPrintOf,
  type ZReportPrintedData,
} from '../report-records/z-print-record';
import { X_PRINT_SALE_ID, X_REPORT_PRINTED_RECORD_TYPE, type XReportPrintedData } from '../report-records/x-print-record';
import { JOURNAL_EXPORT_SALE_ID, JOURNAL_EXPORTED_RECORD_TYPE, type JournalExportedData } from '../report-records/export-record';
import type { LinkSearchQuery, PaymentLinkProvider } from '../providers/provider';
import { refundKey, type Ledger } from '../receipts/ledger';
import { LedgerFollower, type LedgerFollowerDeps } from '../receipts/ledger-follower';
import { OutputError, type PrintOutcome, type ReceiptOutput } from '../receipts/output';
import type { ThermalPrinter } from '../printing/service';
import { Mutex } from '../sales/mutex';
import { toView } from '../sales/sale-machine';
import { exportFileName, recordsInRange, toCsv, toJson, type ExportRange } from './export';
import { buildJournalMemory, EmptyJournalMemoryError, journalMemoryFileName, NoControlUnitSerialError } from './journal-memory';
import type { CartJournalEntry } from '../cart/cart-journal-reader';
import type { ZStore } from './z-store';
import type { SealCheck } from '../seal';
import { LocalizedError, msg } from '../../../shared/messages';

export interface BackOfficeDeps extends LedgerFollowerDeps {
  journal: LedgerFollowerDeps['journal'] & { verify(): Promise<VerifyResult>; append(input: AppendInput): Promise<JournalRecord> };
  settings: () => Settings;
  provider: () => { provider: Pick<PaymentLinkProvider, 'search'> };
  zStore: ZStore;
  output: ReceiptOutput;
  now: () => Date;
  /** Called after a Z report is saved (a good moment for a seal and a checkpoint). */
  afterZ?: () => void;
  /** The till's seals: checked in the export's check; the public key goes into every export. */
  seals?: {
    tillId: string;
    key: { publicKeyPem: string };
    sealer: { sealNow(why: string): Promise<void> };
    check(records: readonly JournalRecord[]): SealCheck;
  };
  /** The network ESC/POS printer: receipts go to its queue when Settings choose it. */
  thermal?: Pick<ThermalPrinter, 'enabled' | 'print'> & Partial<Pick<ThermalPrinter, 'printCopy'>>;
  /**
   * A Swedish till's control unit (control-unit/): the receipt's Swedish part, and a copy signed
   * before it is made. Absent: receipts as every other till's.
   */
  fiscal?: {
    describe(receipt: Receipt, paidSeq: number | null): ReceiptFiscal | null;
    copy(saleId: string, refund?: number, options?: { resume?: boolean }): Promise<void>;
    /** The original is handed over once: answers the undo for a failed hand-over; throws the second time. */
    handOver?(saleId: string, refund?: number): Promise<(() => Promise<void>) | null>;
  };
  /** Who is signed in now (staff/, main's own session): kept in the Z report as who closed the day. */
  actor?: () => { id: string; name: string } | null;
  /**
   * The till as the journal-memory export names it (SKVFS 2021:16): its serial (the till's permanent
   * id), LinkPOS's version, and the control unit's serial for a journal with no signed receipt yet.
   */
  cashRegister?: { tillSerial: string; version: string; controlUnitSerial: () => string | null };
  /** The cart-event journal, read from its start (read-only), for the journal-memory export. */
  cartEntries?: () => AsyncIterable<CartJournalEntry>;
  /** Who charged a sale, for the reports' per-clerk rows (the checkout's sale `clerk`). */
  clerkOf?: (saleId: string) => { id: string; name: string } | null;
}

/**
 * The back office: receipts, X and Z reports, the journal export and provider search — everything
 * after a sale, read from the journal through the report ledger, which follows the journal.
 */
export class BackOffice {
  /** Receipt numbers and outcomes at the journal's end (start-up's checkpoint saves it too). */
  readonly ledger: LedgerFollower;
  private readonly zMutex = new Mutex();
  /** Z numbers with a printout on record (loaded from the journal on first use), under zPrintMutex. */
  private zPrinted: Set<number> | null = null;
  private readonly zPrintMutex = new Mutex();
  private readonly deps: Omit<BackOfficeDeps, 'startRecords' | 'startLedger'>;

  constructor(deps: BackOfficeDeps) {
    // The start-up records are handed to the ledger, never kept with the other deps.
    const { startRecords, startLedger, ...rest } = deps;
    this.deps = rest;
    this.ledger = new LedgerFollower({
      journal: deps.journal,
      log: deps.log,
      ...(startRecords ? { startRecords } : {}),
      ...(startLedger ? { startLedger } : {}),
    });
  }

  /** The ledger up to the journal's current end. */
  private current(): Promise<Ledger> {
    return this.ledger.current();
  }

  /** Stops following the journal (the service is being shut down). */
  close(): void {
    this.ledger.close();
  }

  async sale(id: string): Promise<SaleView> {
    const sale = (await this.current()).sales.get(id);
    if (!sale) throw new DomainError('not-found', msg('saleNotFound'));
    return toView(sale);
  }

  /**
   * The sale's receipt, or with `refund` that refund's receipt (credit note), numbered from the
   * journal. `electronic`: as e-mailed — a Swedish receipt says "Elektroniskt kassakvitto".
   */
  async receipt(id: string, copy: boolean, refund?: number, options: { electronic?: boolean } = {}): Promise<Receipt> {
    const receipt = await this.numberedReceipt(id, copy, refund);
    return options.electronic && receipt.fiscal ? { ...receipt, fiscal: { ...receipt.fiscal, electronic: true } } : receipt;
  }

  private async numberedReceipt(id: string, copy: boolean, refund?: number): Promise<Receipt> {
    const ledger = await this.current();
    const sale = ledger.sales.get(id);
    if (!sale) throw new DomainError('not-found', msg('saleNotFound'));
    const number = ledger.receipts.get(id);
    if (!number || sale.state !== 'paid') throw new DomainError('conflict', msg('receiptOnlyPaid'));
    try {
      if (refund !== undefined) {
        const refundNumber = ledger.refundReceipts.get(refundKey(id, refund));
        if (!refundNumber) throw new DomainError('conflict', msg('receiptOnlyRefunded'));
        const built = buildRefundReceipt(toView(sale), refund, {
          settings: this.deps.settings(),
          number: refundNumber,
          original: number,
          copy,
        });
        return this.withFiscal(built, ledger, (e) => e.outcome === 'refunded' && e.refundNumber === refund);
      }
      return this.withFiscal(
        buildReceipt(toView(sale), { settings: this.deps.settings(), number, copy }),
        ledger,
        (e) => e.outcome === 'paid',
      );
    } catch (error) {
      if (error instanceof ReceiptUnavailable) throw new DomainError('conflict', error.l10n);
      throw error;
    }
  }

  /** A Swedish till's part of the receipt (from the control unit), found by the entry the receipt was numbered at. */
  private withFiscal(receipt: Receipt, ledger: Ledger, which: (entry: Ledger['entries'][number]) => boolean): Receipt {
    if (!this.deps.fiscal) return receipt;
    let paidSeq: number | null = null;
    for (const entry of ledger.entries) if (entry.saleId === receipt.saleId && which(entry)) paidSeq = entry.seq;
    return { ...receipt, fiscal: this.deps.fiscal.describe(receipt, paidSeq) };
  }

  /**
   * Makes a copy of a receipt (or of a refund's receipt), the one way every copy is made, on screen
   * print, PDF or the thermal printer's own reprint: on a Swedish till the control unit signs it as
   * the receipt's one copy first, and a second is refused. Elsewhere there is nothing to do.
   */
  async makeCopy(saleId: string, refund?: number, options: { resume?: boolean } = {}): Promise<void> {
    await this.deps.fiscal?.copy(saleId, refund, options);
  }

  /**
   * Before a receipt is printed or saved: a Swedish copy is signed as a copy (at most one), and a
   * Swedish receipt the control unit has not signed yet is not handed over (it prints when signed).
   */
  private async fiscalCheck(document: Printable, copyMade: boolean): Promise<void> {
    if (document.kind !== 'receipt' || !this.deps.fiscal) return;
    if (document.copy && !copyMade) await this.makeCopy(document.id, document.refund);
    const receipt = await this.receipt(document.id, document.copy, document.refund);
    if (receipt.fiscal?.controlUnit.state === 'waiting') throw new DomainError('conflict', msg('receiptWaitingForControlUnit'));
  }

  async xReport(upToSeq?: number): Promise<Report> {
    const ledger = await this.current();
    const zs = await this.zReports();
    const toSeq = Math.min(upToSeq ?? ledger.lastSeq, ledger.lastSeq);
    // Up to the last sale entry, the report is the one made now: records after it (its own
    // printout record, a sign-in, a drawer opening) hold no sale and do not move its time back.
    const lastSale = ledger.entries.at(-1)?.seq ?? 0;
    const toAt = upToSeq === undefined || toSeq >= lastSale ? this.deps.now().toISOString() : atOf(ledger, toSeq, this.deps.now());
    return this.withJournalParts(this.xReportFrom(ledger, zs[zs.length - 1], toSeq, toAt), ledger);
  }

  /** An X report of the records after the Z `last` (or from the start) up to `toSeq`, made at `toAt`. */
  private xReportFrom(ledger: Ledger, last: Report | undefined, toSeq: number, toAt: string): Report {
    const fromSeq = last?.period.toSeq ?? 0;
    return buildReport(ledger.entries, {
      kind: 'x',
      tillName: this.deps.settings().tillName,
      ...(this.deps.clerkOf ? { clerkOf: this.deps.clerkOf } : {}),
      number: null,
      period: { fromSeq, toSeq: Math.max(toSeq, fromSeq), fromAt: last?.period.toAt ?? null, toAt },
    });
  }

  /**
   * The X report an `x-report-printed` record (at `seq`, made at `at`) printed, recomputed as
   * `xReport(upToSeq)` made it then: from the last Z taken before the record, made at the record's
   * time. The Swedish part's settings (till designation, float) are today's.
   */
  private printedXReport(
    printout: { upToSeq: number; seq: number; at: string },
    context: { ledger: Ledger; zs: readonly Report[]; records: readonly JournalRecord[] },
  ): Promise<Report> {
    const before = context.zs.filter((z) => z.period.toSeq < printout.seq);
    const toSeq = Math.min(printout.upToSeq, printout.seq - 1);
    return this.withJournalParts(
      this.xReportFrom(context.ledger, before[before.length - 1], toSeq, printout.at),
      context.ledger,
      context.records,
    );
  }

  /**
   * What an X or Z report reads from the journal beside the sales: the cash drawer's openings in
   * the period (every till), and a Swedish till's additions (7 kap. 2–3 § SKVFS 2014:9): the till
   * and model designations, the float, the receipt copies of the period (the control unit's copy
   * requests in the journal) and the grand totals since the first record.
   */
  private async withJournalParts(report: Report, ledger: Ledger, records?: readonly JournalRecord[]): Promise<Report> {
    const settings = this.deps.settings();
    const inPeriod = (records ?? (await this.deps.journal.readAll())).filter(
      (r) => r.seq > report.period.fromSeq && r.seq <= report.period.toSeq,
    );
    const counted: Report = { ...report, drawerOpenings: inPeriod.filter((r) => r.type === DRAWER_OPENED_RECORD_TYPE).length };
    if (!settings.sweden.enabled) return counted;
    const copies = { count: 0, amountMinor: 0 };
    for (const record of inPeriod) {
      if (record.type !== CONTROL_UNIT_REQUEST_TYPE) continue;
      const parsed = controlUnitRequestDataSchema.safeParse(record.data);
      if (!parsed.success || parsed.data.request.kind !== 'copy') continue;
      copies.count += 1;
      copies.amountMinor += parsed.data.request.totalMinor;
    }
    // A till with no real sale yet still shows its grand totals: zero, in its currency.
    const totals = grandTotals(ledger.entries, report.period.toSeq);
    const counts = articleCounts(articleMoves(ledger, report.period, this.deps.log));
    return {
      ...counted,
      sweden: {
        organisationNumber: formatOrganisationNumber(settings.shop.organisationNumber),
        tillDesignation: settings.sweden.tillDesignation,
        modelDesignation: TILL_MODEL_DESIGNATION,
        floatMinor: settings.sweden.floatMinor,
        copies,
        grandTotals: totals.length > 0 ? totals : [{ currency: settings.currency, salesMinor: 0, returnsMinor: 0, netMinor: 0 }],
        ...counts,
        zCopies: inPeriod.filter(isZCopy).length,
      },
    };
  }

  /**
   * Serialised, so two tills' windows pressing Z at once cannot close one period twice. While a sale
   * is not final (a link may still be paid, or a person must look at it) the day is closed only when
   * the clerk has confirmed it, having been shown those sales: a payment after the Z falls in the next
   * period, which they must know.
   */
  zReport(options: { confirmOpenSales: boolean } = { confirmOpenSales: false }): Promise<Report> {
    // Read when the call arrives: the person who pressed Z, even if the till changes hands meanwhile.
    const closedBy = this.deps.actor?.() ?? null;
    return this.zMutex.run(async () => {
      const ledger = await this.current();
      if (!options.confirmOpenSales) {
        const open = [...ledger.sales.summaries()].filter((sale) => !finalSaleStates.has(sale.state)).length;
        if (open > 0) throw new DomainError('conflict', msg('zOpenSales', { count: open }));
      }
      const previous = await this.zReports();
      const decision = nextZ(previous, ledger.entries, { seq: ledger.lastSeq, at: this.deps.now().toISOString() });
      if (!decision.ok) throw new DomainError('conflict', decision.reasonMessage);
      // The name is kept in the saved Z report, so a renamed till's earlier reports keep theirs.
      const built = await this.withJournalParts(
        buildReport(ledger.entries, {
          kind: 'z',
          tillName: this.deps.settings().tillName,
          ...(this.deps.clerkOf ? { clerkOf: this.deps.clerkOf } : {}),
          number: decision.number,
          period: decision.period,
        }),
        ledger,
      );
      const report: Report = { ...built, ...(closedBy ? { closedBy: { id: closedBy.id, name: closedBy.name } } : {}) };
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

  /**
   * The report entries of the journal records (fromSeq, toSeq], each with the Z period it falls in
   * (the toSeq of the Z before it) and its calendar day in the currency's country, for the shop
   * database's summary. The Z list is read under the Z lock after the ledger: a Z taken later ends
   * at or after the ledger's end, so it cannot split these entries' period.
   */
  async summaryEntries(fromSeq: number, toSeq: number): Promise<(ReportEntry & { periodFrom: number; day: string })[]> {
    const ledger = await this.current();
    const chosen: ReportEntry[] = [];
    for (let i = ledger.entries.length - 1; i >= 0; i -= 1) {
      const entry = ledger.entries[i]!;
      if (entry.seq <= fromSeq) break;
      if (entry.seq <= toSeq) chosen.push(entry);
    }
    chosen.reverse();
    const bounds = (await this.zMutex.run(() => this.zReports())).map((z) => z.period.toSeq).sort((a, b) => a - b);
    return chosen.map((entry) => {
      let periodFrom = 0;
      for (const bound of bounds) if (bound < entry.seq) periodFrom = bound;
      return { ...entry, periodFrom, day: countryDate(currencyCountry[entry.currency], new Date(entry.at)) };
    });
  }

  /**
   * This till's Z reports from the shop database (a lost z-reports.json): the missing ones are kept
   * here again, under the Z lock, so the next Z continues the numbers the shop already has.
   */
  adoptZReports(fromDatabase: readonly Report[]): Promise<number> {
    return this.zMutex.run(async () => {
      const ledger = await this.current();
      // A report beyond this till's journal is not this journal's: never adopted.
      const added = await this.deps.zStore.adopt(fromDatabase.filter((r) => r.period.toSeq <= ledger.lastSeq));
      if (added > 0) this.deps.log.warn('reports: Z reports missing here were restored from the shop database', { added });
      return added;
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
    // Sealed first, so the export is sealed to its last record. A seal that cannot be written is
    // logged by the sealer; the export goes on, and its check says how far the seals reach.
    await this.deps.seals?.sealer.sealNow('export').catch(() => undefined);
    const [all, verify] = [await this.deps.journal.readAll(), await this.deps.journal.verify()];
    const chosen = recordsInRange(all, range);
    const seals = this.deps.seals;
    // The chain proves nothing against someone who re-computes it; the seals do (seal/verify.ts).
    const sealCheck = seals?.check(all);
    const sealProblems = (sealCheck?.problems ?? []).map((p) => ({ line: p.line, text: `line ${p.line}: ${p.detail}` }));
    const breaks = [verify.firstBreakAt, ...sealProblems.map((p) => p.line)].filter((line) => line !== undefined);
    const verification = {
      ok: verify.ok && sealProblems.length === 0,
      records: verify.records,
      firstBreakAt: breaks.length > 0 ? Math.min(...breaks) : null,
      problems: [...verify.problems, ...sealProblems.map((p) => p.text)].slice(0, 100),
      ...(sealCheck ? { seals: sealCheck.seals, sealedThroughSeq: sealCheck.sealedThroughSeq, chainOk: verify.ok } : {}),
    };
    const till = seals ? { id: seals.tillId, publicKey: seals.key.publicKeyPem } : null;
    const text =
      format === 'csv' ? toCsv(chosen, all) : toJson(chosen, { range, exportedAt: this.deps.now().toISOString(), verification, till });
    await this.journalExport(format, range);
    return {
      fileName: exportFileName(range, format),
      mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
      text,
      records: chosen.length,
      verification,
    };
  }

  /**
   * The journal-memory export of SKVFS 2021:16 for a period (journal-memory.ts): a Swedish till's
   * cart events, receipts and Z reports in time order as XML. Refused on a till that is not Swedish:
   * the document needs the organisation number and the till designation.
   */
  async exportJournalMemory(range: ExportRange) {
    const settings = this.deps.settings();
    if (!settings.sweden.enabled) throw new DomainError('conflict', msg('journalMemoryNotSwedish'));
    const salesRecords = await this.deps.journal.readAll();
    const zReports = await this.deps.zStore.list();
    const xContext = { ledger: await this.current(), zs: zReports, records: salesRecords };
    let result: Awaited<ReturnType<typeof buildJournalMemory>>;
    try {
      result = await buildJournalMemory(
        {
          cartEntries: this.deps.cartEntries?.() ?? emptyEntries(),
          salesRecords,
          zReports,
          xReportOf: (printout) => this.printedXReport(printout, xContext),
        },
        {
          organisationNumber: settings.shop.organisationNumber,
          companyName: settings.shop.name,
          saleAddress: settings.shop.address,
          tillDesignation: settings.sweden.tillDesignation,
          tillSerial: this.deps.cashRegister?.tillSerial ?? this.deps.seals?.tillId ?? 'LinkPOS',
          version: this.deps.cashRegister?.version ?? '0',
          controlUnitSerial: this.deps.cashRegister?.controlUnitSerial() ?? null,
          exportedBy: this.deps.actor?.()?.name ?? null,
          exportedAt: this.deps.now().toISOString(),
        },
        range,
      );
    } catch (error) {
      if (error instanceof EmptyJournalMemoryError) throw new DomainError('conflict', msg('journalMemoryEmpty'));
      if (error instanceof NoControlUnitSerialError) throw new DomainError('conflict', msg('journalMemoryNoUnitSerial'));
      throw error;
    }
    await this.journalExport('skvfs-2021-16', range);
    return {
      fileName: journalMemoryFileName(range),
      mimeType: 'application/xml',
      text: result.xml,
      registrations: result.registrations,
      damagedLines: result.damagedLines,
    };
  }

  async searchProvider(query: LinkSearchQuery) {
    const results = await this.deps.provider().provider.search(query);
    const ledger = await this.current();
    const byReference = new Map<string, string>();
    for (const sale of ledger.sales.summaries()) byReference.set(sale.orderReference, sale.id);
    return results.map((r) => ({ ...r, localSaleId: r.orderReference ? (byReference.get(r.orderReference) ?? null) : null }));
  }

  /**
   * Checks the document exists before a browser is started for it, so the clerk gets a plain
   * answer; a receipt's is answered (to be used, not built again), null for the rest.
   */
  async checkPrintable(document: Printable): Promise<Receipt | null> {
    if (document.kind === 'receipt') return this.receipt(document.id, document.copy, document.refund);
    if (document.kind === 'z-report') await this.zReportByNumber(document.number);
    return null;
  }

  /**
   * A Swedish till's Z report printout (7 kap. 3 § SKVFS 2014:9): the Z's first printout is the
   * original; any later one, and one the clerk asked for as a copy (a Z opened again from the
   * list), is a copy, marked KOPIA. Each is journaled (fsynced) before it is made, with who asked.
   * A Z of another till's kind (no Swedish part) is printed as it always was, and not recorded.
   */
  private async zPrintout(document: Printable, output: ZReportPrintedData['output']): Promise<Printable> {
    if (document.kind !== 'z-report') return document;
    const report = await this.zReportByNumber(document.number);
    if (!report.sweden) return { kind: 'z-report', number: document.number };
    const by = this.deps.actor?.() ?? null;
    return this.zPrintMutex.run(async () => {
      if (!this.zPrinted) {
        const printed = new Set<number>();
        for (const record of await this.deps.journal.readAll()) {
          const print = zPrintOf(record);
          if (print) printed.add(print.number);
        }
        this.zPrinted = printed;
      }
      const copy = document.copy === true || this.zPrinted.has(document.number);
      const data: ZReportPrintedData = { number: document.number, copy, output, ...(by ? { by: { id: by.id, name: by.name } } : {}) };
      await this.deps.journal.append({
        type: Z_REPORT_PRINTED_RECORD_TYPE,
        saleId: Z_PRINT_SALE_ID,
        at: this.deps.now().toISOString(),
        data,
      });
      this.zPrinted.add(document.number);
      return { ...document, copy };
    });
  }

  /**
   * A Swedish till's X report printout (7 kap. 2 § SKVFS 2014:9), journaled (fsynced) before it is
   * made, with who asked: the journal-memory export writes each as an XDagrapport, recomputed from
   * `upToSeq`. Another till's X report is printed as it always was, and not recorded.
   */
  private async xPrintout(document: Printable, output: XReportPrintedData['output']): Promise<void> {
    if (document.kind !== 'x-report' || !this.deps.settings().sweden.enabled) return;
    const by = this.deps.actor?.() ?? null;
    const data: XReportPrintedData = {
      upToSeq: Math.min(document.upToSeq, (await this.current()).lastSeq),
      output,
      ...(by ? { by: { id: by.id, name: by.name } } : {}),
    };
    await this.deps.journal.append({
      type: X_REPORT_PRINTED_RECORD_TYPE,
      saleId: X_PRINT_SALE_ID,
      at: this.deps.now().toISOString(),
      data,
    });
  }

  /**
   * A Swedish till records each export of its journal (journaled, fsynced, once the file is made and
   * before it is handed over): the journal-memory export writes it as an `OvrigRapport`. If the
   * record cannot be written, the file is not handed over. Another till's exports are not recorded.
   */
  private async journalExport(format: JournalExportedData['format'], range: ExportRange): Promise<void> {
    if (!this.deps.settings().sweden.enabled) return;
    const by = this.deps.actor?.() ?? null;
    const data: JournalExportedData = {
      format,
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
      ...(by ? { by: { id: by.id, name: by.name } } : {}),
    };
    try {
      await this.deps.journal.append({
        type: JOURNAL_EXPORTED_RECORD_TYPE,
        saleId: JOURNAL_EXPORT_SALE_ID,
        at: this.deps.now().toISOString(),
        data,
      });
    } catch (error) {
      this.deps.log.error('reports: could not journal an export; it was not handed over', { error });
      throw new DomainError('storage', msg('journalExportNotJournaled'));
    }
  }

  /**
   * A Z report the printer's queue prints again on its own (its first delivery was not
   * acknowledged): on a Swedish till a copy, journaled before it is made. Whether it is one.
   */
  async zReprint(number: number): Promise<boolean> {
    const document = await this.zPrintout({ kind: 'z-report', number, copy: true }, 'print');
    return document.kind === 'z-report' && document.copy === true;
  }

  /**
   * Prints a document. `copyMade`: the copy was made already (a Swedish copy the control unit has
   * just signed after it waited), so it is printed, not made a second time.
   */
  async print(request: Printable, options: { copyMade?: boolean } = {}): Promise<PrintOutcome> {
    const receipt = await this.checkPrintable(request);
    const thermal = this.deps.thermal;
    if (request.kind === 'receipt' && request.copy && options.copyMade !== true && thermal?.printCopy && thermal.enabled()) {
      // A Swedish copy on the thermal printer: its job is on disk before the copy is made (the queue
      // makes it), so a stop between the two never loses the reprint nor makes a second copy. Other
      // tills' copies are queued as before. (`receipt` is that copy, as checked just now.)
      if (receipt?.fiscal) return thermal.printCopy(request);
    }
    await this.fiscalCheck(request, options.copyMade === true);
    const document = await this.zPrintout(request, 'print');
    await this.xPrintout(request, 'print');
    return this.handingOver(
      document,
      () => {
        // Queued, not printed: the clerk goes on to the next sale while the receipt (a refund
        // receipt, a report) prints.
        if (this.deps.thermal?.enabled()) return this.deps.thermal.print(document);
        const settings = this.deps.settings();
        return outputCall(() =>
          this.deps.output.print(document, { deviceName: settings.receiptPrinter, paperWidthMm: settings.paperWidthMm }),
        );
      },
      (outcome) => outcome.printed || outcome.queued === true,
    );
  }

  /**
   * Hands a Swedish receipt's original over once (`fiscal.handOver`): a second print or PDF of it is
   * refused (Reprint makes its one copy); a print that did not happen (the dialog closed, an
   * error) takes the mark back. Copies, reports and other tills' receipts pass straight through, and
   * so does the e-mailed receipt's PDF (`electronic`: the mailer hands the original over itself, as the mail goes).
   */
  private async handingOver<T>(document: Printable, run: () => Promise<T>, handedOver: (result: T) => boolean): Promise<T> {
    if (document.kind !== 'receipt' || document.copy || document.electronic || !this.deps.fiscal?.handOver) return run();
    const undo = await this.deps.fiscal.handOver(document.id, document.refund);
    if (!undo) return run();
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await undo();
      throw error;
    }
    if (!handedOver(result)) await undo();
    return result;
  }

  async pdf(request: Printable): Promise<{ fileName: string; base64: string }> {
    await this.checkPrintable(request);
    await this.fiscalCheck(request, false);
    const document = await this.zPrintout(request, 'pdf');
    await this.xPrintout(request, 'pdf');
    const bytes = await this.handingOver(
      document,
      () => outputCall(() => this.deps.output.pdf(document, { paperWidthMm: this.deps.settings().paperWidthMm })),
      () => true,
    );
    return { fileName: await this.pdfName(document), base64: Buffer.from(bytes).toString('base64') };
  }

  private async pdfName(document: Printable): Promise<string> {
    if (document.kind === 'z-report') return `linkpos-z-report-${document.number}${document.copy ? '-copy' : ''}.pdf`;
    if (document.kind === 'x-report') return `linkpos-x-report-${this.deps.now().toISOString().slice(0, 10)}.pdf`;
    const receipt = await this.receipt(document.id, document.copy, document.refund);
    const prefix = `${receipt.training ? 'training-' : ''}${receipt.refund ? 'refund-receipt' : 'receipt'}`;
    return `linkpos-${prefix}-${receipt.receipt.number}${document.copy ? '-copy' : ''}.pdf`;
  }
}

/**
 * The articles the real (not training) sales paid and refunds made in the period sold and took
 * back, from each sale's frozen lines. A sale whose records can no longer be read (its report
 * entry still counts) adds no articles; that is logged.
 */
function articleMoves(ledger: Ledger, period: Report['period'], log: BackOfficeDeps['log']): ArticleMove[] {
  const moves: ArticleMove[] = [];
  for (const entry of ledger.entries) {
    if (entry.seq <= period.fromSeq || entry.seq > period.toSeq || entry.demo) continue;
    if (entry.outcome !== 'paid' && entry.outcome !== 'refunded') continue;
    const sale = ledger.sales.get(entry.saleId);
    if (!sale) {
      log.warn('reports: a sale of the period could not be read; its articles are not counted', { saleId: entry.saleId });
      continue;
    }
    if (entry.outcome === 'paid') {
      moves.push(...soldArticles(sale.totals));
      continue;
    }
    const refund = sale.refunds.find((r) => r.number === entry.refundNumber);
    if (!refund) continue;
    const earlier = new Map<string, number>();
    for (const r of sale.refunds) {
      if (r.number >= refund.number || r.state !== 'refunded') continue;
      for (const line of r.lines) earlier.set(line.lineId, (earlier.get(line.lineId) ?? 0) + line.quantityMilli);
    }
    moves.push(...returnedArticles(sale.totals, refund.lines, earlier));
  }
  return moves;
}

/** Whose calendar a sale's day is: the country of its currency (the euro: Finland, the one euro country LinkPOS sells in). */
const currencyCountry: Record<Currency, VatCountry> = { SEK: 'SE', NOK: 'NO', DKK: 'DK', EUR: 'FI', ISK: 'IS' };

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

async function* emptyEntries(): AsyncGenerator<CartJournalEntry> {
  // A back office built without the cart journal (some tests) exports the sales side only.
}
