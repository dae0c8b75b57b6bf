import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import * as fsp from 'node:fs/promises';
import type { ReportEntry, ReportOutcome } from '../../../shared/domain/report';
import { reportOutcomes } from '../../../shared/domain/report';
import { saleStates, providerIds, type ProviderId, type SaleState } from '../../../shared/domain/sale';
import type { Currency } from '../../../shared/domain/money';
import { paymentMeans, type PaymentMeans } from '../../../shared/domain/tender';
import type { VatBreakdown } from '../../../shared/domain/schemas';
import { restoreLedger, type Ledger, type LedgerSnapshot } from '../receipts/ledger';
import type { RestoredSales } from '../sales/checkout-service';
import { foldSale } from '../sales/sale-machine';
import { SaleTable, type SaleSummary } from '../sales/sale-table';
import { fsyncDir, type Journal, type JournalAnchor } from '../journal/journal';
import { nodeJournalFs } from '../journal/fs';
import type { TillLifeState } from './till-life';

/**
 * The checkpoint: what start-up would otherwise rebuild from every line of the journal — each
 * sale's summary, the report ledger and where each record sits in the file — as of one journal
 * record (the anchor). It is a cache, never the truth: start-up uses it only when the anchor's
 * record is still where it says with the same hash, reads just the lines after it, and checks the
 * lines before it in the background. Anything wrong with the file and start-up reads the whole
 * journal, as it does without one.
 *
 * Format: one header line `LINKPOS-CHECKPOINT 1 <CRC-32 of the body, 8 hex digits>`, then the body, a compact
 * JSON document (rows as arrays, sales in entries and positions named by their row number). It is
 * written to a temporary file, fsynced and renamed over the old one.
 */
export const CHECKPOINT_FILE = 'sales.checkpoint';
const HEADER = 'LINKPOS-CHECKPOINT 1 ';

