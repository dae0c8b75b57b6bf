/**
 * The sale state machine: pure functions from journal records to sales. The live service and a
 * replay after a restart run the same code, so the journal always rebuilds the state it produced.
 *
 * Which record may apply to a sale, and where it may take it, is the data in `transitions` below;
 * everything else is illegal and throws. ARCHITECTURE.md's table is checked against it by a test.
 */
import type { Currency } from '../../../shared/domain/money';
import type { CartTotals } from '../../../shared/domain/schemas';
import type { Tender } from '../../../shared/domain/tender';
import type { PaymentLink, ProviderId, SaleState, SaleView, Settlement } from '../../../shared/domain/sale';
import { providerInfo } from '../../../shared/providers/registry';
import { englishText, msg, readMessage, type Message, type MessageKey } from '../../../shared/messages';
import { controlUnitRecordTypes } from '../control-unit/records';
import { DRAWER_OPENED_RECORD_TYPE } from '../drawer/drawer-record';
import { Z_REPORT_PRINTED_RECORD_TYPE } from '../report-records/z-print-record';
import { JOURNAL_EXPORTED_RECORD_TYPE } from '../report-records/export-record';
import { X_REPORT_PRINTED_RECORD_TYPE } from '../report-records/x-print-record';
import { STAFF_SIGNED_IN_RECORD_TYPE, STAFF_SIGNED_OUT_RECORD_TYPE } from '../report-records/staff-session-record';
import { tillLifeRecordTypes } from '../report-records/till-life-record';
import { RECEIPT_MAIL_RECORD_TYPE } from '../mail/mail-record';
import { SEAL_RECORD_TYPE } from '../seal/seal-record';
import {
  parseSaleRecord,
  type ObservedStatus,
  type OrderDecision,
  type RawRecord,
  type ReasonData,
  type SaleRecord,
  type SaleRecordType,
} from './sale-records';
import { applyRefundRecord, type SaleRefund } from './refund-machine';

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
  /** The till's name when the sale was made; absent for sales from before till names. */
  readonly tillName?: string;
  /** The member of staff who charged the sale; absent on a till without staff. */
  readonly clerk?: { readonly id: string; readonly name: string };
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
  /** The provider's order behind the paid link, as last journaled (Ecster); null before one exists. */
  readonly order: SaleOrderState | null;
  /** The debit LinkPOS journaled before sending it; null until then. Never a second one. */
  readonly capture: SaleCapture | null;
  /** How a paid sale's money was taken, where an order says (null for a link-only provider). */
  readonly settlement: Settlement | null;
  /** The sale's refunds, numbered 1, 2, … (refund-machine.ts); empty for most sales. */
  readonly refunds: readonly SaleRefund[];
  /** Paid another way (cash, a card terminal) when no link could be made; absent on a link sale. */
  readonly tender?: Tender;
  /** For a tender sale: the link sale whose cart it took, confirmed not paid. */
  readonly replaces?: string;
  /**
   * A person closed the sale as not paid (`resolved`) before the provider confirmed that its link
   * ended, and no order was seen on it: the link is watched on (isFollowed). Derived from the
   * journal, never stored in it; absent on every other sale.
   */
  readonly closedUnconfirmed?: true;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly { state: SaleState; at: string; note: string; noteMessage: Message | null }[];
}

export interface SaleOrderState {
  readonly orderId: string;
  readonly providerStatus: string;
  readonly method: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly feeMinor: number;
  readonly debitedMinor: number;
  readonly decision: OrderDecision;
}

export interface SaleCapture {
  readonly transactionReference: string;
  readonly amountMinor: number;
  /** `requested`: journaled, answer not yet recorded; `unknown`: the answer was lost — read, never re-send. */
  readonly state: 'requested' | 'unknown';
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
    sale.state === 'completing' ||
    (sale.state === 'needs-attention' && sale.awaitingRecreate)
  );
}

/** A sale whose link the poller watches. */
export function isPollable(sale: Sale): boolean {
  return (sale.state === 'waiting' || sale.state === 'opened' || sale.state === 'completing') && sale.link !== null;
}

