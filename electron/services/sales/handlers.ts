import type { Handlers } from '../ipc/dispatch';
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
  | 'sale:payOtherwise'
  | 'sale:resolve'
  | 'sale:refund'
  | 'sale:markRefund'
  | 'sale:list'
  | 'sale:demoCustomer';

/**
 * The sale channels; the errors they meet are mapped to IPC codes by the dispatcher's one table.
 * `sandboxUrl`: the embedded sandbox's base URL, the only place a demo customer may press Pay.
 */
export function createSaleHandlers(service: CheckoutService, demo: { sandboxUrl: string }): Pick<Handlers, SaleChannel> {
  return {
    'sale:charge': ({ cart }) => service.charge(cart),
    'sale:current': () => Promise.resolve(service.current()),
    'sale:get': ({ id }) => Promise.resolve(service.get(id)),
    'sale:checkNow': ({ id }) => service.checkNow(id),
    'sale:cancel': ({ id }) => service.cancel(id),
    'sale:updateCart': ({ id, cart, confirmReplace }) => service.updateCart(id, cart, confirmReplace),
    'sale:sendLink': ({ id, contact }) => service.sendLink(id, contact),
    'sale:confirmRecreate': ({ id }) => service.confirmRecreate(id),
    'sale:payOtherwise': ({ id, tender }) => service.payOtherwise(id, tender),
    'sale:resolve': ({ id, note }) => service.resolve(id, note),
    'sale:refund': ({ id, refundNumber, lines, reason }) => service.refund(id, { refundNumber, lines, reason }),
    'sale:markRefund': ({ id, refundNumber, done }) => service.markRefund(id, refundNumber, done),
    'sale:list': (filters) => Promise.resolve(service.list(filters)),
    'sale:demoCustomer': ({ id, action }) =>
      actAsDemoCustomer(
        { get: (saleId) => service.get(saleId), checkNow: (saleId) => service.checkNow(saleId), sandboxUrl: demo.sandboxUrl },
        id,
        action,
      ),
  };
}