export interface Checkpoint {
  anchor: JournalAnchor;
  /** Journal positions by sale: [offset, length, …]. */
  index: Map<string, number[]>;
  maxNumber: number;
  summaries: SaleSummary[];
  ledger: LedgerSnapshot;
  /** What the sales replay before the anchor could not apply: alarmed at every start, as before. */
  problems: string[];
  /** Sales with a refund under way at the anchor (absent in checkpoints from before refunds). */
  openRefunds?: string[];
  /** The till's life at the anchor (till-life.ts; absent in checkpoints from before it was journaled). */
  till?: TillLifeState;
  /**
   * Whether the control unit's file held anything at the anchor (a Swedish till, or one that once
   * was): only then is a lost file rebuilt from the journal. Absent in checkpoints from before it.
   */
  controlUnit?: boolean;
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/**
 * The body stores columns, not rows: a few long arrays parse several times faster than hundreds of
 * thousands of short ones, and a start-up reads 100 000 sales of them.
 */
interface Body {
  anchor: JournalAnchor;
  maxNumber: number;
  problems: string[];
  /** Added with refunds; an older checkpoint has none (and no refunds). */
  openRefunds?: string[];
  /** Added with the till's start and stop in the journal; an older checkpoint has none. */
  till?: TillLifeState;
  /** Added with the control unit's start-up rebuild; an older checkpoint has none. */
  controlUnit?: boolean;
  sales: {
    id: string[];
    number: number[];
    state: SaleState[];
    createdAt: string[];
    updatedAt: string[];
    amountMinor: number[];
    orderReference: string[];
    awaitingRecreate: (0 | 1)[];
    /** How many numbers of `positions` belong to each sale, in order. */
    positionCount: number[];
    /**
     * Each record as (start − end of the record before it in this list, + 1 for its newline;
     * length): the journal index, delta-coded.
     */
    positions: number[];
  };
  /** Positions of records under ids that are not sales (unknown record types). */
  otherPositions: [string, number[]][];
  ledger: {
    lastSeq: number;
    lastAt: string | null;
    /** `refundReal`, `refundTraining`: added with refunds (absent before, meaning 0). */
    lastReceipt: { real: number; training: number; refundReal?: number; refundTraining?: number };
    entries: {
      seq: number[];
      at: string[];
      /** The sale's row, or its id when it is not one of the checkpoint's sales. */
      sale: (number | string)[];
      outcome: ReportOutcome[];
      demo: (0 | 1)[];
      provider: ProviderId[];
      currency: Currency[];
      amountMinor: number[];
      /** VAT rows per entry; `vat` holds four numbers per row (rate, gross, net, VAT). */
      vatCount: number[];
      vat: number[];
      receiptNumber: (number | null)[];
      /** The refund's number within its sale for a `refunded` entry (added with refunds; absent before). */
      refund?: (number | null)[];
      /** A paid entry's payment means (added with other tenders; absent before). */
      means?: (PaymentMeans | null)[];
    };
  };
}

// Guards against a damaged file, not an attacker (the journal's hash chain is the record of truth,
// and the background check reads every line before the anchor): a CRC is enough, and ten times
// faster than SHA-256 over a 100 000-sale checkpoint.
const checksum = (data: string | Uint8Array) => crc32(data).toString(16).padStart(8, '0');

export function encodeCheckpoint(checkpoint: Checkpoint): string {
  const rowOf = new Map<string, number>();
  const list = checkpoint.summaries;
  let nextOffset = 0;
  const sales: Body['sales'] = {
    id: [],
    number: [],
    state: [],
    createdAt: [],
    updatedAt: [],
    amountMinor: [],
    orderReference: [],
    awaitingRecreate: [],
    positionCount: [],
    positions: [],
  };
  list.forEach((s, i) => {
    rowOf.set(s.id, i);
    sales.id.push(s.id);
    sales.number.push(s.number);
    sales.state.push(s.state);
    sales.createdAt.push(s.createdAt);
    sales.updatedAt.push(s.updatedAt);
    sales.amountMinor.push(s.amountMinor);
    sales.orderReference.push(s.orderReference);
    sales.awaitingRecreate.push(s.awaitingRecreate ? 1 : 0);
    const p = checkpoint.index.get(s.id) ?? [];
    sales.positionCount.push(p.length);
    for (let k = 0; k + 1 < p.length; k += 2) {
      // Records mostly follow each other in the file: store how far each starts from where the one
      // before it ended (usually 0) rather than nine-digit offsets.
      sales.positions.push(p[k]! - nextOffset, p[k + 1]!);
      nextOffset = p[k]! + p[k + 1]! + 1;
    }
  });
  const otherPositions: [string, number[]][] = [];
  for (const [id, p] of checkpoint.index) if (!rowOf.has(id)) otherPositions.push([id, p]);
  const entries: Body['ledger']['entries'] = {
    seq: [],
    at: [],
    sale: [],
    outcome: [],
    demo: [],
    provider: [],
    currency: [],
    amountMinor: [],
    vatCount: [],
    vat: [],
    receiptNumber: [],
    refund: [],
    means: [],
  };
  for (const e of checkpoint.ledger.entries) {
    entries.seq.push(e.seq);
    entries.at.push(e.at);
    entries.sale.push(rowOf.get(e.saleId) ?? e.saleId);
    entries.outcome.push(e.outcome);
    entries.demo.push(e.demo ? 1 : 0);
    entries.provider.push(e.provider);
    entries.currency.push(e.currency);
    entries.amountMinor.push(e.amountMinor);
    entries.vatCount.push(e.vat.length);
    for (const v of e.vat) entries.vat.push(v.vatRate, v.grossMinor, v.netMinor, v.vatMinor);
    entries.receiptNumber.push(e.receiptNumber);
    entries.refund?.push(e.refundNumber ?? null);
    entries.means?.push(e.means ?? null);
  }
  const { lastSeq, lastAt, lastReceipt } = checkpoint.ledger;
  const body: Body = {
    anchor: checkpoint.anchor,
    maxNumber: checkpoint.maxNumber,
    problems: checkpoint.problems,
    ...(checkpoint.openRefunds ? { openRefunds: checkpoint.openRefunds } : {}),
    ...(checkpoint.till ? { till: checkpoint.till } : {}),
    ...(checkpoint.controlUnit !== undefined ? { controlUnit: checkpoint.controlUnit } : {}),
    sales,
    otherPositions,
    ledger: { lastSeq, lastAt, lastReceipt, entries },
  };
  const text = JSON.stringify(body);
  return `${HEADER}${checksum(text)}\n${text}`;
}

export function decodeCheckpoint(file: Uint8Array | string): Checkpoint {
  const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const nl = bytes.indexOf(0x0a);
  const header = bytes.toString('latin1', 0, Math.max(0, nl));
  if (!header.startsWith(HEADER) || nl !== HEADER.length + 8) throw new CheckpointError('not a LinkPOS checkpoint (or another version)');
  if (checksum(bytes.subarray(nl + 1)) !== header.slice(HEADER.length)) throw new CheckpointError('checksum does not match');
  const text = bytes.toString('utf8', nl + 1);
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    throw new CheckpointError('not valid JSON');
  }
  // The checksum says these are the bytes that were written; these checks say the writer was ours.
  check(isAnchor(body.anchor) && isCount(body.maxNumber), 'anchor');
  check(Array.isArray(body.problems) && body.problems.every((p) => typeof p === 'string'), 'problems');
  const s = body.sales;
  const n = columns(
    s,
    ['id', 'number', 'state', 'createdAt', 'updatedAt', 'amountMinor', 'orderReference', 'awaitingRecreate', 'positionCount'],
    'sales',
  );
  check(Array.isArray(s.positions) && Array.isArray(body.otherPositions) && isLedgerHead(body.ledger), 'checkpoint');

