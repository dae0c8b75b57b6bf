import { randomUUID } from 'node:crypto';
import { currencySchema, type Currency } from '../../../shared/domain/money';
import { deriveOrderReference, type OrderReferenceInput } from '../../../shared/domain/order-reference';
import type { CartProblem } from '../../../shared/domain/cart';
import type { Cart, CartTotals } from '../../../shared/domain/schemas';
import type { PaymentLink, ProviderId, SaleState, SaleView } from '../../../shared/domain/sale';
import type { Contact } from '../../../shared/ipc/channels/sale';
import { tenderFor, type TenderInput } from '../../../shared/domain/tender';
import { DomainError } from '../errors';
import type { EventBus } from '../ipc/event-bus';
import type { AppendInput, JournalRecord } from '../journal/journal';
import type { Logger } from '../log';
import { ProviderError, type LinkStatusReport, type OrderReport, type PaymentLinkProvider } from '../providers/provider';
import { Mutex } from './mutex';
import { Poller, type CheckOutcome, type GiveUpReason, type PollerOptions, type PollTarget } from './poller';
import {
  applySaleRecord,
  closedUnconfirmed,
  followsOrder,
  isFollowed,
  isLive,
  isPollable,
  isRelinkable,
  replayInto,
  toView,
  type Sale,
} from './sale-machine';
import {
  requireSaleRecord,
  type Actor,
  type Attribution,
  type OrderDecision,
  type ReasonData,
  type SaleRecordData,
  type SaleRecordType,
  type Settlement,
} from './sale-records';
import { englishText, msg, type Message } from '../../../shared/messages';
import { providerInfo } from '../../../shared/providers/registry';
import { SaleTable, type SaleSummary } from './sale-table';
import { isOpenRefund } from './refund-machine';
import { RefundDesk, type RefundCommand } from './refunds';

export interface CheckoutDeps {
  journal: { append(input: AppendInput): Promise<JournalRecord>; readAll(): Promise<JournalRecord[]> };
  events: Pick<EventBus, 'emit'>;
  getProvider: () => { provider: PaymentLinkProvider; providerId: ProviderId; demo: boolean };
  /**
   * `captureAtOnce` (default true): debit an approved card or invoice order as soon as it is
   * READY; false leaves it authorised for the merchant to debit in the provider's portal.
   */
  settings: () => {
    currency: Currency;
    linkValidityMinutes: number;
    tillId?: string;
    tillName?: string;
    captureAtOnce?: boolean;
    /** The merchant allows cash and a card terminal when no link can be made (off by default). */
    otherTenders?: boolean;
  };
  priceCart: (cart: Cart) => CartTotals;
  validateCart: (cart: Cart) => readonly CartProblem[];
  makeOrderReference: (input: OrderReferenceInput) => string;
  now: () => Date;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  log: Logger;
  newId?: () => string;
  /**
   * The member of staff signed in now (staff/, from main's own session): journaled as `clerk` with
   * each sale they charge and as `by` on the records their commands cause; none without staff.
   */
  clerk?: () => Actor | null;
  /** The manager whose approval let the call now being handled through (null when none was needed). */
  approvedBy?: () => Actor | null;
  poller?: Partial<PollerOptions>;
}

/** What a checkpoint hands the checkout: every sale as of its anchor, summarised, and how to load one. */
export interface RestoredSales {
  /** The checkpoint's journal position. */
  seq: number;
  summaries: Iterable<SaleSummary>;
  maxNumber: number;
  /** Rebuilds a summarised sale from its journal records up to the checkpoint. */
  load: (id: string) => Sale | undefined;
  /** What the replays before the checkpoint could not apply. */
  problems?: readonly string[];
  /** Sales with a refund under way at the checkpoint (resumed at start-up). */
  openRefunds?: readonly string[];
}

/** The checkout's state at one journal position, for a checkpoint. */
export interface SalesSnapshot {
  seq: number;
  maxNumber: number;
  summaries: SaleSummary[];
  problems: string[];
  /** Sales with a refund under way. */
  openRefunds: string[];
}

export interface SaleListFilters {
  from?: string | undefined;
  to?: string | undefined;
  states?: SaleState[] | undefined;
  minAmountMinor?: number | undefined;
  maxAmountMinor?: number | undefined;
  /** Only the sales this member of staff charged (`sale:list`; the shop's other tills ignore it). */
  clerkId?: string | undefined;
  limit?: number | undefined;
}

/** Which sales a History list shows: created in the range, in a chosen state, between two amounts. */
export function saleFilter(filters: SaleListFilters): (sale: SaleSummary) => boolean {
  const from = filters.from ? Date.parse(filters.from) : -Infinity;
  const to = filters.to ? Date.parse(filters.to) : Infinity;
  const states = filters.states ? new Set(filters.states) : null;
  return (sale) => {
    const created = Date.parse(sale.createdAt);
    return (
      created >= from &&
      created <= to &&
      (!states || states.has(sale.state)) &&
      (filters.minAmountMinor === undefined || sale.amountMinor >= filters.minAmountMinor) &&
      (filters.maxAmountMinor === undefined || sale.amountMinor <= filters.maxAmountMinor)
    );
  };
}

