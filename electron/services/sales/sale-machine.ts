/**
 * The sale state machine: pure functions from journal records to sales. The live service and a
 * replay after a restart run the same code, so the journal always rebuilds the state it produced.
 *
 * Transition table (record → from state(s) → to state):
 *
 *   sale-created        (none)                          → creating
 *   link-created        creating | needs-attention*     → waiting        (* only while awaiting a recreate decision: a late-found link is adopted)
 *   create-unknown      creating                        → needs-attention (awaiting recreate: only the clerk may create again)
 *   recreate-confirmed  needs-attention*                → creating       (new order reference)
 *   failed              creating                        → failed
 *   link-updated        waiting | opened                → (same)         (cart changed in place at the provider)
 *   link-replaced       waiting | opened                → creating       (old link confirmed cancelled; new order reference)
 *   link-sent           waiting | opened                → (same)
 *   status opened       waiting                         → opened         (journaled once)
 *   status paid         waiting | opened                → paid, or needs-attention (paid) when a cancel was requested
 *   status paid         cancelled | expired | failed    → needs-attention (paid): money after the sale ended is never ignored
 *   status paid         needs-attention (not paid)      → needs-attention (paid)
 *   status expired      waiting | opened                → expired
 *   status cancelled    waiting | opened                → cancelled      (cancelled at the provider)
 *   status failed       waiting | opened                → failed
 *   cancel-requested    waiting | opened                → (same), marked
 *   cancelled           waiting | opened | needs-attention* → cancelled
 *   needs-attention     any but paid, needs-attention   → needs-attention (e.g. amount or currency mismatch)
 *   resolved            needs-attention                 → paid if a payment was recorded, else cancelled
 *
 * Everything else is illegal and throws. `paid` is terminal, so a sale is never paid and cancelled.
 */
import type { Currency } from '../../../shared/domain/money';
import type { CartTotals } from '../../../shared/domain/schemas';
import type { PaymentLink, ProviderId, SaleState, SaleView } from '../../../shared/domain/sale';
import { englishText, msg, readMessage, type Message, type MessageKey } from '../../../shared/messages';
import { parseSaleRecord, type RawRecord, type ReasonData, type SaleRecord } from './sale-records';

/** A sale as the main process keeps it: the SaleView plus the bookkeeping the view leaves out. */
export interface Sale {
  readonly id: string;
  readonly number: number;
  readonly provider: ProviderId;
  readonly demo: boolean;
  readonly currency: Currency;
  readonly baseOrderReference: string;
  readonly orderReference: string;
  /** How many order references this sale has used (a recreate or a replace takes a new one). */
  readonly attempts: number;
  readonly state: SaleState;
  readonly amountMinor: number;
  readonly totals: CartTotals;
  readonly link: PaymentLink | null;
  readonly linkCreatedAt: string | null;
  readonly reason: string;
  /** The reason's Message; null when there is none or an old record gave only English text. */
  readonly reasonMessage: Message | null;
  /** A matching payment has been recorded for this sale. */
  readonly paid: boolean;
  readonly cancelRequested: boolean;
  /** The create's outcome is unknown and no link was found: only the clerk may create another. */
  readonly awaitingRecreate: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly { state: SaleState; at: string; note: string; noteMessage: Message | null }[];
}

export class IllegalTransition extends Error {
  override readonly name = 'IllegalTransition';
}

const NOTE_MAX = 500;
const clip = (text: string) => (text.length > NOTE_MAX ? `${text.slice(0, NOTE_MAX - 1)}…` : text);

/** Something said about a sale: English text (journal, logs, old readers) and its Message if known. */
interface Said {
  readonly text: string;
  readonly message: Message | null;
}
// Replay says the same few things hundreds of thousands of times (start-up, reports): render each
// once. Bounded, since a param may be a clerk's note or an e-mail address.
const said = new Map<string, Said>();
const SAID_MAX = 2_000;
const say = (key: MessageKey, params?: Readonly<Record<string, string | number>>): Said => {
  const cacheKey = params ? `${key}\u0000${JSON.stringify(params)}` : key;
  let entry = said.get(cacheKey);
  if (!entry) {
    const message = msg(key, params);
    entry = { text: englishText(message), message };
    if (said.size >= SAID_MAX) said.clear();
    said.set(cacheKey, entry);
  }
  return entry;
};
/** A reason stored in a record; an unknown or missing Message falls back to the stored text. */
const stored = (data: ReasonData): Said => ({ text: data.reason, message: readMessage(data.reasonMessage) });
const withReason = (said: Said) => ({ reason: clip(said.text), reasonMessage: said.message });
const noReason = { reason: '', reasonMessage: null } as const;
const historyEntry = (state: SaleState, at: string, note: Said) => ({ state, at, note: clip(note.text), noteMessage: note.message });

export function isLive(sale: Pick<Sale, 'state' | 'awaitingRecreate'>): boolean {
  return (
    sale.state === 'creating' ||
    sale.state === 'waiting' ||
    sale.state === 'opened' ||
    (sale.state === 'needs-attention' && sale.awaitingRecreate)
  );
}

