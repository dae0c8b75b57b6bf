import { useEffect, useState } from 'react';
import type { ShopTill } from '../../../../shared/ipc/channels/shop';
import { usePosApi } from '../context';

/** The shop's tills (this one first), or none when the till works alone: History and reports then look as they always did. */
export function useShopTills(): ShopTill[] {
  const api = usePosApi();
  const [tills, setTills] = useState<ShopTill[]>([]);
  useEffect(() => {
    let live = true;
    void api.shop.tills().then((result) => {
      if (live && result.ok) setTills(result.value.tills);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return tills;
}
