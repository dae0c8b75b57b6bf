import type { ReceiptNumber } from '../../../shared/domain/receipt';
import { reportOutcomes, type ReportEntry, type ReportOutcome } from '../../../shared/domain/report';
import { paymentMeansOf } from '../../../shared/domain/tender';
import { applySaleRecord, type Sale } from '../sales/sale-machine';
import { isSaleRecordType, parseSaleRecord } from '../sales/sale-records';
import { SaleTable } from '../sales/sale-table';

/**
 * Receipt numbers and report entries, derived from the journal alone so they are the same after
 * every restart. A receipt number is given when a sale becomes `paid`, in journal order, in its
 * own series (training receipts for demo sales), so numbers have no gaps and a reprint never
 * takes a new one. Records the sale machine rejects are skipped exactly as its replay skips them.
 */
export interface Ledger {
  receipts: Map<string, ReceiptNumber>;
  /** Every sale reaching an outcome, in journal order. */
  entries: ReportEntry[];
  sales: SaleTable;
  /** The journal position this ledger was built up to. */
  lastSeq: number;
  lastAt: string | null;
  /** Refund receipts (credit notes) by `refundKey(sale, refund number)`, in their own gap-free series. */
  refundReceipts: Map<string, ReceiptNumber>;
  /** The last receipt number given in each series (so extending by one record costs one record). */
  lastReceipt: { real: number; training: number; refundReal: number; refundTraining: number };
}

/** A refund's key in the ledger: its sale and its number there. */
export const refundKey = (saleId: string, refundNumber: number) => `${saleId}#R${refundNumber}`;

export interface LedgerRecord {
  seq: number;
  at: string;
  type: string;
  saleId: string;
  data: unknown;
  /** The journal version the record was written in. */
  v?: number;
}

const outcomes = new Set<string>(reportOutcomes.filter((o) => o !== 'refunded'));

export function emptyLedger(): Ledger {
  return {
    receipts: new Map(),
    refundReceipts: new Map(),
    entries: [],
    sales: new SaleTable(),
    lastSeq: 0,
    lastAt: null,
    lastReceipt: { real: 0, training: 0, refundReal: 0, refundTraining: 0 },
  };
}

/** A ledger's state at one journal position, for a checkpoint (the sales themselves travel apart). */
export type LedgerSnapshot = Omit<Ledger, 'sales' | 'receipts' | 'refundReceipts'>;

export function snapshotLedger(ledger: Ledger): LedgerSnapshot {
  return { entries: ledger.entries, lastSeq: ledger.lastSeq, lastAt: ledger.lastAt, lastReceipt: { ...ledger.lastReceipt } };
}

/**
 * The ledger a checkpoint describes: its entries, with the receipt numbers they carry, over sales
 * that are loaded when first needed.
 */
export function restoreLedger(snapshot: LedgerSnapshot, sales: SaleTable): Ledger {
  const receipts = new Map<string, ReceiptNumber>();
  const refundReceipts = new Map<string, ReceiptNumber>();
  for (const entry of snapshot.entries) {
    if (entry.receiptNumber === null) continue;
    const number: ReceiptNumber = { series: entry.demo ? 'training' : 'real', number: entry.receiptNumber, paidAt: entry.at };
    if (entry.refundNumber !== undefined) refundReceipts.set(refundKey(entry.saleId, entry.refundNumber), number);
    else receipts.set(entry.saleId, number);
  }
  return {
    receipts,
    refundReceipts,
    entries: [...snapshot.entries],
    sales,
    lastSeq: snapshot.lastSeq,
    lastAt: snapshot.lastAt,
    lastReceipt: { ...snapshot.lastReceipt },
  };
}

/** Applies records (in order) to a ledger; returns the same ledger, extended. */
export function extendLedger(ledger: Ledger, records: Iterable<LedgerRecord>): Ledger {
  const next = ledger.lastReceipt;
  for (const record of records) {
    if (record.seq <= ledger.lastSeq) continue;
    // Loaded before the position moves: a read error leaves the ledger where it was, not a record short.
    const before = isSaleRecordType(record.type) ? ledger.sales.get(record.saleId) : undefined;
    ledger.lastSeq = record.seq;
    ledger.lastAt = record.at;
    const parsed = parseSaleRecord(record);
    // A record the machine cannot read or apply is left out, as a replay leaves it out.
    if (!parsed.ok) continue;
    let after: Sale;
    try {
      after = applySaleRecord(before, parsed.record);
    } catch {
      continue;
    }
    ledger.sales.set(record.saleId, after);
    if (parsed.record.type === 'refunded') {
      addRefund(ledger, record, after, parsed.record.data.refundNumber);
      continue;
    }
    if (before?.state === after.state || !outcomes.has(after.state)) continue;
    const outcome = after.state as ReportOutcome;
    let receiptNumber: number | null = null;
    if (outcome === 'paid' && !ledger.receipts.has(after.id)) {
      const series = after.demo ? 'training' : 'real';
      receiptNumber = ++next[series];
      ledger.receipts.set(after.id, { series, number: receiptNumber, paidAt: record.at });
    }
    ledger.entries.push({
      seq: record.seq,
      at: record.at,
      saleId: after.id,
      outcome,
      demo: after.demo,
      provider: after.provider,
      currency: after.currency,
      amountMinor: after.amountMinor,
      vat: after.totals.vat,
      receiptNumber,
      ...(outcome === 'paid' ? { means: paymentMeansOf({ tender: after.tender ?? null, orderMethod: after.order?.method ?? null }) } : {}),
    });
  }
  return ledger;
}

/** A refund gave money back: an entry with its own receipt number (credit note), in the refunds' series. */
function addRefund(ledger: Ledger, record: LedgerRecord, sale: Sale, refundNumber: number): void {
  const refund = sale.refunds.find((r) => r.number === refundNumber);
  const key = refundKey(sale.id, refundNumber);
  if (!refund || ledger.refundReceipts.has(key)) return;
  const series = sale.demo ? 'training' : 'real';
  const receiptNumber = sale.demo ? ++ledger.lastReceipt.refundTraining : ++ledger.lastReceipt.refundReal;
  ledger.refundReceipts.set(key, { series, number: receiptNumber, paidAt: record.at });
  ledger.entries.push({
    seq: record.seq,
    at: record.at,
    saleId: sale.id,
    outcome: 'refunded',
    demo: sale.demo,
    provider: sale.provider,
    currency: sale.currency,
    amountMinor: refund.amountMinor,
    vat: refund.vat.map((v) => ({ ...v })),
    receiptNumber,
    refundNumber,
  });
}

export function buildLedger(records: Iterable<LedgerRecord>): Ledger {
  return extendLedger(emptyLedger(), records);
}