/** A sale whose link the poller watches. */
export function isPollable(sale: Sale): boolean {
  return (sale.state === 'waiting' || sale.state === 'opened') && sale.link !== null;
}

function move(sale: Sale, record: SaleRecord, state: SaleState, note: Said, changes: Partial<Sale> = {}): Sale {
  return {
    ...sale,
    ...changes,
    state,
    updatedAt: record.at,
    history: [...sale.history, historyEntry(state, record.at, note)],
  };
}

function illegal(sale: Sale | undefined, record: SaleRecord): never {
  throw new IllegalTransition(`A ${record.type} record cannot apply to sale ${record.saleId} in state ${sale ? sale.state : '(none)'}.`);
}

const isOpenState = (sale: Sale) => sale.state === 'waiting' || sale.state === 'opened';

const paidAfter = {
  'needs-attention': { note: 'notePaidStillAttention', reason: 'reasonPaidStillAttention' },
  cancelled: { note: 'notePaidAfterCancelled', reason: 'reasonPaidAfterCancelled' },
  expired: { note: 'notePaidAfterExpired', reason: 'reasonPaidAfterExpired' },
  failed: { note: 'notePaidAfterFailed', reason: 'reasonPaidAfterFailed' },
} as const satisfies Partial<Record<SaleState, { note: MessageKey; reason: MessageKey }>>;

function paidAfterEnd(sale: Sale, record: SaleRecord): Sale {
  if (!(sale.state in paidAfter)) illegal(sale, record);
  const keys = paidAfter[sale.state as keyof typeof paidAfter];
  return move(sale, record, 'needs-attention', say(keys.note), { paid: true, ...withReason(say(keys.reason)), cancelRequested: false });
}

/** Applies one record to one sale. Pure; throws IllegalTransition for anything the table forbids. */
export function applySaleRecord(sale: Sale | undefined, record: SaleRecord): Sale {
  if (record.type === 'sale-created') {
    if (sale) illegal(sale, record);
    const d = record.data;
    return {
      id: record.saleId,
      number: d.number,
      provider: d.provider,
      demo: d.demo,
      currency: d.currency,
      baseOrderReference: d.orderReference,
      orderReference: d.orderReference,
      attempts: 1,
      state: 'creating',
      amountMinor: d.amountMinor,
      totals: d.totals,
      link: null,
      linkCreatedAt: null,
      ...noReason,
      paid: false,
      cancelRequested: false,
      awaitingRecreate: false,
      createdAt: record.at,
      updatedAt: record.at,
      history: [historyEntry('creating', record.at, say('noteSaleStarted'))],
    };
  }
  if (!sale) illegal(sale, record);
  const awaiting = sale.state === 'needs-attention' && sale.awaitingRecreate;

  switch (record.type) {
    case 'link-created':
      if (sale.state !== 'creating' && !awaiting) illegal(sale, record);
      return move(sale, record, 'waiting', say(record.data.adopted ? 'noteLinkAdopted' : 'noteLinkCreated'), {
        link: record.data.link,
        linkCreatedAt: record.at,
        awaitingRecreate: false,
        ...noReason,
      });
    case 'create-unknown': {
      if (sale.state !== 'creating') illegal(sale, record);
      const why = stored(record.data);
      return move(sale, record, 'needs-attention', why, { awaitingRecreate: true, ...withReason(why) });
    }
    case 'recreate-confirmed':
      if (!awaiting) illegal(sale, record);
      return move(sale, record, 'creating', say('noteRecreateConfirmed'), {
        awaitingRecreate: false,
        orderReference: record.data.orderReference,
        attempts: sale.attempts + 1,
        ...noReason,
      });
    case 'failed': {
      if (sale.state !== 'creating') illegal(sale, record);
      const why = stored(record.data);
      return move(sale, record, 'failed', why, withReason(why));
    }
    case 'link-updated':
      if (!isOpenState(sale) || sale.cancelRequested) illegal(sale, record);
      return move(sale, record, sale.state, say('noteLinkUpdated'), {
        link: record.data.link,
        totals: record.data.totals,
        amountMinor: record.data.amountMinor,
      });
    case 'link-replaced':
      if (!isOpenState(sale) || sale.cancelRequested) illegal(sale, record);
      return move(sale, record, 'creating', say('noteLinkReplaced'), {
        link: null,
        linkCreatedAt: null,
        orderReference: record.data.orderReference,
        attempts: sale.attempts + 1,
        totals: record.data.totals,
        amountMinor: record.data.amountMinor,
      });
    case 'link-sent':
      if (!isOpenState(sale)) illegal(sale, record);
      return move(
        sale,
        record,
        sale.state,
        say(record.data.via === 'email' ? 'noteLinkSentEmail' : 'noteLinkSentSms', { to: record.data.to }),
        {
          link: record.data.link,
        },
      );
    case 'status-observed':
      return applyStatus(sale, record);
    case 'cancel-requested':
      if (!isOpenState(sale)) illegal(sale, record);
      return { ...sale, cancelRequested: true, updatedAt: record.at };
    case 'cancelled':
      if (!isOpenState(sale) && !awaiting) illegal(sale, record);
      return move(sale, record, 'cancelled', say('noteCancelled'), { cancelRequested: false, awaitingRecreate: false, ...noReason });
    case 'needs-attention': {
      // Also after the sale ended: a mismatched payment showing up late is never ignored.
      if (sale.state === 'paid' || sale.state === 'needs-attention') illegal(sale, record);
      const why = stored(record.data);
      return move(sale, record, 'needs-attention', why, withReason(why));
    }
    case 'resolved': {
      if (sale.state !== 'needs-attention') illegal(sale, record);
      // The clerk's own note is shown as written, in any language.
      const resolved = say('reasonResolved', { note: clip(record.data.note) });
      return move(sale, record, sale.paid ? 'paid' : 'cancelled', resolved, { awaitingRecreate: false, ...withReason(resolved) });
    }
  }
}