/**
 * A sale the clerk stopped waiting for, or a person closed, while its order was still undecided
 * (unsigned, awaiting a decision): the order is followed until it decides, so money that comes
 * later is seen (it makes the sale need attention) and never silently lost.
 */
export function followsOrder(sale: Sale): boolean {
  return (
    !sale.paid &&
    sale.link !== null &&
    sale.order?.decision === 'pending' &&
    (sale.state === 'needs-attention' || sale.state === 'cancelled')
  );
}

/**
 * A sale a person resolved as not paid before the provider confirmed its link ended (the network
 * was down past its validity, the provider stopped answering about it) and on which no order was
 * seen: the customer may have paid meanwhile, so the link is watched until the provider says how
 * it ended; money found then makes the sale need a person again (`status paid` after the end).
 */
export function closedUnconfirmed(sale: Sale): boolean {
  return sale.state === 'cancelled' && !sale.paid && sale.link !== null && sale.closedUnconfirmed === true;
}

const isMismatchReason = (reason: Message | null) =>
  reason !== null && (reason.key.startsWith('reasonMismatch') || reason.key === 'reasonFoundLinkMismatch');

/** A sale that left the till while money could still come for it: the poller goes on following it. */
export function isFollowed(sale: Sale): boolean {
  return followsOrder(sale) || closedUnconfirmed(sale);
}

/**
 * A sale a person must look at although nothing was paid and no order or debit holds it (the
 * provider no longer knows its link, its end could not be confirmed, a link that did not match):
 * the clerk may make a new link for the same cart (`link-replaced`, once the old link is confirmed
 * gone) or close it as not paid (`cancelled`).
 */
export function isRelinkable(sale: Sale): boolean {
  return (
    sale.state === 'needs-attention' &&
    !sale.paid &&
    !sale.awaitingRecreate &&
    sale.link !== null &&
    sale.capture === null &&
    (sale.order === null || sale.order.decision === 'ended')
  );
}

/** What happened, as the transition table names it: a record type, or a status the provider reported. */
export type SaleEvent =
  Exclude<SaleRecordType, 'status-observed' | 'order-observed'> | `status ${ObservedStatus}` | `order ${OrderDecision}`;
/** Where a sale may be for an event: a state, or `awaiting-recreate` (needs-attention, waiting for the clerk to create again). */
export type SalePosition = SaleState | 'awaiting-recreate';
/** Where an event may take a sale; `same` keeps its state. */
export type SaleTarget = SaleState | 'same';

/**
 * The transition table. `from` is checked before a record applies (an empty list: only before the
 * sale exists); `to` after. A few rules sit beside it in `applySaleRecord`, named there: a status
 * must be about the sale's own link, a cart cannot change while a cancel is pending, and a payment
 * is recorded once. `paid` is in no `from` but `status paid`'s, so a sale is never paid and cancelled.
 */
