import { z } from 'zod';
import { createHttpClient } from '../http';
import type { HttpClient, RetryNotice, Sleep } from '../http';
import type { LinkRequest, PaymentLinkProvider, ProviderCapabilities } from '../provider';
import { ecsterInfo } from '../../../../shared/providers/ecster';
import { ProviderError } from '../provider';
import type { PaymentLink } from '../../../../shared/domain/sale';
import { buildLinkBody } from './body';
import { ecsterTimestamp } from './dates';
import type { EcsterLinkConfig } from './body';
import { mapEcsterError } from './errors';
import {
  createLink,
  deleteLink,
  getLink,
  getOrder,
  getSwishRefundStatus,
  postSwishRefund,
  postTransaction,
  searchLinks,
  searchOrders,
  updateLink,
} from './operations';
import type { EcsterLinkResponse, EcsterOrder, EcsterSearchEntry } from './schemas';
import { orderNotYetListed, orderOutcome, orderStatusReport, statusReport, summary } from './status';
import { checkPayLinkUrl } from './urls';
import { msg } from '../../../../shared/messages';

export interface EcsterCredentials {
  readonly apiKey: string;
  readonly merchantKey: string;
}

export interface EcsterProviderOptions {
  /** From ecsterBaseUrl(), or the sandbox's ecsterBaseUrl in demo mode. */
  readonly baseUrl: string;
  readonly credentials: EcsterCredentials;
  /** A function is read at every create/update, so a settings change needs no new client. */
  readonly link: EcsterLinkConfig | (() => EcsterLinkConfig);
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export const ecsterCapabilities: ProviderCapabilities = ecsterInfo.capabilities;

const offsetDateTime = z.iso.datetime({ offset: true });

function toPaymentLink(response: EcsterLinkResponse, fallbackValidTo: string | null): PaymentLink {
  const link = response.paymentLink;
  const echoed = link.parameters?.validTo;
  const validTo = echoed !== undefined && offsetDateTime.safeParse(echoed).success ? echoed : fallbackValidTo;
  return { reference: link.key, url: checkPayLinkUrl(link.payLinkUrl), validTo };
}

/** When several links share an order reference, a live or paid one is the sale's link. */
function pickAdoptable(entries: readonly EcsterSearchEntry[], orderReference: string): EcsterSearchEntry | null {
  const same = entries.filter((e) => e.orderReference === orderReference);
  const rank = (e: EcsterSearchEntry) => (e.status === 'ORDER_CREATED' ? 0 : e.status === 'OPEN' ? 1 : 2);
  return [...same].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** The sale's order among those listed for its reference: one that is not over, else the newest. */
function pickOrder(orders: readonly EcsterOrder[], orderReference: string): EcsterOrder | null {
  const same = orders.filter((o) => o.orderReference === null || o.orderReference === orderReference);
  return same.find((o) => orderOutcome(o.status) !== 'ended') ?? same.at(-1) ?? null;
}

/** Ecster's code for "order is not in a valid state", e.g. already debited (providers.md §1.11). */
const ORDER_STATE_CODE = '4424';

export function createEcsterProvider(options: EcsterProviderOptions): PaymentLinkProvider {
  const http: HttpClient = createHttpClient({
    baseUrl: options.baseUrl,
    headers: {
      'x-api-key': options.credentials.apiKey,
      'x-merchant-key': options.credentials.merchantKey,
      'Content-Type': 'application/json',
    },
    timeoutMs: options.timeoutMs ?? 15_000,
    mapErrorBody: mapEcsterError,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });

  const body = (request: LinkRequest) => buildLinkBody(request, typeof options.link === 'function' ? options.link() : options.link);

  return {
    id: 'ecster',
    capabilities: ecsterCapabilities,

    async create(request, signal) {
      const response = await createLink(http, body(request), signal);
      return toPaymentLink(response, ecsterTimestamp(request.validTo));
    },

    async update(link, request, signal) {
      const response = await updateLink(http, link.reference, body(request), signal);
      return toPaymentLink(response, ecsterTimestamp(request.validTo));
    },

    async cancel(link, signal) {
      await deleteLink(http, link.reference, signal);
    },

    async status(link, expected, signal) {
      // Once the sale knows its order, the order alone decides: one read.
      if (expected.orderId) return orderStatusReport(await getOrder(http, expected.orderId, signal), expected);
      // The sale's order reference is unique, so this search returns its link(s) only.
      const entries = await searchLinks(http, { orderReference: expected.orderReference }, signal);
      const entry = entries.find((e) => e.key === link.reference);
      if (!entry) throw new ProviderError('not-found', msg('providerNotListed'));
      if (entry.status !== 'ORDER_CREATED') return statusReport(entry, expected);
      // The customer finished checkout and Ecster made an order: find it, then read it (§1.12).
      const listed = pickOrder(await searchOrders(http, expected.orderReference, signal), expected.orderReference);
      if (!listed) return orderNotYetListed(entry);
      return orderStatusReport(await getOrder(http, listed.id, signal), expected);
    },

    async capture(request, signal) {
      try {
        const answer = await postTransaction(
          http,
          request.orderId,
          { type: 'DEBIT', amount: request.amountMinor, transactionReference: request.transactionReference },
          signal,
        );
        return {
          kind: 'captured',
          transactionId: answer.transaction.id,
          orderStatus: answer.orderStatus,
          amountMinor: answer.transaction.amount ?? request.amountMinor,
        };
      } catch (error) {
        // Krokedil treats 4424 on a capture as benign: the order was debited already (or cannot be).
        if (error instanceof ProviderError && String(error.detail.providerCode) === ORDER_STATE_CODE) {
          return { kind: 'invalid-state', detail: error.message };
        }
        throw error;
      }
    },

    async refund(request, signal) {
      try {
        if (request.method === 'swish') {
          if (request.debitTransaction === null)
            throw new ProviderError('rejected', msg('providerRejected'), {}, 'A Swish refund names its debit.');
          await postSwishRefund(http, request.orderId, { amount: request.amountMinor, debitTransaction: request.debitTransaction }, signal);
          // Swish refunds are processed asynchronously: the latest refund's status says when it is done.
          return { kind: 'ongoing' };
        }
        const answer = await postTransaction(
          http,
          request.orderId,
          request.method === 'credit'
            ? {
                type: 'CREDIT',
                amount: request.amountMinor,
                transactionReference: request.transactionReference,
                // Mandatory for CREDIT (§1.10): the debit the money is given back from.
                debitTransaction: request.debitTransaction ?? '',
              }
            : { type: 'ANNUL', amount: request.amountMinor, transactionReference: request.transactionReference },
          signal,
        );
        return { kind: 'refunded', transactionId: answer.transaction.id };
      } catch (error) {
        if (error instanceof ProviderError && String(error.detail.providerCode) === ORDER_STATE_CODE) {
          return { kind: 'invalid-state', detail: error.message };
        }
        throw error;
      }
    },

    async readRefund(request, signal) {
      if (request.method === 'swish') {
        const { status } = await getSwishRefundStatus(http, request.orderId, signal);
        if (status === 'SUCCESS') return { kind: 'refunded', transactionId: null };
        return status === 'ONGOING' ? { kind: 'ongoing' } : { kind: 'failed', status };
      }
      const order = await getOrder(http, request.orderId, signal);
      const type = request.method === 'credit' ? 'CREDIT' : 'ANNUL';
      const ours = order.transactions.find((t) => t.type === type && t.transactionReference === request.transactionReference);
      return ours ? { kind: 'refunded', transactionId: ours.id } : { kind: 'none' };
    },

    async findByOrderReference(orderReference, signal) {
      const entries = await searchLinks(http, { orderReference }, signal);
      const entry = pickAdoptable(entries, orderReference);
      if (!entry) return null;
      const validTo = entry.validTo !== null && offsetDateTime.safeParse(entry.validTo).success ? entry.validTo : null;
      return toPaymentLink(await getLink(http, entry.key, signal), validTo);
    },

    async search(query, signal) {
      return (await searchLinks(http, query, signal)).map(summary);
    },

    async ping(signal) {
      await searchLinks(http, { limit: 1 }, signal);
    },
  };
}
