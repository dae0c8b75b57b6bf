import { useEffect, useState } from 'react';
import type { ShopDatabaseStatus } from '../../../../shared/ipc/channels/shop';
import { usePosApi } from '../context';

/** The shop database's status, kept current by the sync events main sends. */
export function useShopDatabaseStatus(): [ShopDatabaseStatus | null, (status: ShopDatabaseStatus) => void] {
  const api = usePosApi();
  const [status, setStatus] = useState<ShopDatabaseStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.shop.databaseStatus().then((answer) => {
        if (live && answer.ok) setStatus(answer.value);
      });
    load();
    // A sync event may follow an address set elsewhere (the Settings screen): read the whole status.
    const stop = api.events.onShopSyncChanged(load);
    return () => {
      live = false;
      stop();
    };
  }, [api]);
  return [status, setStatus];
}
