import type { Currency } from '../../../shared/domain/money';
import type { CartTotals } from '../../../shared/domain/schemas';
import type { LinkStatus, PaymentLink, ProviderId } from '../../../shared/domain/sale';
import type { Contact } from '../../../shared/ipc/channels/sale';
import { LocalizedError, type Message } from '../../../shared/messages';
import type { ProviderCapabilities } from '../../../shared/providers/types';

export type { ProviderCapabilities } from '../../../shared/providers/types';

/** Everything a provider needs to create or update a link for one sale. */
export interface LinkRequest {
  readonly orderReference: string;
  readonly totals: CartTotals;
  /** When the link stops being payable. */
  readonly validTo: Date;
  /** Ask the provider to send the link (Ecster `sendLink`). */
  readonly sendTo?: Contact;
}

/** A link's status, read from the provider and reduced to our neutral vocabulary. */
export interface LinkStatusReport {
  readonly status: LinkStatus;
  /** The provider's own status string, kept for the journal and for support. */
  readonly providerStatus: string;
  /** What the provider says was charged; compared with the sale before anything counts as paid. */
  readonly amountMinor: number | null;
  readonly currency: string | null;
  /** Set when the amount or currency differs from the sale: the sale needs attention, it is not paid. */
  readonly mismatch: string | null;
  /**
   * The provider reports money taken on this link, whatever the amount: with a mismatch the status
   * is `unknown`, but the customer has paid something and the clerk must not be told otherwise.
   */
  readonly charged: boolean;
  /**
   * The provider's order behind the link, where the provider makes one once the customer has paid
   * (Ecster): then the order, not the link, says whether the sale is paid. Absent for providers
   * whose link status is the whole story (Straumur).
   */
  readonly order?: OrderReport | null;
}

/**
 * What an order's status means for the sale:
 * - `ready`: approved; the money is the merchant's once debited (unless `needsCapture` is false),
 * - `delivered`: fully debited — paid,
 * - `pending`: the customer or the provider is still completing it (signing, a credit decision),
 * - `ended`: denied, failed, aborted, annulled, expired, stopped or blocked — not paid,
 * - `attention`: anything else (manual processing, part-debited, a status we do not know): a person
 *   must look; never paid.
 */
export type OrderOutcome = 'ready' | 'delivered' | 'pending' | 'ended' | 'attention';

export interface OrderTransactionReport {
  readonly id: string;
  /** ORIGINAL, DEBIT, CREDIT, ANNUL, or whatever the provider says. */
  readonly type: string;
  readonly amountMinor: number | null;
  /** The merchant's reference it was sent with, if any: how our own debit is recognised. */
  readonly reference: string | null;
}

export interface OrderReport {
  readonly id: string;
  readonly providerStatus: string;
  readonly outcome: OrderOutcome;
  /** CARD, INVOICE, SWISH…, as the provider names it; null when it did not say. */
  readonly method: string | null;
  /** The order's amount, fees included. */
  readonly amountMinor: number;
  readonly currency: string;
  /** What the provider added on top of the sale (an invoice fee): allowed, and shown. */
  readonly feeMinor: number;
  readonly debitedMinor: number;
  readonly creditedMinor: number;
  /** A `ready` order is only authorised until it is debited (card, invoice); Swish is taken at purchase. */
  readonly needsCapture: boolean;
  readonly transactions: readonly OrderTransactionReport[];
}

export interface CaptureRequest {
  readonly orderId: string;
  /** The whole order, fees included. */
  readonly amountMinor: number;
  /** Derived from the sale, so a debit that already happened is recognised in the order's transactions. */
  readonly transactionReference: string;
}

/**
 * A capture's definite answers. `invalid-state`: the provider says the order cannot be debited now
 * (Ecster 4424, e.g. already debited): read the order to learn what happened. A capture whose
 * outcome is unknown throws ProviderError 'unknown-outcome'; a refusal throws as usual.
 */
export type CaptureResult =
  | { readonly kind: 'captured'; readonly transactionId: string; readonly orderStatus: string; readonly amountMinor: number }
  | { readonly kind: 'invalid-state'; readonly detail: string };

/** A refund at the provider (Ecster §1.10): CREDIT against a debit, ANNUL of an undebited order, or a Swish refund. */
export interface RefundRequest {
  readonly orderId: string;
  readonly method: 'credit' | 'annul' | 'swish';
  readonly amountMinor: number;
  /** Derived from the sale and the refund's number, so a refund that already happened is recognised. */
  readonly transactionReference: string;
  /** The DEBIT transaction given back (mandatory for CREDIT and Swish refunds). */
  readonly debitTransaction: string | null;
}