  const summaries: SaleSummary[] = new Array<SaleSummary>(n);
  const index = new Map<string, number[]>();
  let at = 0;
  let nextOffset = 0;
  for (let i = 0; i < n; i++) {
    const id = s.id[i]!;
    check(
      typeof id === 'string' &&
        isCount(s.number[i]) &&
        states.has(s.state[i]) &&
        typeof s.createdAt[i] === 'string' &&
        typeof s.updatedAt[i] === 'string' &&
        Number.isSafeInteger(s.amountMinor[i]) &&
        typeof s.orderReference[i] === 'string',
      'sale',
    );
    summaries[i] = {
      id,
      number: s.number[i]!,
      state: s.state[i]!,
      createdAt: s.createdAt[i]!,
      updatedAt: s.updatedAt[i]!,
      amountMinor: s.amountMinor[i]!,
      orderReference: s.orderReference[i]!,
      awaitingRecreate: s.awaitingRecreate[i] === 1,
    };
    const count = s.positionCount[i]!;
    check(isCount(count) && count % 2 === 0 && at + count <= s.positions.length, 'positions');
    if (count > 0) {
      const positions = new Array<number>(count);
      for (let k = 0; k < count; k += 2, at += 2) {
        const offset = nextOffset + s.positions[at]!;
        const length = s.positions[at + 1]!;
        check(isCount(offset) && isCount(length), 'positions');
        positions[k] = offset;
        positions[k + 1] = length;
        nextOffset = offset + length + 1;
      }
      index.set(id, positions);
    }
  }
  check(at === s.positions.length, 'positions');
  for (const entry of body.otherPositions) {
    check(Array.isArray(entry) && typeof entry[0] === 'string' && isPositions(entry[1]), 'positions');
    index.set(entry[0], entry[1]);
  }

