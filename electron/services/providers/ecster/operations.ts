import { z } from 'zod';
import type { HttpClient } from '../http';
import type { LinkSearchQuery } from '../provider';
import type {
  EcsterCreateRequest,
  EcsterLinkResponse,
  EcsterOrder,
  EcsterSearchEntry,
  EcsterSwishRefundRequest,
  EcsterSwishRefundStatus,
  EcsterTransactionRequest,
  EcsterTransactionResponse,
} from './schemas';
import {
  ecsterLinkResponseSchema,
  ecsterOrderSchema,
  ecsterOrderSearchSchema,
  ecsterSearchResponseSchema,
  ecsterSwishRefundStatusSchema,
  ecsterTransactionResponseSchema,
} from './schemas';

/**
 * One function per Ecster Pay Link operation, each a single HTTP call. Paths are relative to the
 * base URL (…/rest/public/v1/).
 */

export function createLink(http: HttpClient, body: EcsterCreateRequest, signal?: AbortSignal): Promise<EcsterLinkResponse> {
  return http.sendJson('POST', 'paymentlinks', body, ecsterLinkResponseSchema, { signal });
}

export function updateLink(http: HttpClient, key: string, body: EcsterCreateRequest, signal?: AbortSignal): Promise<EcsterLinkResponse> {
  return http.sendJson('PUT', 'paymentlinks', body, ecsterLinkResponseSchema, { searchParams: { key }, signal });
}

export async function changeOrderReference(http: HttpClient, key: string, orderReference: string, signal?: AbortSignal): Promise<void> {
  await http.sendJson('PUT', 'paymentlinks/orderReference', { orderReference }, z.unknown(), { searchParams: { key }, signal });
}

/**
 * Reads one link by key. Search results carry no payLinkUrl, so adopting a link found by order
 * reference needs this read (Ecster's "get payment link"; the sandbox implements it the same way).
 */
export function getLink(http: HttpClient, key: string, signal?: AbortSignal): Promise<EcsterLinkResponse> {
  return http.getJson('paymentlinks', ecsterLinkResponseSchema, { searchParams: { key }, signal });
}

/** The seed marks `createdfrom`, `expiredTo` and `activefrom` as `(date)`: the query carries `YYYY-MM-DD`. */
export function searchLinks(http: HttpClient, query: LinkSearchQuery, signal?: AbortSignal): Promise<EcsterSearchEntry[]> {
  return http.getJson('paymentlinks', ecsterSearchResponseSchema, {
    searchParams: {
      orderReference: query.orderReference,
      cellular: query.cellular,
      email: query.email,
      createdfrom: query.createdFrom,
      status: query.status,
      expiredTo: query.expiringBefore,
      activefrom: query.activeFrom,
      offset: query.offset,
      limit: query.limit ?? 50,
    },
    signal,
  });
}

export async function deleteLink(http: HttpClient, key: string, signal?: AbortSignal): Promise<void> {
  await http.sendJson('DELETE', 'paymentlinks', undefined, z.unknown(), { searchParams: { key }, signal });
}

/** The orders made for an order reference (GET /v1/orders?orderReference=, providers.md §1.3). */
export function searchOrders(http: HttpClient, orderReference: string, signal?: AbortSignal): Promise<EcsterOrder[]> {
  return http.getJson('orders', ecsterOrderSearchSchema, { searchParams: { orderReference }, signal });
}

export function getOrder(http: HttpClient, orderId: string, signal?: AbortSignal): Promise<EcsterOrder> {
  return http.getJson(`orders/${encodeURIComponent(orderId)}`, ecsterOrderSchema, { signal });
}

/** A DEBIT, CREDIT or ANNUL (§1.10). A POST: never retried, see http.ts. */
export function postTransaction(
  http: HttpClient,
  orderId: string,
  body: EcsterTransactionRequest,
  signal?: AbortSignal,
): Promise<EcsterTransactionResponse> {
  return http.sendJson('POST', `orders/${encodeURIComponent(orderId)}/transactions`, body, ecsterTransactionResponseSchema, { signal });
}

/** A Swish refund (§1.10). A POST: never retried. Its answer is not relied on: the status is polled. */
export async function postSwishRefund(
  http: HttpClient,
  orderId: string,
  body: EcsterSwishRefundRequest,
  signal?: AbortSignal,
): Promise<void> {
  await http.sendJson('POST', `orders/${encodeURIComponent(orderId)}/refunds`, body, z.unknown(), { signal });
}

export function getSwishRefundStatus(http: HttpClient, orderId: string, signal?: AbortSignal): Promise<EcsterSwishRefundStatus> {
  return http.getJson(`orders/${encodeURIComponent(orderId)}/refunds/latest/status`, ecsterSwishRefundStatusSchema, { signal });
}
