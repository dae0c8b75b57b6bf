import type { IpcErrorCode } from '../../../shared/ipc/result';
import { HandlerError, type Handlers } from '../ipc/dispatch';
import { JournalError } from '../journal/journal';
import { ProviderError, type ProviderErrorKind } from '../providers/provider';
import type { CheckoutService } from './checkout-service';
import { actAsDemoCustomer } from './demo-customer';

export type SaleChannel =
  | 'sale:charge'
  | 'sale:current'
  | 'sale:get'
  | 'sale:checkNow'
  | 'sale:cancel'
  | 'sale:updateCart'
  | 'sale:sendLink'
  | 'sale:confirmRecreate'
  | 'sale:resolve'
  | 'sale:list'
  | 'sale:demoCustomer';

const providerCodes: Record<ProviderErrorKind, IpcErrorCode> = {
  auth: 'provider-auth',
  rejected: 'provider-rejected',
  'not-found': 'provider-rejected',
  'rate-limited': 'provider-rate-limited',
  unavailable: 'provider-unavailable',
  'unknown-outcome': 'unknown-outcome',
  'bad-response': 'provider-bad-response',
};

/** Turns the errors a sale command may meet into codes the renderer can act on; messages are for the clerk. */
export function toHandlerError(error: unknown): unknown {
  if (error instanceof ProviderError) return new HandlerError(providerCodes[error.kind], error.l10n, error.message);
  if (error instanceof JournalError) return new HandlerError('storage', error.l10n, error.message);
  return error;
}

async function mapped<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toHandlerError(error);
  }
}

/** `sandboxUrl`: the embedded sandbox's base URL, the only place a demo customer may press Pay. */
export function createSaleHandlers(service: CheckoutService, demo: { sandboxUrl: string }): Pick<Handlers, SaleChannel> {
  return {
    'sale:charge': ({ cart }) => mapped(() => service.charge(cart)),
    'sale:current': () => mapped(() => service.current()),
    'sale:get': ({ id }) => mapped(() => service.get(id)),
    'sale:checkNow': ({ id }) => mapped(() => service.checkNow(id)),
    'sale:cancel': ({ id }) => mapped(() => service.cancel(id)),
    'sale:updateCart': ({ id, cart, confirmReplace }) => mapped(() => service.updateCart(id, cart, confirmReplace)),
    'sale:sendLink': ({ id, contact }) => mapped(() => service.sendLink(id, contact)),
    'sale:confirmRecreate': ({ id }) => mapped(() => service.confirmRecreate(id)),
    'sale:resolve': ({ id, note }) => mapped(() => service.resolve(id, note)),
    'sale:list': (filters) => mapped(() => service.list(filters)),
    'sale:demoCustomer': ({ id, action }) =>
      mapped(() =>
        actAsDemoCustomer(
          { get: (saleId) => service.get(saleId), checkNow: (saleId) => service.checkNow(saleId), sandboxUrl: demo.sandboxUrl },
          id,
          action,
        ),
      ),
  };
}