  const e = body.ledger.entries;
  const m = columns(
    e,
    ['seq', 'at', 'sale', 'outcome', 'demo', 'provider', 'currency', 'amountMinor', 'vatCount', 'receiptNumber'],
    'entries',
  );
  check(Array.isArray(e.vat) && e.vat.every((v) => Number.isSafeInteger(v)), 'entry VAT');
  check(e.refund === undefined || (Array.isArray(e.refund) && e.refund.length === m), 'entry refunds');
  check(
    e.means === undefined || (Array.isArray(e.means) && e.means.length === m && e.means.every((x) => x === null || meansSet.has(x))),
    'entry means',
  );
  check(
    body.openRefunds === undefined || (Array.isArray(body.openRefunds) && body.openRefunds.every((id) => typeof id === 'string')),
    'open refunds',
  );
  check(body.till === undefined || isTillLife(body.till), 'till life');
  check(body.controlUnit === undefined || typeof body.controlUnit === 'boolean', 'control unit');
  const entries: ReportEntry[] = new Array<ReportEntry>(m);
  let v = 0;
  for (let i = 0; i < m; i++) {
    const row = e.sale[i];
    const saleId = typeof row === 'number' ? summaries[row]?.id : row;
    const receiptNumber = e.receiptNumber[i]!;
    const vatCount = e.vatCount[i]!;
    const refundNumber = e.refund?.[i] ?? null;
    const means = e.means?.[i] ?? null;
    check((refundNumber === null || isCount(refundNumber)) && (refundNumber === null) === (e.outcome[i] !== 'refunded'), 'entry refund');
    check(
      isCount(e.seq[i]) &&
        typeof e.at[i] === 'string' &&
        typeof saleId === 'string' &&
        outcomes.has(e.outcome[i]) &&
        providers.has(e.provider[i]) &&
        typeof e.currency[i] === 'string' &&
        Number.isSafeInteger(e.amountMinor[i]) &&
        (receiptNumber === null || isCount(receiptNumber)) &&
        isCount(vatCount) &&
        v + 4 * vatCount <= e.vat.length,
      'entry',
    );
    const vat: VatBreakdown[] = new Array<VatBreakdown>(vatCount);
    for (let k = 0; k < vatCount; k++, v += 4)
      vat[k] = { vatRate: e.vat[v]!, grossMinor: e.vat[v + 1]!, netMinor: e.vat[v + 2]!, vatMinor: e.vat[v + 3]! };
    entries[i] = {
      seq: e.seq[i]!,
      at: e.at[i]!,
      saleId,
      outcome: e.outcome[i]!,
      demo: e.demo[i] === 1,
      provider: e.provider[i]!,
      currency: e.currency[i]!,
      amountMinor: e.amountMinor[i]!,
      vat,
      receiptNumber,
      ...(refundNumber === null ? {} : { refundNumber }),
      ...(means === null ? {} : { means }),
    };
  }
  check(v === e.vat.length, 'entry VAT');
  const { lastSeq, lastAt, lastReceipt } = body.ledger;
  return {
    anchor: body.anchor,
    index,
    maxNumber: body.maxNumber,
    problems: body.problems,
    ...(body.openRefunds ? { openRefunds: body.openRefunds } : {}),
    ...(body.till ? { till: { last: body.till.last, signedIn: body.till.signedIn, training: body.till.training } } : {}),
    ...(body.controlUnit !== undefined ? { controlUnit: body.controlUnit } : {}),
    summaries,
    ledger: {
      entries,
      lastSeq,
      lastAt,
      lastReceipt: {
        real: lastReceipt.real,
        training: lastReceipt.training,
        refundReal: lastReceipt.refundReal ?? 0,
        refundTraining: lastReceipt.refundTraining ?? 0,
      },
    },
  };
}

/** Checks that every named column is an array of one length, and returns it. */
function columns<T extends object>(table: T, names: readonly (keyof T)[], what: string): number {
  check(typeof table === 'object' && table !== null, what);
  const first = table[names[0]!];
  check(Array.isArray(first), what);
  const length = (first as unknown[]).length;
  for (const name of names)
    check(Array.isArray(table[name]) && (table[name] as unknown[]).length === length, `${what} column ${String(name)}`);
  return length;
}

const states = new Set<unknown>(saleStates);
const outcomes = new Set<unknown>(reportOutcomes);
const providers = new Set<unknown>(providerIds);
const meansSet = new Set<unknown>(paymentMeans);

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new CheckpointError(`unexpected ${what}`);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isAnchor(value: unknown): value is JournalAnchor {
  const a = value as Partial<JournalAnchor> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    isCount(a.seq) &&
    a.seq > 0 &&
    typeof a.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(a.hash) &&
    isCount(a.offset) &&
    isCount(a.length) &&
    isCount(a.line)
  );
}