function applyStatus(sale: Sale, record: SaleRecord<'status-observed'>): Sale {
  const { status, reference, providerStatus } = record.data;
  if (sale.link?.reference !== reference) illegal(sale, record);
  const note = say('noteProviderReports', { status: providerStatus || status });
  if (status === 'paid') {
    if (sale.paid || sale.state === 'paid' || sale.state === 'creating') illegal(sale, record);
    if (isOpenState(sale)) {
      if (!sale.cancelRequested) return move(sale, record, 'paid', note, { paid: true, ...noReason });
      return move(sale, record, 'needs-attention', note, {
        paid: true,
        cancelRequested: false,
        ...withReason(say('reasonPaidWhileCancelling')),
      });
    }
    return paidAfterEnd(sale, record);
  }
  if (!isOpenState(sale)) illegal(sale, record);
  if (status === 'opened') {
    if (sale.state !== 'waiting') illegal(sale, record);
    return move(sale, record, 'opened', say('noteCustomerOpened'));
  }
  return move(sale, record, status, note, {
    cancelRequested: false,
    ...(status === 'failed' ? withReason(say('reasonProviderFailed')) : noReason),
  });
}

export interface ReplayResult {
  sales: Map<string, Sale>;
  maxNumber: number;
  /** Records the machine could not apply: a person should look (the journal is not changed). */
  problems: string[];
}

/** Where a replay keeps its sales: a Map, or a SaleTable that loads old sales on demand. */
export interface SaleSink {
  get(id: string): Sale | undefined;
  set(id: string, sale: Sale): void;
}

type ReplayRecord = RawRecord;

/** Rebuilds every sale from the journal. Records of other types are ignored; illegal ones reported. */
export function replaySales(records: Iterable<ReplayRecord>): ReplayResult {
  const sales = new Map<string, Sale>();
  return { sales, ...replayInto(sales, records) };
}

/**
 * Applies records, in order, to sales already known (from a checkpoint, say) whose highest sale
 * number is `maxNumber`.
 */
export function replayInto(sales: SaleSink, records: Iterable<ReplayRecord>, maxNumber = 0): { maxNumber: number; problems: string[] } {
  const problems: string[] = [];
  for (const raw of records) {
    const parsed = parseSaleRecord(raw);
    if (!parsed.ok) {
      problems.push(`Journal record ${raw.seq ?? '?'} ${parsed.problem}.`);
      continue;
    }
    const record = parsed.record;
    try {
      const next = applySaleRecord(sales.get(record.saleId), record);
      if (record.type === 'sale-created') {
        if (next.number !== maxNumber + 1) problems.push(`Sale number ${next.number} follows ${maxNumber}: numbers are not consecutive.`);
        maxNumber = Math.max(maxNumber, next.number);
      }
      sales.set(record.saleId, next);
    } catch (error) {
      problems.push(`Journal record ${raw.seq ?? '?'}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { maxNumber, problems };
}

/**
 * One sale rebuilt from its own records, exactly as a replay of the whole journal leaves it (the
 * replay's problems, such as sale-number gaps, belong to the whole journal and are not repeated).
 */
export function foldSale(id: string, records: readonly ReplayRecord[]): Sale | undefined {
  const sales = new Map<string, Sale>();
  replayInto(
    sales,
    records.filter((r) => r.saleId === id),
  );
  return sales.get(id);
}

export function toView(sale: Sale, connectionLost = false): SaleView {
  return {
    id: sale.id,
    number: sale.number,
    orderReference: sale.orderReference,
    state: sale.state,
    provider: sale.provider,
    demo: sale.demo,
    currency: sale.currency,
    amountMinor: sale.amountMinor,
    totals: sale.totals,
    link: sale.link,
    reason: sale.reason,
    reasonMessage: sale.reasonMessage,
    connectionLost,
    createdAt: sale.createdAt,
    updatedAt: sale.updatedAt,
    history: sale.history.map((h) => ({ ...h })),
  };
}