export const transitions: Readonly<Record<SaleEvent, { readonly from: readonly SalePosition[]; readonly to: readonly SaleTarget[] }>> = {
  'sale-created': { from: [], to: ['creating'] },
  // Only for a sale created with a tender (cash, card terminal): the money is in hand, no link.
  'tender-recorded': { from: ['creating'], to: ['paid'] },
  'link-created': { from: ['creating', 'awaiting-recreate'], to: ['waiting'] },
  'create-unknown': { from: ['creating'], to: ['needs-attention'] },
  'recreate-confirmed': { from: ['awaiting-recreate'], to: ['creating'] },
  failed: { from: ['creating'], to: ['failed'] },
  'link-updated': { from: ['waiting', 'opened'], to: ['same'] },
  // Also for a sale whose link is gone with nothing paid (isRelinkable): a new link for its cart.
  'link-replaced': { from: ['waiting', 'opened', 'needs-attention'], to: ['creating'] },
  'link-sent': { from: ['waiting', 'opened'], to: ['same'] },
  'status opened': { from: ['waiting'], to: ['opened'] },
  // Money after the sale ended (or while a person looks at it) is never ignored.
  'status paid': { from: ['waiting', 'opened', 'expired', 'cancelled', 'failed', 'needs-attention'], to: ['paid', 'needs-attention'] },
  'status expired': { from: ['waiting', 'opened'], to: ['expired'] },
  'status cancelled': { from: ['waiting', 'opened'], to: ['cancelled'] },
  'status failed': { from: ['waiting', 'opened'], to: ['failed'] },
  'cancel-requested': { from: ['waiting', 'opened'], to: ['same'] },
  // From needs-attention only when nothing was paid (isRelinkable): the clerk closes it as not paid.
  cancelled: { from: ['waiting', 'opened', 'awaiting-recreate', 'needs-attention'], to: ['cancelled'] },
  // Also after the sale ended: a mismatched payment showing up late is never ignored.
  'needs-attention': { from: ['creating', 'waiting', 'opened', 'completing', 'expired', 'cancelled', 'failed'], to: ['needs-attention'] },
  resolved: { from: ['needs-attention'], to: ['paid', 'cancelled'] },
  // The order behind a paid link (Ecster) decides; each is journaled when the decision or the
  // order's status changes, never for every poll.
  'order pending': { from: ['waiting', 'opened', 'completing'], to: ['completing'] },
  'order capture': { from: ['waiting', 'opened', 'completing'], to: ['completing'] },
  'order paid': { from: ['waiting', 'opened', 'completing'], to: ['paid'] },
  'order ended': { from: ['waiting', 'opened', 'completing'], to: ['failed'] },
  'order attention': { from: ['waiting', 'opened', 'completing'], to: ['needs-attention'] },
  'capture-requested': { from: ['completing'], to: ['same'] },
  captured: { from: ['completing'], to: ['paid'] },
  'capture-unknown': { from: ['completing'], to: ['same'] },
  'capture-failed': { from: ['completing'], to: ['needs-attention'] },
  // A paid sale's refunds: each a machine of its own (refund-machine.ts); the sale stays paid.
  'refund-requested': { from: ['paid'], to: ['same'] },
  'refund-sent': { from: ['paid'], to: ['same'] },
  'refund-unknown': { from: ['paid'], to: ['same'] },
  refunded: { from: ['paid'], to: ['same'] },
  'refund-failed': { from: ['paid'], to: ['same'] },
  'refund-attention': { from: ['paid'], to: ['same'] },
};

const eventOf = (record: SaleRecord): SaleEvent =>
  record.type === 'status-observed'
    ? `status ${record.data.status}`
    : record.type === 'order-observed'
      ? `order ${record.data.decision}`
      : record.type;

function mayApply(sale: Sale | undefined, from: readonly SalePosition[]): boolean {
  if (!sale) return from.length === 0;
  return from.includes(sale.state) || (sale.state === 'needs-attention' && sale.awaitingRecreate && from.includes('awaiting-recreate'));
}

