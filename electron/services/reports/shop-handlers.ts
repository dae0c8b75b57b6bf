import type { Handlers } from '../ipc/dispatch';
import type { ShopView } from './shop-view';

export type ShopViewChannel = 'shop:tills' | 'shop:sales' | 'shop:xReport';

export function createShopViewHandlers(view: ShopView): Pick<Handlers, ShopViewChannel> {
  return {
    'shop:tills': () => view.tills(),
    'shop:sales': ({ till, ...filters }) => view.sales(till, filters),
    'shop:xReport': () => view.xReport(),
  };
}
