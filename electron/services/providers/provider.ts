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
  status(
    link: PaymentLink,
    expected: { amountMinor: number; currency: Currency; orderReference: string },
    signal?: AbortSignal,
  ): Promise<LinkStatusReport>;
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