/** needs-attention on top, then the newest first. */
export function historyOrder(a: Pick<SaleSummary, 'state' | 'createdAt'>, b: Pick<SaleSummary, 'state' | 'createdAt'>): number {
  const attention = Number(b.state === 'needs-attention') - Number(a.state === 'needs-attention');
  return attention || Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/** After a cancel whose result could not be read back, when to look again. */
const LATE_CHECK_MS = 5_000;

/** How long a status check may take before the till says the connection is lost. */
export const SLOW_CHECK_MS = 4_000;

export const NO_LINK_FOUND = msg('reasonNoLinkFound');
const SEARCH_FAILED = msg('reasonSearchFailed');
const FOUND_LINK_MISMATCH = msg('reasonFoundLinkMismatch');

/** A journal record's reason: the English text (kept for old readers and support) and its Message. */
const because = (reasonMessage: Message, reason = englishText(reasonMessage)) => ({ reason, reasonMessage });
/** Sales that ended this recently get one more status check at start-up, in case money arrived late. */
const RECENT_END_MS = 60 * 60 * 1000;

/**
 * Runs sales from Charge to a final state. Every transition is appended to the journal (fsynced)
 * before anyone is told; a create is sent once and an unknown outcome is reconciled by order
 * reference, never re-sent; one mutex makes "one live sale, one link" hold across windows.
 */
export class CheckoutService {
  private sales = new SaleTable();
  private maxNumber = 0;
  /** The journal position of the last record applied. */
  private appliedSeq = 0;
  /** Records of no sale (seals) appended beyond appliedSeq: passed once the sales reach them. */
  private readonly passedOver = new Set<number>();
  /** What the replays at start-up could not apply (kept in checkpoints, so it is said at every start). */
  private replayProblems: string[] = [];
  private readonly connectionLost = new Set<string>();
  /** The sale that was live when the journal was replayed at start-up, if any. */
  private interrupted: string | null = null;
  private readonly mutex = new Mutex();
  private readonly lifetime = new AbortController();
  /** Sales with a refund under way (requested and not yet sent, or sent): resumed after a restart. */
  private openRefunds = new Set<string>();
  readonly poller: Poller;
  private readonly refunds: RefundDesk;

  constructor(private readonly deps: CheckoutDeps) {
    this.poller = new Poller({
      now: () => deps.now().getTime(),
      sleep: deps.sleep,
      random: deps.random,
      log: deps.log,
      target: (id) => this.pollTarget(id),
      check: (id, context) => this.pollOnce(id, context),
      giveUp: (id, reason) => this.giveUp(id, reason),
      ...(deps.poller ? { options: deps.poller } : {}),
    });
    this.refunds = new RefundDesk({
      commit: (saleId, type, data) => this.commit(saleId, type, data),
      run: (work) => this.mutex.run(work),
      require: (id) => this.require(id),
      provider: (sale) => this.providerFor(sale),
      readOrder: async (sale, signal) => {
        if (!sale.link) return null;
        return (await this.providerFor(sale).status(sale.link, this.expected(sale), signal)).order ?? null;
      },
      sleep: deps.sleep,
      log: deps.log,
      signal: this.lifetime.signal,
    });
  }

  // ---- start-up and shutdown ----------------------------------------------------------------

  /**
   * Rebuilds the sales from the journal, watches open links again, and reconciles any sale that
   * was interrupted while its link was being created (adopting the link if the provider has it;
   * otherwise the clerk decides). Never creates a link by itself.
   */
  async resume(records?: readonly JournalRecord[], restored?: RestoredSales): Promise<{ problems: string[] }> {
    const table = restored
      ? SaleTable.restore(restored.summaries, restored.load, (id) =>
          this.deps.log.error('sales: a sale could not be rebuilt as the checkpoint has it; left out', { saleId: id }),
        )
      : new SaleTable();
    const tail = records ?? (await this.deps.journal.readAll());
    const replayed = replayInto(table, tail, restored?.maxNumber ?? 0);
    this.sales = table;
    this.maxNumber = replayed.maxNumber;
    this.appliedSeq = tail.at(-1)?.seq ?? restored?.seq ?? 0;
    this.advance();
    // Set before anything below waits: a checkpoint taken meanwhile must carry them on.
    this.replayProblems = [...(restored?.problems ?? []), ...replayed.problems];
    for (const problem of replayed.problems) this.deps.log.error('sales: journal replay problem', { problem });
    // Refunds under way: those the checkpoint knew of, and any sale the lines after it touched.
    this.openRefunds = new Set();
    for (const id of new Set([...(restored?.openRefunds ?? []), ...tail.map((r) => r.saleId)])) {
      const sale = this.sales.has(id) ? this.sales.get(id) : undefined;
      if (sale?.refunds.some(isOpenRefund)) this.openRefunds.add(id);
    }

    const recentChecks: string[] = [];
    const now = this.deps.now().getTime();
    // A copy: looking at a sale may load it, which moves it within the table.
    for (const summary of [...this.sales.summaries()]) {
      try {
        if (isLive(summary)) this.interrupted = summary.id;
        if (summary.state === 'creating' && this.sales.get(summary.id)?.tender) {
          // Stopped between the tender sale's two records: the clerk has the money; no link is made.
          this.interrupted = null;
          await this.mutex.run(() => this.commit(summary.id, 'tender-recorded', {}));
        } else if (summary.state === 'creating') {
          await this.mutex.run(() => this.reconcileLocked(summary.id));
        } else if (summary.state === 'waiting' || summary.state === 'opened' || summary.state === 'completing') {
          // A completing sale may have a debit journaled whose answer never came: the poll reads
          // the order and settles it, never sending the debit again.
          const sale = this.sales.get(summary.id);
          if (sale && isPollable(sale)) this.poller.watch(summary.id);
        } else if (summary.state === 'needs-attention') {
          const sale = this.sales.get(summary.id);
          if (sale && isFollowed(sale)) this.poller.watch(summary.id);
        } else if ((summary.state === 'cancelled' || summary.state === 'expired') && now - Date.parse(summary.updatedAt) < RECENT_END_MS) {
          const sale = this.sales.get(summary.id);
          if (sale && isFollowed(sale)) this.poller.watch(sale.id);
          else if (sale?.link && !sale.paid) recentChecks.push(sale.id);
        }
      } catch (error) {
        // One sale that cannot be looked at must not keep the others from being watched.
        this.deps.log.error('sales: could not resume a sale', { saleId: summary.id, error });
      }
    }
    await Promise.allSettled(recentChecks.map((id) => this.poller.checkNow(id)));
    // A refund journaled but not sent is sent now; one sent is read, never sent again.
    for (const id of [...this.openRefunds]) {
      await this.refunds
        .settleOpen(id)
        .catch((error: unknown) => this.deps.log.warn('sales: could not resume a refund', { saleId: id, error }));
    }
    return { problems: this.replayProblems };
  }

  /**
   * A record that belongs to no sale (a seal) was appended at `seq`: the sales are as of it too, as
   * soon as they have applied everything before it — so a checkpoint after a seal is not skipped.
   */
  passOver(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.passedOver.add(seq);
    this.advance();
  }

  private advance(): void {
    while (this.passedOver.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
  }

  /** Every sale as of the last record applied, for a checkpoint (nothing is loaded for it). */
  snapshot(): SalesSnapshot {
    return {
      seq: this.appliedSeq,
      maxNumber: this.maxNumber,
      summaries: [...this.sales.summaries()],
      problems: [...this.replayProblems],
      openRefunds: [...this.openRefunds],
    };
  }

  async stop(): Promise<void> {
    this.lifetime.abort();
    await this.poller.stop();
  }

  // ---- reads ------------------------------------------------------------------------------------

  get(id: string): SaleView {
    return this.view(this.require(id));
  }

  /**
   * The sale the till should show: the live one, or else the sale a restart interrupted, even if it
   * has finished since (paid while the till was down), until the next sale is charged — so the
   * clerk sees how it ended instead of an empty cart.
   */
  current(): SaleView | null {
    const live = this.liveSale();
    if (live) return this.view(live);
    const interrupted = this.interrupted ? this.sales.get(this.interrupted) : undefined;
    return interrupted && interrupted.number === this.maxNumber ? this.view(interrupted) : null;
  }

  /** The one unfinished sale, if any (the till serves one customer at a time). */
  private liveSale(): Sale | null {
    for (;;) {
      let live: SaleSummary | null = null;
      for (const sale of this.sales.summaries()) if (isLive(sale) && (!live || sale.number > live.number)) live = sale;
      if (!live) return null;
      // A summary whose records cannot be rebuilt is dropped by the table: look again.
      const sale = this.sales.get(live.id);
      if (sale) return sale;
    }
  }

  list(filters: SaleListFilters = {}): SaleView[] {
    const chosen = [...this.sales.summaries()].filter(saleFilter(filters));
    // On one till the sale number orders as the creation time does, and never ties.
    chosen.sort((a, b) => {
      const attention = Number(b.state === 'needs-attention') - Number(a.state === 'needs-attention');
      return attention || b.number - a.number;
    });
    const limit = filters.limit ?? 200;
    const views: SaleView[] = [];
    for (const summary of chosen) {
      if (views.length >= limit) break;
      const sale = this.sales.get(summary.id);
      // Who charged a sale is in its records, not its summary (a checkpoint's summaries predate
      // staff): so the clerk is looked at here, on the sales the other filters chose, newest first.
      if (!sale || (filters.clerkId !== undefined && sale.clerk?.id !== filters.clerkId)) continue;
      views.push(this.view(sale));
    }
    return views;
  }

  // ---- commands ---------------------------------------------------------------------------------

  /** Freezes the cart and creates exactly one link; while a sale is live, answers that sale. */
  charge(cart: Cart): Promise<SaleView> {
    return this.mutex.run(async () => {
      const live = this.liveSale();
      if (live) return this.view(live);
      const settings = this.deps.settings();
      const totals = this.priceChecked(cart, settings.currency);
      const { providerId, demo } = this.deps.getProvider();
      const number = this.maxNumber + 1;
      const now = this.deps.now();
      const orderReference = this.deps.makeOrderReference({ tillId: settings.tillId ?? '', saleNumber: number, now });
      const id = (this.deps.newId ?? randomUUID)();
      const clerk = this.deps.clerk?.() ?? null;
      await this.commit(id, 'sale-created', {
        number,
        orderReference,
        provider: providerId,
        demo,
        currency: totals.currency,
        amountMinor: totals.totalMinor,
        totals,
        // Kept with the sale, so a renamed till still prints its old receipts as they were.
        ...(settings.tillName !== undefined ? { tillName: settings.tillName } : {}),
        // Who charged it: the sale stays theirs when the till changes hands or signs out mid-payment.
        ...(clerk ? { clerk } : {}),
      });
      return this.view(await this.createLinkLocked(id));
    });
  }

  /**
   * "Create a new link": for a sale whose create had an unknown outcome, once the provider has been
   * searched again; for a sale whose link is gone with nothing paid (isRelinkable), once the old
   * link is confirmed gone. Either way the same cart gets a new order reference.
   */
  confirmRecreate(id: string): Promise<SaleView> {
    const by = this.attribution();
    return this.mutex.run(async () => {
      const sale = this.require(id);
      if (isRelinkable(sale)) return this.view(await this.relinkLocked(sale, by));
      if (!(sale.state === 'needs-attention' && sale.awaitingRecreate)) {
        throw new DomainError('conflict', msg('saleNotAwaitingRecreate'));
      }
      // One more search first: the link may have appeared since (providers index with a delay).
      // A search that fails proves nothing, so no second link is made on the strength of it.
      const search = await this.searchLocked(id);
      if (search.kind === 'failed') throw new DomainError('provider-unavailable', msg('saleRecreateSearchFailed'));
      if (search.kind === 'mismatch') throw new DomainError('conflict', msg('saleRecreateForeignLink'));
      if (search.kind === 'found') return this.view(search.sale);
      await this.commit(id, 'recreate-confirmed', {
        orderReference: deriveOrderReference(sale.baseOrderReference, sale.attempts + 1),
        ...by,
      });
      return this.view(await this.createLinkLocked(id));
    });
  }

  /**
   * "Take payment another way" (#15): the cart of a link sale that could not be paid by link is
   * sold again as a new sale paid in cash or on an external card terminal, with a receipt number
   * in the same series. Only where the merchant allows it, and only once no link for that cart
   * can still be paid: the same rules as a new link for the cart (a failed, expired or cancelled
   * sale; a relinkable one is closed as not paid first, once its link is confirmed gone; an
   * unknown create is searched for first). A second press answers the tender sale already made.
   */
  payOtherwise(id: string, input: TenderInput): Promise<SaleView> {
    return this.mutex.run(async () => {
      const tenderId = tenderSaleId(id);
      const done = this.sales.has(tenderId) ? this.sales.get(tenderId) : undefined;
      if (done) return this.view(done);
      if (!this.deps.settings().otherTenders) throw new DomainError('rejected', msg('saleTenderOff'));
      let source = this.require(id);
      const tender = tenderFor(source.amountMinor, input);
      if (!tender) throw new DomainError('rejected', msg('saleTenderShort'));
      if (this.liveSale() && !isLive(source)) throw new DomainError('conflict', msg('saleAnotherLive'));
      source = await this.closeUnpaidLocked(source);
      const clerk = this.deps.clerk?.() ?? null;
      const settings = this.deps.settings();
      const number = this.maxNumber + 1;
      await this.commit(tenderId, 'sale-created', {
        number,
        orderReference: this.deps.makeOrderReference({ tillId: settings.tillId ?? '', saleNumber: number, now: this.deps.now() }),
        provider: source.provider,
        demo: source.demo,
        currency: source.currency,
        amountMinor: source.amountMinor,
        totals: source.totals,
        ...(settings.tillName !== undefined ? { tillName: settings.tillName } : {}),
        ...(clerk ? { clerk } : {}),
        tender,
        replaces: source.id,
      });
      return this.view(await this.commit(tenderId, 'tender-recorded', {}));
    });
  }

  /**
   * Makes sure the sale's link can no longer be paid, as a new link for its cart requires; answers
   * the sale closed as not paid, or refuses.
   */
  private async closeUnpaidLocked(sale: Sale): Promise<Sale> {
    if (sale.tender || sale.replaces !== undefined) throw new DomainError('conflict', msg('saleTenderLinkMayBePaid'));
    const ended = sale.state === 'failed' || sale.state === 'expired' || sale.state === 'cancelled';
    // Closed by a person before its link's end was confirmed: only once the provider confirms it.
    if (closedUnconfirmed(sale) && sale.link) {
      if ((await this.confirmGoneLocked(sale, sale.link)) === 'paid') throw new DomainError('conflict', msg('saleCloseFoundPayment'));
      return sale;
    }
    if (ended && !sale.paid && !followsOrder(sale)) return sale;
    if (isRelinkable(sale) && sale.link) {
      const gone = await this.confirmGoneLocked(sale, sale.link);
      if (gone === 'paid') throw new DomainError('conflict', msg('saleCloseFoundPayment'));
      return this.commit(sale.id, 'cancelled', { reference: sale.link.reference });
    }
    if (sale.state === 'needs-attention' && sale.awaitingRecreate) {
      // The first create may have made a link: only a search that finds none lets the cart go.
      const search = await this.searchLocked(sale.id);
      if (search.kind === 'failed') throw new DomainError('provider-unavailable', msg('saleRecreateSearchFailed'));
      if (search.kind !== 'none') throw new DomainError('conflict', msg('saleTenderLinkMayBePaid'));
      return this.commit(sale.id, 'cancelled', { reference: null });
    }
    throw new DomainError('conflict', msg('saleTenderLinkMayBePaid'));
  }

  /**
   * Changes a live sale's cart: in place where the provider can; otherwise, once the clerk has
   * confirmed, the old link is cancelled and confirmed cancelled before a new one exists, so the
   * customer can never pay a stale amount.
   */
  updateCart(id: string, cart: Cart, confirmReplace: boolean): Promise<SaleView> {
    const by = this.attribution();
    return this.mutex.run(async () => {
      const sale = this.require(id);
      if (!this.isOpen(sale) || sale.cancelRequested || !sale.link) {
        throw new DomainError('conflict', msg('saleCannotChange'));
      }
      const totals = this.priceChecked(cart, sale.currency);
      const provider = this.providerFor(sale);
      const link = sale.link;
      if (provider.capabilities.canUpdate) {
        const updated = await provider.update(
          link,
          { orderReference: sale.orderReference, totals, validTo: this.validToOf(sale) },
          this.lifetime.signal,
        );
        return this.view(await this.commit(id, 'link-updated', { link: updated, totals, amountMinor: totals.totalMinor, ...by }));
      }
      if (!confirmReplace) {
        throw new DomainError('conflict', msg('saleMustReplace'));
      }
      this.poller.unwatch(id);
      try {
        await provider.cancel(link, this.lifetime.signal);
        const report = await provider.status(link, this.expected(sale), this.lifetime.signal);
        if (report.status === 'paid' || report.mismatch) {
          await this.applyReportLocked(id, link, sale.amountMinor, report, false);
          throw new DomainError('conflict', msg('salePaidBeforeChange'));
        }
        if (report.status !== 'cancelled' && report.status !== 'expired') {
          throw new DomainError('provider-unavailable', msg('saleOldLinkOpen'));
        }
      } catch (error) {
        if (this.isOpen(this.require(id))) this.poller.watch(id);
        throw error;
      }
      await this.commit(id, 'link-replaced', {
        oldLink: link,
        orderReference: deriveOrderReference(sale.baseOrderReference, sale.attempts + 1),
        totals,
        amountMinor: totals.totalMinor,
        ...by,
      });
      return this.view(await this.createLinkLocked(id));
    });
  }

  /** Cancels the link at the provider; a payment that shows up anyway makes the sale need attention. */
  cancel(id: string): Promise<SaleView> {
    const by = this.attribution();
    return this.mutex.run(async () => {
      const sale = this.require(id);
      if (sale.state === 'cancelled') return this.view(sale);
      if (sale.state === 'needs-attention' && sale.awaitingRecreate) {
        return this.view(await this.commit(id, 'cancelled', { reference: null, ...by }));
      }
      // "Close as not paid": only once the provider confirms the link can no longer be paid.
      if (isRelinkable(sale) && sale.link) {
        const gone = await this.confirmGoneLocked(sale, sale.link);
        if (gone === 'paid') throw new DomainError('conflict', msg('saleCloseFoundPayment'));
        return this.view(await this.commit(id, 'cancelled', { reference: sale.link.reference, ...by }));
      }
      // The customer left the order half done (unsigned, awaiting a decision): the clerk may stop
      // waiting so the queue moves, but money may still come, so a person follows it up. Not while
      // a debit is out: its outcome is settled first.
      // The poller goes on following the order (followsOrder), so a later decision is seen.
      if (sale.state === 'completing' && !sale.capture) {
        return this.view(await this.commit(id, 'needs-attention', { ...because(msg('reasonStoppedWaitingForOrder')), ...by }));
      }
      if (!this.isOpen(sale) || !sale.link) {
        throw new DomainError('conflict', msg(sale.state === 'creating' ? 'saleStillCreating' : 'saleCannotCancel'));
      }
      const link = sale.link;
      const provider = this.providerFor(sale);
      if (!sale.cancelRequested) await this.commit(id, 'cancel-requested', { reference: link.reference, ...by });
      // Keep watching until the provider confirms: until then the customer could still pay. A link
      // the provider does not know cannot be paid: the read below tells the rest.
      await provider.cancel(link, this.lifetime.signal).catch((error: unknown) => {
        if (!(error instanceof ProviderError && error.kind === 'not-found')) throw error;
      });
      // A payment can land just before the cancel, and a provider may disable a paid link without
      // complaint (Straumur keeps the sale): look once more before calling the sale cancelled.
      const after = await this.statusAfterCancel(sale, link);
      if (after && (after.status === 'paid' || after.mismatch)) {
        await this.applyReportLocked(id, link, sale.amountMinor, after, false);
        return this.view(this.require(id));
      }
      this.poller.unwatch(id);
      const cancelled = await this.commit(id, 'cancelled', { reference: link.reference, ...by });
      if (!after) this.checkLater(id);
      return this.view(cancelled);
    });
  }

  sendLink(id: string, contact: Contact): Promise<SaleView> {
    const by = this.attribution();
    return this.mutex.run(async () => {
      const sale = this.require(id);
      if (!this.isOpen(sale) || !sale.link) throw new DomainError('conflict', msg('saleNoLiveLink'));
      const provider = this.providerFor(sale);
      if (!provider.capabilities.canSendLink) {
        throw new DomainError('rejected', msg('saleCannotSendLink'));
      }
      const link = await provider.update(
        sale.link,
        { orderReference: sale.orderReference, totals: sale.totals, validTo: this.validToOf(sale), sendTo: contact },
        this.lifetime.signal,
      );
      return this.view(await this.commit(id, 'link-sent', { via: contact.kind, to: maskContact(contact), link, ...by }));
    });
  }

  resolve(id: string, note: string): Promise<SaleView> {
    const by = this.attribution();
    return this.mutex.run(async () => {
      const sale = this.require(id);
      if (sale.state !== 'needs-attention') throw new DomainError('conflict', msg('saleOnlyAttentionResolved'));
      const resolved = await this.commit(id, 'resolved', { note, ...by });
      // Closed while its order was undecided, or before the provider confirmed the link ended: keep
      // following it, as after the clerk stopped waiting, so money that comes later is seen.
      if (isFollowed(resolved)) this.poller.watch(id);
      else this.poller.unwatch(id);
      return this.view(resolved);
    });
  }

  /**
   * Refunds part or all of a paid sale (lines and quantities, with the clerk's reason). Journaled
   * before anything is sent; the same refund number twice makes one refund.
   */
  async refund(id: string, command: RefundCommand): Promise<SaleView> {
    return this.view(await this.refunds.refund(id, command, this.attribution()));
  }

  /** A person says a refund waiting for them (done in the provider's portal) was made, or was not. */
  async markRefund(id: string, refundNumber: number, done: boolean): Promise<SaleView> {
    return this.view(await this.refunds.mark(id, refundNumber, done, this.attribution()));
  }

  /** Polls the provider at once (joining a poll already under way), or searches again for a lost create. */
  async checkNow(id: string): Promise<SaleView> {
    const sale = this.require(id);
    if (sale.refunds.some(isOpenRefund)) {
      await this.refunds.settleOpen(id);
      return this.get(id);
    }
    if (sale.state === 'needs-attention' && sale.awaitingRecreate) {
      return this.view(await this.mutex.run(() => this.reconcileLocked(id)));
    }
    if (sale.link && !sale.paid && sale.state !== 'creating') {
      const outcome = await this.poller.checkNow(id);
      // Not settled yet on a sale followed after it left the till (a watch a restart did not renew, say): follow it.
      const after = this.require(id);
      if (outcome.kind !== 'final' && isFollowed(after)) this.poller.watch(id);
    }
    return this.get(id);
  }

  // ---- internals --------------------------------------------------------------------------------

  /**
   * Who asks for a command: the member signed in when the call arrived (main's own session, never a
   * name the renderer sends), read before the command waits its turn.
   */
  private attribution(): Attribution {
    const actor = this.deps.clerk?.() ?? null;
    const approvedBy = this.deps.approvedBy?.() ?? null;
    return { ...(actor ? { by: actor } : {}), ...(approvedBy ? { approvedBy } : {}) };
  }

  /** A new link for the cart of a sale whose link is gone with nothing paid; never beside another live sale. */
  private async relinkLocked(sale: Sale, by: Attribution): Promise<Sale> {
    const live = this.liveSale();
    if (live) throw new DomainError('conflict', msg('saleAnotherLive'));
    const link = sale.link;
    if (!link) throw new DomainError('conflict', msg('saleNotAwaitingRecreate'));
    const gone = await this.confirmGoneLocked(sale, link);
    if (gone === 'paid') throw new DomainError('conflict', msg('salePaidBeforeChange'));
    await this.commit(sale.id, 'link-replaced', {
      oldLink: link,
      orderReference: deriveOrderReference(sale.baseOrderReference, sale.attempts + 1),
      totals: sale.totals,
      amountMinor: sale.amountMinor,
      ...by,
    });
    return this.createLinkLocked(sale.id);
  }

  /**
   * Makes sure a link nobody has paid can no longer be paid: disabled at the provider, then read
   * back. A link the provider does not know is gone. A payment found on it is journaled (the sale
   * then needs a person, paid) and answered `paid`; a link still open, or a provider that cannot
   * be reached, is an error for the clerk to try again.
   */
  private async confirmGoneLocked(sale: Sale, link: PaymentLink): Promise<'gone' | 'paid'> {
    const provider = this.providerFor(sale);
    const unknown = (error: unknown) => error instanceof ProviderError && error.kind === 'not-found';
    try {
      await provider.cancel(link, this.lifetime.signal);
    } catch (error) {
      // Refused (already ended or paid, say) proves nothing by itself: the read below decides.
      if (!unknown(error) && !(error instanceof ProviderError && error.kind === 'rejected')) throw error;
    }
    let report: LinkStatusReport;
    try {
      report = await provider.status(link, this.expected(sale), this.lifetime.signal);
    } catch (error) {
      if (unknown(error)) return 'gone';
      throw error;
    }
    // Where the provider makes an order (Ecster), the order says whether the customer paid.
    if (report.order) {
      if (report.order.outcome === 'ended') return 'gone';
      return 'paid';
    }
    if (report.order === undefined && (report.status === 'paid' || report.charged)) {
      if (!sale.paid && report.status === 'paid' && !report.mismatch) await this.observe(sale, link, report, 'paid');
      return 'paid';
    }
    if (report.status === 'cancelled' || report.status === 'expired' || report.status === 'failed') return 'gone';
    throw new DomainError('provider-unavailable', msg('saleOldLinkOpen'));
  }

  private async createLinkLocked(id: string): Promise<Sale> {
    const sale = this.require(id);
    const provider = this.providerFor(sale);
    const validTo = new Date(this.deps.now().getTime() + this.deps.settings().linkValidityMinutes * 60_000);
    let link: PaymentLink;
    try {
      link = await provider.create({ orderReference: sale.orderReference, totals: sale.totals, validTo }, this.lifetime.signal);
    } catch (error) {
      // Anything but a definite refusal may have created the link: search, never re-send. An
      // unreadable answer counts too: the provider may well have made the link before the reply
      // was garbled, and failing the sale would free the till for a second one.
      if (!(error instanceof ProviderError) || error.kind === 'unknown-outcome' || error.kind === 'bad-response') {
        this.deps.log.warn('sales: create outcome unknown; reconciling by order reference', { saleId: id, error });
        return this.reconcileLocked(id);
      }
      await this.commit(id, 'failed', because(error.l10n, error.message));
      throw error;
    }
    const created = await this.commit(id, 'link-created', { link, adopted: false });
    this.poller.watch(id);
    return created;
  }

  /** Looks for the link of a sale whose create may or may not have happened. */
  private async reconcileLocked(id: string): Promise<Sale> {
    const search = await this.searchLocked(id);
    if (search.kind === 'found') return search.sale;
    const sale = this.require(id);
    if (sale.state !== 'creating') return sale;
    // A link that is not this sale's is left alone, and no second one is made under its reference.
    if (search.kind === 'mismatch') return this.commit(id, 'needs-attention', because(FOUND_LINK_MISMATCH));
    return this.commit(id, 'create-unknown', because(search.kind === 'failed' ? SEARCH_FAILED : NO_LINK_FOUND));
  }

  /**
   * Searches the provider for the sale's link by its order reference and adopts it only when its
   * order reference, amount and currency are the sale's: another till's link under the same
   * reference (every till was `till1` before till identities) must never become this sale's.
   */
  private async searchLocked(
    id: string,
  ): Promise<{ kind: 'found'; sale: Sale } | { kind: 'none' } | { kind: 'failed' } | { kind: 'mismatch' }> {
    const sale = this.require(id);
    let found: PaymentLink | null;
    try {
      found = await this.providerFor(sale).findByOrderReference(sale.orderReference, this.lifetime.signal);
    } catch (error) {
      this.deps.log.warn('sales: could not search for the link of an unknown create', { saleId: id, error });
      return { kind: 'failed' };
    }
    if (!found) return { kind: 'none' };
    let report: LinkStatusReport;
    try {
      report = await this.providerFor(sale).status(found, this.expected(sale), this.lifetime.signal);
    } catch (error) {
      this.deps.log.warn('sales: could not read the link found for an unknown create', { saleId: id, error });
      return { kind: 'failed' };
    }
    if (report.mismatch !== null || report.amountMinor !== sale.amountMinor || report.currency !== sale.currency) {
      this.deps.log.warn('sales: a link with the order reference of an unknown create does not match the sale; not adopted', {
        saleId: id,
        link: found.reference,
        mismatch: report.mismatch,
      });
      return { kind: 'mismatch' };
    }
    const adopted = await this.commit(id, 'link-created', { link: found, adopted: true });
    this.poller.watch(id);
    return { kind: 'found', sale: adopted };
  }

  private async pollOnce(id: string, context: { afterExpiry: boolean; signal: AbortSignal }): Promise<CheckOutcome> {
    const sale = this.sales.get(id);
    if (!sale?.link || sale.paid) return { kind: 'final' };
    const link = sale.link;
    // A check that hangs is as bad as one that fails, for the clerk: say so after a few seconds
    // instead of waiting out the client's timeouts and its read retries (up to a minute).
    const slow = new AbortController();
    const stopSlow = () => slow.abort();
    context.signal.addEventListener('abort', stopSlow, { once: true });
    this.deps.sleep(SLOW_CHECK_MS, slow.signal).then(
      () => {
        if (!slow.signal.aborted) this.setConnectionLost(id, true);
      },
      () => undefined,
    );
    let report: LinkStatusReport;
    try {
      report = await this.providerFor(sale).status(link, this.expected(sale), context.signal);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'rate-limited') {
        return { kind: 'rate-limited', retryAfterMs: error.detail.retryAfterMs ?? 5_000 };
      }
      // The provider answered: the connection is fine, the link is what it does not know. The
      // poller decides when a run of these means the link is gone.
      if (error instanceof ProviderError && error.kind === 'not-found') {
        this.deps.log.warn('sales: the provider does not know the link', { saleId: id, error });
        this.setConnectionLost(id, false);
        return { kind: 'not-found' };
      }
      // Whatever went wrong, the sale is not failed: the customer may still pay. Keep watching.
      this.deps.log.warn('sales: status check failed; still watching', { saleId: id, error });
      this.setConnectionLost(id, true);
      return { kind: 'network' };
    } finally {
      slow.abort();
      context.signal.removeEventListener('abort', stopSlow);
    }
    this.setConnectionLost(id, false);
    return this.mutex.run(() => this.applyReportLocked(id, link, sale.amountMinor, report, context.afterExpiry));
  }

  /**
   * The poller stopped waiting for the provider to decide (poller.ts says when): a sale still
   * waiting on its link needs a person, who makes a new link for the same cart or closes it as not
   * paid. An order followed after the sale left the till is followed on while the provider knows it.
   */
  private giveUp(id: string, why: GiveUpReason): Promise<CheckOutcome> {
    return this.mutex.run(async () => {
      const sale = this.sales.get(id);
      if (!sale || sale.paid) return { kind: 'final' };
      if (isPollable(sale)) {
        await this.commit(id, 'needs-attention', because(msg(why === 'unknown-link' ? 'reasonLinkUnknown' : 'reasonOutcomeUnconfirmed')));
        this.setConnectionLost(id, false);
        return { kind: 'final' };
      }
      return isFollowed(sale) && why === 'unconfirmed' ? { kind: 'pending' } : { kind: 'final' };
    });
  }

  /**
   * Applies what the provider said about a link, rule by rule: a report that does not match the
   * sale, a payment, the link's own end, and finally its expiry.
   */
  private async applyReportLocked(
    id: string,
    link: PaymentLink,
    amountMinor: number,
    report: LinkStatusReport,
    afterExpiry: boolean,
  ): Promise<CheckOutcome> {
    const sale = this.sales.get(id);
    // The link or the amount changed while the request was out: the answer is about the past.
    if (!sale || sale.link?.reference !== link.reference || sale.amountMinor !== amountMinor) {
      return { kind: sale && isPollable(sale) ? 'pending' : 'final' };
    }
    if (report.mismatch) return this.applyMismatchLocked(sale, link, report);
    // Where the provider makes an order (Ecster), the order decides while the sale is under way;
    // after the sale ended, money found on it is never ignored (the rules below).
    if (report.order !== undefined && (this.isOpen(sale) || sale.state === 'completing')) {
      // The clerk was cancelling when the customer completed checkout: a person decides, as for
      // any payment that races a cancel (the status rules below make it needs-attention).
      if (sale.cancelRequested && report.order && report.order.outcome !== 'ended') {
        if (!sale.paid) await this.observe(sale, link, report, 'paid');
        return { kind: 'final' };
      }
      return this.applyOrderLocked(sale, link, report.order);
    }
    if (report.status === 'paid') {
      if (!sale.paid) await this.observe(sale, link, report, 'paid');
      return { kind: 'final' };
    }
    // An order followed after the sale left the till: until it ends (or pays, above) look again.
    if (followsOrder(sale)) return report.order?.outcome === 'ended' ? { kind: 'final' } : { kind: 'pending' };
    if (closedUnconfirmed(sale)) return this.followClosedLinkLocked(sale, link, report);
    if (!isPollable(sale)) return { kind: 'final' };
    if (report.status === 'opened') {
      if (sale.state === 'waiting') await this.observe(sale, link, report, 'opened');
    } else if (report.status === 'expired' || report.status === 'cancelled' || report.status === 'failed') {
      await this.observe(sale, link, report, report.status);
      return { kind: 'final' };
    }
    if (!afterExpiry) return { kind: 'pending' };
    return this.expireLocked(sale, link, report);
  }

  /**
   * A link a person closed before the provider confirmed it ended (closedUnconfirmed) and that the
   * rules above did not find paid: followed until the provider says it ended unpaid. An order behind
   * it (the customer finished checkout) is followed until it decides; a link still open is cancelled.
   */
  private async followClosedLinkLocked(sale: Sale, link: PaymentLink, report: LinkStatusReport): Promise<CheckOutcome> {
    // An order the provider holds in a state that is not paid and not ended (money may be held): a person looks.
    if (report.order?.outcome === 'attention') {
      const status = { status: report.order.providerStatus, provider: providerInfo(sale.provider).displayName };
      await this.commit(sale.id, 'needs-attention', because(msg('reasonOrderAttention', status)));
      return { kind: 'final' };
    }
    if (report.order !== undefined) return report.order?.outcome === 'ended' ? { kind: 'final' } : { kind: 'pending' };
    if (report.status === 'expired' || report.status === 'cancelled' || report.status === 'failed') return { kind: 'final' };
    if (report.status === 'open' || report.status === 'opened') {
      await this.providerFor(sale)
        .cancel(link, this.lifetime.signal)
        .catch((error: unknown) =>
          this.deps.log.warn('sales: could not cancel the link of a closed sale; will look again', { saleId: sale.id, error }),
        );
    }
    return { kind: 'pending' };
  }

  /**
   * The order behind the sale's paid link: journaled when its status or what it means changes;
   * a READY card or invoice order is debited at once (unless the merchant debits elsewhere).
   */
  private async applyOrderLocked(sale: Sale, link: PaymentLink, order: OrderReport | null): Promise<CheckOutcome> {
    // The customer finished checkout but the order is not listed yet: look again.
    if (order === null) return { kind: 'pending' };
    if (sale.capture) return this.settleCaptureLocked(sale, order);
    const { decision, settlement } = this.decide(sale, order);
    const known = sale.order;
    let current = sale;
    if (!known || known.orderId !== order.id || known.providerStatus !== order.providerStatus || known.decision !== decision) {
      current = await this.commit(sale.id, 'order-observed', {
        reference: link.reference,
        orderId: order.id,
        providerStatus: order.providerStatus,
        method: order.method,
        amountMinor: order.amountMinor,
        currency: order.currency,
        feeMinor: order.feeMinor,
        debitedMinor: order.debitedMinor,
        decision,
        ...(settlement ? { settlement } : {}),
      });
    }
    if (decision === 'capture') return this.captureLocked(current, link, order);
    return { kind: decision === 'pending' ? 'pending' : 'final' };
  }

  private decide(sale: Sale, order: OrderReport): { decision: OrderDecision; settlement?: Settlement } {
    switch (order.outcome) {
      case 'pending':
        return { decision: 'pending' };
      case 'ended':
        return { decision: 'ended' };
      case 'attention':
        return { decision: 'attention' };
      case 'delivered':
        return { decision: 'paid', settlement: 'charged' };
      case 'ready': {
        if (!order.needsCapture) return { decision: 'paid', settlement: 'charged' };
        const atOnce = this.deps.settings().captureAtOnce ?? true;
        return atOnce && this.providerFor(sale).capture ? { decision: 'capture' } : { decision: 'paid', settlement: 'authorised' };
      }
    }
  }

  /** Debits the whole order once: journaled before it is sent, its outcome after. */
  private async captureLocked(sale: Sale, link: PaymentLink, order: OrderReport): Promise<CheckOutcome> {
    const provider = this.providerFor(sale);
    if (!provider.capture) return { kind: 'pending' };
    const request = { orderId: order.id, amountMinor: order.amountMinor, transactionReference: captureReference(sale.orderReference) };
    await this.commit(sale.id, 'capture-requested', request);
    let result;
    try {
      result = await provider.capture(request, this.lifetime.signal);
    } catch (error) {
      // A definite refusal: a person debits in the provider's portal. Anything else may have
      // debited: the next poll reads the order (its debits carry our reference); never sent again.
      if (error instanceof ProviderError && (error.kind === 'rejected' || error.kind === 'auth' || error.kind === 'not-found')) {
        this.deps.log.warn('sales: the provider refused the debit', { saleId: sale.id, error });
        await this.commit(
          sale.id,
          'capture-failed',
          because(msg('reasonCaptureRefused'), `${englishText(msg('reasonCaptureRefused'))} ${error.message}`),
        );
        return { kind: 'final' };
      }
      this.deps.log.warn('sales: debit outcome unknown; reconciling by reading the order', { saleId: sale.id, error });
      await this.commit(sale.id, 'capture-unknown', because(msg('reasonCaptureUnknown')));
      return { kind: 'pending' };
    }
    if (result.kind === 'captured') {
      await this.commit(sale.id, 'captured', {
        orderId: order.id,
        transactionId: result.transactionId,
        amountMinor: result.amountMinor,
        orderStatus: result.orderStatus,
        via: 'answer',
      });
      return { kind: 'final' };
    }
    // 4424: the order cannot be debited now — most likely it already was. Read what it says.
    let read: LinkStatusReport;
    try {
      read = await provider.status(link, this.expected(this.require(sale.id)), this.lifetime.signal);
    } catch (error) {
      this.deps.log.warn('sales: could not read the order after a refused debit; will look again', { saleId: sale.id, error });
      await this.commit(
        sale.id,
        'capture-unknown',
        because(msg('reasonCaptureUnknown'), `${englishText(msg('reasonCaptureUnknown'))} ${result.detail}`),
      );
      return { kind: 'pending' };
    }
    if (!read.order) return { kind: 'pending' };
    return this.settleCaptureLocked(this.require(sale.id), read.order);
  }

  /** A debit was journaled and its answer is not recorded: the order's own debits tell what happened. */
  private async settleCaptureLocked(sale: Sale, order: OrderReport): Promise<CheckOutcome> {
    const capture = sale.capture;
    if (!capture || !sale.order) return { kind: 'final' };
    const ours = order.transactions.find((t) => t.type === 'DEBIT' && t.reference === capture.transactionReference);
    const debitedSince = order.debitedMinor - sale.order.debitedMinor;
    if (ours || order.outcome === 'delivered' || debitedSince >= order.amountMinor) {
      await this.commit(sale.id, 'captured', {
        orderId: order.id,
        transactionId: ours?.id ?? order.transactions.findLast((t) => t.type === 'DEBIT')?.id ?? null,
        amountMinor: ours?.amountMinor ?? debitedSince,
        orderStatus: order.providerStatus,
        via: 'read',
      });
      return { kind: 'final' };
    }
    const reason = order.outcome === 'ready' ? msg('reasonCaptureNotFound') : msg('reasonCaptureState', { status: order.providerStatus });
    await this.commit(sale.id, 'capture-failed', because(reason));
    return { kind: 'final' };
  }

  /** Journals what the provider reported about the sale's link. */
  private observe(
    sale: Sale,
    link: PaymentLink,
    report: LinkStatusReport,
    status: SaleRecordData['status-observed']['status'],
    providerStatus = report.providerStatus,
  ): Promise<Sale> {
    return this.commit(sale.id, 'status-observed', {
      reference: link.reference,
      status,
      providerStatus,
      amountMinor: report.amountMinor,
      currency: report.currency,
    });
  }

  /** A link that does not match its sale: a person must look, and an unpaid one must stop being payable. */
  private async applyMismatchLocked(sale: Sale, link: PaymentLink, report: LinkStatusReport): Promise<CheckOutcome> {
    // With a mismatch a real provider reports `unknown`, never `paid`: `charged` says money was taken.
    const paidSomething = report.status === 'paid' || report.charged;
    // A link for another amount that nobody has paid must not stay payable while the sale waits
    // for a person: cancel it at the provider first (look again later if that fails).
    let cancelled = paidSomething;
    if (!paidSomething) {
      try {
        await this.providerFor(sale).cancel(link, this.lifetime.signal);
        cancelled = true;
      } catch (error) {
        this.deps.log.warn('sales: could not cancel a link that does not match its sale; will look again', { saleId: sale.id, error });
        this.checkLater(sale.id);
      }
    }
    if (sale.state !== 'needs-attention' && !sale.paid) {
      await this.commit(sale.id, 'needs-attention', mismatchReason(sale, report, paidSomething, cancelled));
    }
    return { kind: 'final' };
  }

  /**
   * Validity plus grace has passed and the provider still calls the link open (clocks differ):
   * cancel it there so no payment can arrive unseen, then record the sale as expired.
   */
  private async expireLocked(sale: Sale, link: PaymentLink, report: LinkStatusReport): Promise<CheckOutcome> {
    try {
      await this.providerFor(sale).cancel(link, this.lifetime.signal);
    } catch (error) {
      this.deps.log.warn('sales: could not cancel a link past its validity; checking again', { saleId: sale.id, error });
      return { kind: 'pending' };
    }
    // As for a clerk's cancel: a payment that came in meanwhile wins over "expired".
    const after = await this.statusAfterCancel(sale, link);
    if (!after) return { kind: 'pending' };
    if (after.status === 'paid' || after.mismatch) return this.applyReportLocked(sale.id, link, sale.amountMinor, after, false);
    await this.observe(sale, link, report, 'expired', `${report.providerStatus} (cancelled after its validity ended)`);
    return { kind: 'final' };
  }

  /** The link's status right after cancelling it, or null when the provider could not be asked. */
  private async statusAfterCancel(sale: Sale, link: PaymentLink): Promise<LinkStatusReport | null> {
    try {
      return await this.providerFor(sale).status(link, this.expected(sale), this.lifetime.signal);
    } catch (error) {
      this.deps.log.warn('sales: could not read a link after cancelling it; will look again', { saleId: sale.id, error });
      return null;
    }
  }

  /** One more status check shortly, outside the command that scheduled it (a payment is never ignored). */
  private checkLater(id: string): void {
    this.deps
      .sleep(LATE_CHECK_MS, this.lifetime.signal)
      .then(() => (this.lifetime.signal.aborted ? undefined : this.poller.checkNow(id)))
      .catch((error: unknown) => this.deps.log.warn('sales: a late status check failed', { saleId: id, error }));
  }

  private async commit<T extends SaleRecordType>(saleId: string, type: T, data: SaleRecordData[T]): Promise<Sale> {
    const at = this.deps.now().toISOString();
    const before = this.sales.get(saleId);
    // Checked before writing: a record that does not fit its schema, or is illegal, must never reach the journal.
    applySaleRecord(before, requireSaleRecord({ type, saleId, at, data }));
    const written = await this.deps.journal.append({ type, saleId, at, data });
    // Applied as written (and as a replay will read it), not as it was handed over.
    const after = applySaleRecord(before, requireSaleRecord(written));
    this.sales.set(saleId, after);
    this.appliedSeq = written.seq;
    this.advance();
    if (after.refunds.some(isOpenRefund)) this.openRefunds.add(saleId);
    else this.openRefunds.delete(saleId);
    if (type === 'sale-created') this.maxNumber = Math.max(this.maxNumber, after.number);
    this.emit(after);
    return after;
  }

  private emit(sale: Sale): void {
    try {
      this.deps.events.emit('sale:changed', this.view(sale));
    } catch (error) {
      // The journal already has the change; a listener's failure must not undo the command.
      this.deps.log.error('sales: could not announce a sale change', { saleId: sale.id, error });
    }
  }

  private setConnectionLost(id: string, lost: boolean): void {
    if (this.connectionLost.has(id) === lost) return;
    if (lost) this.connectionLost.add(id);
    else this.connectionLost.delete(id);
    const sale = this.sales.get(id);
    if (sale) this.emit(sale);
  }

  private pollTarget(id: string): PollTarget | null {
    const sale = this.sales.get(id);
    if (!sale || !(isPollable(sale) || isFollowed(sale)) || !sale.linkCreatedAt) return null;
    return { linkCreatedAt: Date.parse(sale.linkCreatedAt), validTo: this.validToOf(sale).getTime() };
  }

  private validToOf(sale: Sale): Date {
    if (sale.link?.validTo) return new Date(sale.link.validTo);
    const start = Date.parse(sale.linkCreatedAt ?? sale.createdAt);
    return new Date(start + this.deps.settings().linkValidityMinutes * 60_000);
  }

  private priceChecked(cart: Cart, currency: Currency): CartTotals {
    // The renderer checks the same rules first; the clerk is told the first problem in their language.
    const [problem] = this.deps.validateCart(cart);
    if (problem) throw new DomainError('rejected', msg(problem.key, problem.params));
    if (cart.currency !== currency) {
      throw new DomainError('rejected', msg('saleCartCurrency', { cartCurrency: cart.currency, currency }));
    }
    const totals = this.deps.priceCart(cart);
    if (totals.totalMinor <= 0) throw new DomainError('rejected', msg('saleNothingToCharge'));
    return totals;
  }

  private providerFor(sale: Sale): PaymentLinkProvider {
    const current = this.deps.getProvider();
    if (current.providerId !== sale.provider || current.demo !== sale.demo) {
      throw new DomainError('conflict', msg('saleOtherProvider'));
    }
    return current.provider;
  }

  private expected(sale: Sale) {
    return {
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      orderReference: sale.orderReference,
      orderId: sale.order?.orderId ?? null,
    };
  }

  private isOpen(sale: Sale): boolean {
    return sale.state === 'waiting' || sale.state === 'opened';
  }

  private require(id: string): Sale {
    const sale = this.sales.get(id);
    if (!sale) throw new DomainError('not-found', msg('saleNotFound'));
    return sale;
  }

  private view(sale: Sale): SaleView {
    return toView(sale, this.connectionLost.has(sale.id));
  }
}

/** The id of the one tender sale a link sale's cart can become: a second press finds it. */
export function tenderSaleId(linkSaleId: string): string {
  return `${linkSaleId}~tender`;
}

/**
 * The debit's merchant reference, derived from the sale's order reference (unique per link), so a
 * debit whose answer was lost is recognised among the order's transactions.
 */
export function captureReference(orderReference: string): string {
  return `${orderReference}-D`;
}

/** The journal keeps who a link was sent to only as far as a person needs to recognise it. */
export function maskContact(contact: Contact): string {
  if (contact.kind === 'email') {
    const [local = '', domain = ''] = contact.email.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${contact.country} ***${contact.number.slice(-2)}`;
}

/**
 * Why a sale whose link does not match it needs a person. Differing amounts or currencies are said
 * with both amounts (formatted for whoever reads them); any other mismatch gets the general sentence
 * followed by the provider report's own detail, for the person resolving it.
 */
function mismatchReason(sale: Sale, report: LinkStatusReport, paid: boolean, cancelled: boolean): ReasonData {
  const reported = currencySchema.safeParse(report.currency);
  if (report.amountMinor !== null && reported.success && (report.amountMinor !== sale.amountMinor || reported.data !== sale.currency)) {
    const key = paid ? 'reasonMismatchPaidAmounts' : cancelled ? 'reasonMismatchCancelledAmounts' : 'reasonMismatchOpenAmounts';
    return because(
      msg(key, {
        reportedMinor: report.amountMinor,
        reportedCurrency: reported.data,
        expectedMinor: sale.amountMinor,
        expectedCurrency: sale.currency,
      }),
    );
  }
  const general = msg(paid ? 'reasonMismatchPaid' : cancelled ? 'reasonMismatchCancelled' : 'reasonMismatchOpen');
  return because(general, `${englishText(general)} ${report.mismatch ?? ''}`.trim());
}