function move(sale: Sale, record: SaleRecord, state: SaleState, note: Said, changes: Partial<Sale> = {}): Sale {
  // Following a closed link (`closedUnconfirmed`) is decided by the record that closes it, `resolved`;
  // any later transition ends it unless it says so again.
  const { closedUnconfirmed: _followed, ...rest } = sale;
  return {
    ...rest,
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
  const { from, to } = transitions[eventOf(record)];
  if (!mayApply(sale, from)) illegal(sale, record);
  const next = apply(sale, record);
  if (!to.includes(next.state) && !(to.includes('same') && next.state === sale?.state)) illegal(sale, record);
  return next;
}

/** What a record does to a sale the table lets it apply to. */
function apply(sale: Sale | undefined, record: SaleRecord): Sale {
  if (record.type === 'sale-created') {
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
      ...(d.tillName !== undefined ? { tillName: d.tillName } : {}),
      ...(d.clerk !== undefined ? { clerk: d.clerk } : {}),
      ...(d.tender !== undefined ? { tender: d.tender } : {}),
      ...(d.replaces !== undefined ? { replaces: d.replaces } : {}),
      link: null,
      linkCreatedAt: null,
      ...noReason,
      paid: false,
      cancelRequested: false,
      awaitingRecreate: false,
      order: null,
      capture: null,
      settlement: null,
      refunds: [],
      createdAt: record.at,
      updatedAt: record.at,
      history: [historyEntry('creating', record.at, say('noteSaleStarted'))],
    };
  }
  if (!sale) illegal(sale, record);

  switch (record.type) {
    case 'tender-recorded':
      if (!sale.tender) illegal(sale, record);
      return move(sale, record, 'paid', say(sale.tender.kind === 'cash' ? 'notePaidCash' : 'notePaidTerminal'), { paid: true });
    case 'link-created':
      // A tender sale never gets a link.
      if (sale.tender) illegal(sale, record);
      return move(sale, record, 'waiting', say(record.data.adopted ? 'noteLinkAdopted' : 'noteLinkCreated'), {
        link: record.data.link,
        linkCreatedAt: record.at,
        awaitingRecreate: false,
        ...noReason,
      });
    case 'create-unknown': {
      const why = stored(record.data);
      return move(sale, record, 'needs-attention', why, { awaitingRecreate: true, ...withReason(why) });
    }
    case 'recreate-confirmed':
      return move(sale, record, 'creating', say('noteRecreateConfirmed'), {
        awaitingRecreate: false,
        orderReference: record.data.orderReference,
        attempts: sale.attempts + 1,
        ...noReason,
      });
    case 'failed': {
      const why = stored(record.data);
      return move(sale, record, 'failed', why, withReason(why));
    }
    case 'link-updated':
      // The customer may be paying the old amount while the cancel is out: no change until it is settled.
      if (sale.cancelRequested) illegal(sale, record);
      return move(sale, record, sale.state, say('noteLinkUpdated'), {
        link: record.data.link,
        totals: record.data.totals,
        amountMinor: record.data.amountMinor,
      });
    case 'link-replaced':
      if (sale.cancelRequested) illegal(sale, record);
      if (sale.state === 'needs-attention' && !(isRelinkable(sale) && sale.link?.reference === record.data.oldLink.reference)) {
        illegal(sale, record);
      }
      return move(sale, record, 'creating', say('noteLinkReplaced'), {
        ...noReason,
        link: null,
        linkCreatedAt: null,
        orderReference: record.data.orderReference,
        attempts: sale.attempts + 1,
        totals: record.data.totals,
        amountMinor: record.data.amountMinor,
      });
    case 'link-sent':
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
      return { ...sale, cancelRequested: true, updatedAt: record.at };
    case 'cancelled':
      if (sale.state === 'needs-attention' && !sale.awaitingRecreate && !isRelinkable(sale)) illegal(sale, record);
      return move(sale, record, 'cancelled', say('noteCancelled'), { cancelRequested: false, awaitingRecreate: false, ...noReason });
    case 'needs-attention': {
      const why = stored(record.data);
      return move(sale, record, 'needs-attention', why, withReason(why));
    }
    case 'resolved': {
      // The clerk's own note is shown as written, in any language.
      const resolved = say('reasonResolved', { note: clip(record.data.note) });
      // Closed as not paid while the link's end was never confirmed and no order seen: watched on.
      // Not a link that did not match its sale: the person has seen what the provider holds for it
      // (and watching would only bring the same mismatch back to them).
      const unconfirmed = !sale.paid && sale.link !== null && sale.order === null && !isMismatchReason(sale.reasonMessage);
      return move(sale, record, sale.paid ? 'paid' : 'cancelled', resolved, {
        awaitingRecreate: false,
        ...withReason(resolved),
        ...(unconfirmed ? { closedUnconfirmed: true as const } : {}),
      });
    }
    case 'order-observed':
      return applyOrder(sale, record);
    case 'capture-requested': {
      // One debit per sale, ever: only for an order decided `capture`, and only once.
      if (sale.capture !== null || sale.order?.decision !== 'capture' || sale.order.orderId !== record.data.orderId) illegal(sale, record);
      const capture: SaleCapture = {
        transactionReference: record.data.transactionReference,
        amountMinor: record.data.amountMinor,
        state: 'requested',
      };
      return move(sale, record, 'completing', say('noteCaptureRequested'), { capture });
    }
    case 'captured':
      if (sale.capture === null || sale.order?.orderId !== record.data.orderId) illegal(sale, record);
      return move(sale, record, 'paid', say(record.data.via === 'answer' ? 'noteCaptured' : 'noteCaptureFound'), {
        paid: true,
        settlement: 'captured',
        order: { ...sale.order, providerStatus: record.data.orderStatus, debitedMinor: sale.order.debitedMinor + record.data.amountMinor },
        ...noReason,
      });
    case 'capture-unknown': {
      if (sale.capture?.state !== 'requested') illegal(sale, record);
      const why = stored(record.data);
      return move(sale, record, 'completing', why, { capture: { ...sale.capture, state: 'unknown' }, ...withReason(why) });
    }
    case 'capture-failed': {
      if (sale.capture === null) illegal(sale, record);
      // The order was approved: the customer has paid as far as they know. A person decides (and
      // resolving it records the sale as paid, once it is debited in the provider's portal).
      const why = stored(record.data);
      return move(sale, record, 'needs-attention', why, { paid: true, ...withReason(why) });
    }
    case 'refund-requested':
    case 'refund-sent':
    case 'refund-unknown':
    case 'refunded':
    case 'refund-failed':
    case 'refund-attention':
      return refundMove(sale, record);
  }
}