/** The till's life; one written before it dropped `lastAt` (kept by the ledger) still reads. */
function isTillLife(value: unknown): value is TillLifeState & { lastAt?: string | null } {
  const t = value as (Partial<TillLifeState> & { lastAt?: unknown }) | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    (t.last === null || t.last === 'started' || t.last === 'stopped') &&
    Array.isArray(t.signedIn) &&
    t.signedIn.every(
      (m: unknown) =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as { id?: unknown }).id === 'string' &&
        typeof (m as { name?: unknown }).name === 'string',
    ) &&
    (t.training === null || typeof t.training === 'boolean') &&
    (t.lastAt === undefined || t.lastAt === null || typeof t.lastAt === 'string')
  );
}

function isPositions(value: unknown): value is number[] {
  return Array.isArray(value) && value.length % 2 === 0 && value.every((n) => isCount(n));
}

function isLedgerHead(value: unknown): value is Body['ledger'] {
  const l = value as Partial<Body['ledger']> | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    isCount(l.lastSeq) &&
    (l.lastAt === null || typeof l.lastAt === 'string') &&
    typeof l.lastReceipt === 'object' &&
    l.lastReceipt !== null &&
    isCount(l.lastReceipt.real) &&
    isCount(l.lastReceipt.training) &&
    (l.lastReceipt.refundReal === undefined || isCount(l.lastReceipt.refundReal)) &&
    (l.lastReceipt.refundTraining === undefined || isCount(l.lastReceipt.refundTraining))
  );
}

/**
 * What start-up rebuilds from a checkpoint the journal accepted: the sales for the checkout and the
 * report ledger, both over summaries that are rebuilt from their own records up to the anchor when
 * first needed.
 */
export function restoreFromCheckpoint(
  checkpoint: Checkpoint,
  journal: Pick<Journal, 'readSale'>,
  onUnusable?: (id: string) => void,
): { sales: RestoredSales; ledger: Ledger } {
  const load = (id: string) => foldSale(id, journal.readSale(id, checkpoint.anchor.seq));
  return {
    sales: {
      seq: checkpoint.anchor.seq,
      summaries: checkpoint.summaries,
      maxNumber: checkpoint.maxNumber,
      problems: checkpoint.problems,
      openRefunds: checkpoint.openRefunds ?? [],
      load,
    },
    ledger: restoreLedger(checkpoint.ledger, SaleTable.restore(checkpoint.summaries, load, onUnusable)),
  };
}

/** The checkpoint in `dir`, or null when there is none or it cannot be used (the reason is returned for the log). */
export async function readCheckpoint(dir: string): Promise<{ checkpoint: Checkpoint | null; problem: string | null }> {
  let file: Uint8Array;
  try {
    file = await fsp.readFile(join(dir, CHECKPOINT_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoint: null, problem: null };
    return { checkpoint: null, problem: `unreadable: ${(error as Error).message}` };
  }
  try {
    return { checkpoint: decodeCheckpoint(file), problem: null };
  } catch (error) {
    return { checkpoint: null, problem: error instanceof CheckpointError ? error.message : String(error) };
  }
}

/**
 * Replaces the checkpoint atomically: a crash leaves the old one or the new one, never half of one.
 * The checkpoint is encoded at the call, so the caller's snapshot is the one written.
 */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  // Encoded before the first await: the index and the entries go on growing with the journal.
  const text = encodeCheckpoint(checkpoint);
  const path = join(dir, CHECKPOINT_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await fsp.open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temporary, path);
  await fsyncDir(nodeJournalFs, dir);
  // A process that died mid-write left its temporary file (as large as a checkpoint): clear those.
  for (const name of await fsp.readdir(dir)) {
    if (name.startsWith(`${CHECKPOINT_FILE}.`) && name.endsWith('.tmp')) await fsp.rm(join(dir, name), { force: true });
  }
}