/**
 * A refund's definite answers: done, accepted and still being processed (Swish: poll), or the
 * order is not in a state to take it (Ecster 4424: read the order). An unknown outcome throws
 * ProviderError 'unknown-outcome'; a refusal throws as usual.
 */
export type RefundResult =
  | { readonly kind: 'refunded'; readonly transactionId: string | null }
  | { readonly kind: 'ongoing' }
  | { readonly kind: 'invalid-state'; readonly detail: string };

/** What the provider shows of a refund that was sent: done, still going, not there at all, or failed. */
export type RefundReading =
  | { readonly kind: 'refunded'; readonly transactionId: string | null }
  | { readonly kind: 'ongoing' }
  | { readonly kind: 'none' }
  | { readonly kind: 'failed'; readonly status: string };

/** What the sale expects to find at the provider; `orderId` once the sale knows its order. */
export interface ExpectedPayment {
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly orderReference: string;
  readonly orderId?: string | null;
}

/** Dates are calendar dates, `YYYY-MM-DD`, in the till's own time zone (Ecster's `(date)` filters). */
export interface LinkSearchQuery {
  readonly orderReference?: string;
  readonly cellular?: string;
  readonly email?: string;
  /** Links created on or after this date. */
  readonly createdFrom?: string;
  readonly status?: string;
  /** Links that expire on or before this date (Ecster `expiredTo`). */
  readonly expiringBefore?: string;
  /** Links still valid on this date (Ecster `activefrom`). */
  readonly activeFrom?: string;
  readonly offset?: number;
  readonly limit?: number;
}

export interface LinkSummary {
  readonly reference: string;
  readonly orderReference: string | null;
  readonly description: string | null;
  readonly createdAt: string | null;
  readonly validTo: string | null;
  readonly providerStatus: string | null;
  readonly status: LinkStatus;
  readonly amountMinor: number | null;
  readonly currency: string | null;
}

export interface PaymentLinkProvider {
  readonly id: ProviderId;
  readonly capabilities: ProviderCapabilities;
  /**
   * Creates a link. Never retried automatically: a timeout throws ProviderError 'unknown-outcome',
   * and the caller reconciles with findByOrderReference before anything creates another.
   */
  create(request: LinkRequest, signal?: AbortSignal): Promise<PaymentLink>;
  /** Replaces the cart of a live link (only when capabilities.canUpdate). */
  update(link: PaymentLink, request: LinkRequest, signal?: AbortSignal): Promise<PaymentLink>;
  cancel(link: PaymentLink, signal?: AbortSignal): Promise<void>;
  /** Reads the status and checks it against the sale's amount and currency. */
  status(link: PaymentLink, expected: ExpectedPayment, signal?: AbortSignal): Promise<LinkStatusReport>;
  /**
   * Debits an order in full (only when capabilities.capture). Never retried automatically: an
   * unknown outcome is reconciled by reading the order (its debits and their references).
   */
  capture?(request: CaptureRequest, signal?: AbortSignal): Promise<CaptureResult>;
  /**
   * Gives money back (only when capabilities.refund). Never retried automatically: an unknown
   * outcome is settled with `readRefund`, never by sending it again.
   */
  refund?(request: RefundRequest, signal?: AbortSignal): Promise<RefundResult>;
  /** Reads what became of a refund that was sent (its reference among the order's transactions, or Swish's refund status). */
  readRefund?(request: RefundRequest, signal?: AbortSignal): Promise<RefundReading>;
  /** Finds the link created for a sale, if any (used to reconcile an unknown create outcome). */
  findByOrderReference(orderReference: string, signal?: AbortSignal): Promise<PaymentLink | null>;
  search(query: LinkSearchQuery, signal?: AbortSignal): Promise<LinkSummary[]>;
  /** A harmless authenticated call (search with limit 1) for "Test connection". */
  ping(signal?: AbortSignal): Promise<void>;
}

export type ProviderErrorKind =
  | 'auth' // 401/403: the key was rejected
  | 'rejected' // 400/404/409 and provider validation codes: the request itself is wrong
  | 'not-found'
  | 'rate-limited' // 429
  | 'unavailable' // 5xx, network down, timeout on a safe call
  | 'unknown-outcome' // a POST whose answer never came: it may or may not have happened
  | 'bad-response'; // unparseable or schema-violating answer

/**
 * The one error type providers throw. `l10n` is the clerk's sentence; `message` is its English text
 * (or, given, a longer English one for support) and never contains a credential; `detail` may carry
 * the provider's code for support.
 */
export class ProviderError extends LocalizedError {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    l10n: Message,
    readonly detail: { status?: number; providerCode?: string | number; retryAfterMs?: number } = {},
    message?: string,
  ) {
    super(l10n, message);
  }
}