const refundNotes = {
  'refund-requested': 'noteRefundRequested',
  'refund-sent': 'noteRefundSent',
  'refund-unknown': 'noteRefundUnknown',
  refunded: 'noteRefunded',
  'refund-failed': 'noteRefundFailed',
  'refund-attention': 'noteRefundAttention',
} as const satisfies Record<string, MessageKey>;

/** A refund record: the refund machine moves the refund; the sale stays paid and notes it in its history. */
function refundMove(
  sale: Sale,
  record: SaleRecord<'refund-requested' | 'refund-sent' | 'refund-unknown' | 'refunded' | 'refund-failed' | 'refund-attention'>,
): Sale {
  let refunds: SaleRefund[];
  try {
    refunds = applyRefundRecord(sale, record);
  } catch (error) {
    throw new IllegalTransition(error instanceof Error ? error.message : String(error));
  }
  const refund = refunds.find((r) => r.number === record.data.refundNumber);
  const note =
    record.type === 'refunded' && refund?.method === 'portal'
      ? say('noteRefundRecordedDone', { number: record.data.refundNumber })
      : record.type === 'refund-requested' && refund?.method === 'portal'
        ? say('noteRefundRecorded', { number: record.data.refundNumber, amountMinor: refund.amountMinor, amountCurrency: sale.currency })
        : say(refundNotes[record.type], {
            number: record.data.refundNumber,
            amountMinor: refund?.amountMinor ?? 0,
            amountCurrency: sale.currency,
          });
  return move(sale, record, sale.state, note, { refunds });
}

const orderEndedReason: Record<string, MessageKey> = {
  DENIED: 'reasonOrderDenied',
  BLOCKED: 'reasonOrderDenied',
  ABORTED: 'reasonOrderAborted',
  STOPPED: 'reasonOrderAborted',
  ANNULLED: 'reasonOrderAborted',
  EXPIRED: 'reasonOrderExpired',
};

function applyOrder(sale: Sale, record: SaleRecord<'order-observed'>): Sale {
  const d = record.data;
  if (sale.link?.reference !== d.reference) illegal(sale, record);
  // Once a debit is out, only its outcome moves the sale.
  if (sale.capture !== null) illegal(sale, record);
  const order: SaleOrderState = {
    orderId: d.orderId,
    providerStatus: d.providerStatus,
    method: d.method,
    amountMinor: d.amountMinor,
    currency: d.currency,
    feeMinor: d.feeMinor,
    debitedMinor: d.debitedMinor,
    decision: d.decision,
  };
  // The provider's own code rides along for support (the journal, a hover title); the clerk reads words.
  const status = { status: d.providerStatus, provider: providerInfo(sale.provider).displayName };
  switch (d.decision) {
    case 'pending':
      return move(sale, record, 'completing', say('noteOrderPending', status), { order, cancelRequested: false });
    case 'capture':
      return move(sale, record, 'completing', say('noteOrderReady', status), { order, cancelRequested: false });
    case 'paid':
      return move(sale, record, 'paid', say(d.settlement === 'authorised' ? 'noteOrderAuthorised' : 'noteProviderReports', status), {
        order,
        paid: true,
        cancelRequested: false,
        settlement: d.settlement ?? 'charged',
        ...noReason,
      });
    case 'ended': {
      const why = say(orderEndedReason[d.providerStatus] ?? 'reasonOrderFailed', status);
      return move(sale, record, 'failed', why, { order, cancelRequested: false, ...withReason(why) });
    }
    case 'attention': {
      const why = say('reasonOrderAttention', status);
      return move(sale, record, 'needs-attention', why, { order, cancelRequested: false, ...withReason(why) });
    }
  }
}

function applyStatus(sale: Sale, record: SaleRecord<'status-observed'>): Sale {
  const { status, reference, providerStatus } = record.data;
  if (sale.link?.reference !== reference) illegal(sale, record);
  const note = say('noteProviderReports', { status: providerStatus || status });
  if (status === 'paid') {
    // A payment is recorded once, also when a person is already looking at the sale.
    if (sale.paid) illegal(sale, record);
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
  if (status === 'opened') {
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

/**
 * Journal records that belong to no sale's machine: seals, e-mailed receipts, the control unit's,
 * drawer openings, X and Z printouts, journal exports, staff sign-in and sign-out, the till's start, stop, mode and clock.
 */
export function isPassedOver(type: string): boolean {
  return (
    type === SEAL_RECORD_TYPE ||
    type === RECEIPT_MAIL_RECORD_TYPE ||
    type === DRAWER_OPENED_RECORD_TYPE ||
    type === Z_REPORT_PRINTED_RECORD_TYPE ||
    type === X_REPORT_PRINTED_RECORD_TYPE ||
    type === JOURNAL_EXPORTED_RECORD_TYPE ||
    type === STAFF_SIGNED_IN_RECORD_TYPE ||
    type === STAFF_SIGNED_OUT_RECORD_TYPE ||
    tillLifeRecordTypes.has(type) ||
    controlUnitRecordTypes.has(type)
  );
}

/** Rebuilds every sale from the journal. Seals are passed over; records it cannot apply are reported. */
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
    // The journal's seals belong to no sale (seal/seal-record.ts); an e-mailed receipt changes none (mail/),
    // nor does a receipt's way through the control unit (control-unit/), nor a cash drawer opening (drawer/).
    if (isPassedOver(raw.type)) continue;
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
    ...(sale.tillName !== undefined ? { tillName: sale.tillName } : {}),
    ...(sale.clerk !== undefined ? { clerk: sale.clerk } : {}),
    link: sale.link,
    reason: sale.reason,
    reasonMessage: sale.reasonMessage,
    connectionLost,
    ...(isRelinkable(sale) ? { relinkable: true } : {}),
    order: sale.order
      ? {
          method: sale.order.method,
          providerStatus: sale.order.providerStatus,
          amountMinor: sale.order.amountMinor,
          feeMinor: sale.order.feeMinor,
        }
      : null,
    settlement: sale.settlement,
    tender: sale.tender ?? null,
    refunds: sale.refunds.map((r) => ({
      number: r.number,
      state: r.state,
      method: r.method,
      amountMinor: r.amountMinor,
      lines: r.lines.map((l) => ({ ...l })),
      vat: r.vat.map((v) => ({ ...v })),
      reason: r.reason,
      requestedAt: r.requestedAt,
      updatedAt: r.updatedAt,
    })),
    createdAt: sale.createdAt,
    updatedAt: sale.updatedAt,
    history: sale.history.map((h) => ({ ...h })),
  };
}
