import { finalSaleStates, type SaleView } from '../../../shared/domain/sale';
import type { Contact } from '../../../shared/ipc/channels/sale';
import type { TenderInput } from '../../../shared/domain/tender';
import type { IpcResult } from '../../../shared/ipc/result';
import { errorText, t } from '../i18n';
import type { SliceCreator } from './store';

export interface SaleSlice {
  /** The sale on screen: live, or finished and not yet dismissed with "New sale". */
  sale: SaleView | null;
  /** A charge request is on its way to main (the Charge button is disabled meanwhile). */
  charging: boolean;
  busy: boolean;
  charge: () => Promise<void>;
  cancelSale: () => Promise<void>;
  checkNow: () => Promise<void>;
  sendLink: (contact: Contact) => Promise<boolean>;
  confirmRecreate: () => Promise<void>;
  /** No link can pay the sale on screen: record cash or a card terminal for its cart (a new sale, paid). */
  payOtherwise: (tender: TenderInput) => Promise<boolean>;
  newSale: () => void;
  /** The clerk is changing the cart of a live sale; the QR code is hidden until the link is updated. */
  editingLive: boolean;
  /** Starts changing a live sale's cart; false when the sale cannot be changed now. */
  startEditLive: () => boolean;
  /** Drops the changes and shows the link again. */
  cancelEditLive: () => void;
  /**
   * Sends the changed cart: updated in place where the provider can; otherwise only with
   * `confirmReplace` (the old link is cancelled and a new one created), after the clerk agreed.
   */
  submitEditLive: (confirmReplace?: boolean) => Promise<void>;
  /** Demo mode: act as the customer on the sandbox's page (the QR's loopback address is out of a phone's reach). */
  demoCustomer: (action: 'pay' | 'decline') => Promise<void>;
  /** After an expired, cancelled or failed sale: charge the same cart again as a new sale. */
  chargeAgain: () => Promise<void>;
  /** Fed by the `sale:changed` event and by call results; ignores stale updates. */
  receiveSale: (sale: SaleView) => void;
  resumeCurrentSale: () => Promise<void>;
  /**
   * Re-reads the sale on screen from main (a local read, no provider call). Events normally keep it
   * current; this covers an event lost while the web host's event stream reconnected.
   */
  resyncSale: () => Promise<void>;
  isLive: (sale: SaleView) => boolean;
  isFinished: (sale: SaleView) => boolean;
}

export const createSaleSlice: SliceCreator<SaleSlice> = (api) => (set, get) => {
  const settle = (result: IpcResult<SaleView>) => {
    if (result.ok) get().receiveSale(result.value);
    else get().notify('error', errorText(result.error));
    return result.ok;
  };

  return {
    sale: null,
    charging: false,
    busy: false,
    editingLive: false,

    startEditLive: () => {
      const sale = get().sale;
      if (!sale || !get().isLive(sale) || sale.state === 'creating' || !sale.link || get().busy) return false;
      // Edit from this window's cart only if it is the sale's own cart (another window may have
      // charged); otherwise start from the sale's frozen lines.
      const own =
        sale.totals.lines.length === get().cart.lines.length && sale.totals.lines.every((l, i) => l.id === get().cart.lines[i]?.id);
      set(own ? { editingLive: true } : { editingLive: true, cart: frozenCart(sale), selectedLineId: null });
      return true;
    },

    cancelEditLive: () => {
      const sale = get().sale;
      if (!sale) return set({ editingLive: false });
      set({ editingLive: false, cart: frozenCart(sale), selectedLineId: null });
    },

    submitEditLive: async (confirmReplace = false) => {
      const sale = get().sale;
      if (!sale || !get().editingLive) return;
      if (get().cart.lines.length === 0) return get().notify('warning', t('charge.emptyCart'));
      const canUpdate = get().appInfo?.capabilities.canUpdate ?? false;
      if (!canUpdate && !confirmReplace) return get().openDialog({ kind: 'confirm-replace' });
      set({ busy: true });
      try {
        const result = await api.sale.updateCart({ id: sale.id, cart: get().cart, confirmReplace });
        if (result.ok) {
          set({ editingLive: false });
          get().receiveSale(result.value);
        } else {
          get().notify('error', errorText(result.error));
        }
      } finally {
        set({ busy: false });
      }
    },

    charge: async () => {
      const { cart, charging, sale } = get();
      // One sale on screen at a time: a finished sale must be dismissed ("New sale") first.
      if (charging || sale) return;
      if (cart.lines.length === 0) {
        get().notify('warning', t('charge.emptyCart'));
        return;
      }
      set({ charging: true, notice: null });
      try {
        settle(await api.sale.charge({ cart }));
      } finally {
        set({ charging: false });
      }
    },

    cancelSale: async () => {
      const sale = get().sale;
      if (!sale) return;
      set({ busy: true });
      try {
        settle(await api.sale.cancel({ id: sale.id }));
      } finally {
        set({ busy: false });
      }
    },

    checkNow: async () => {
      const sale = get().sale;
      if (!sale) return;
      settle(await api.sale.checkNow({ id: sale.id }));
    },

    sendLink: async (contact) => {
      const sale = get().sale;
      if (!sale) return false;
      const ok = settle(await api.sale.sendLink({ id: sale.id, contact }));
      if (ok) get().notify('success', t('sendLink.sent'));
      return ok;
    },

    confirmRecreate: async () => {
      const sale = get().sale;
      if (!sale || get().busy) return;
      // The old link is confirmed gone at the provider first: a few requests, one press.
      set({ busy: true });
      try {
        settle(await api.sale.confirmRecreate({ id: sale.id }));
      } finally {
        set({ busy: false });
      }
    },

    payOtherwise: async (tender) => {
      const sale = get().sale;
      if (!sale || get().busy) return false;
      set({ busy: true });
      try {
        const ok = settle(await api.sale.payOtherwise({ id: sale.id, tender }));
        // The refused link's notice is old news once the money is in.
        if (ok) set({ notice: null });
        return ok;
      } finally {
        set({ busy: false });
      }
    },

    newSale: () => {
      const sale = get().sale;
      if (sale && get().isLive(sale)) return;
      set({
        editingLive: false,
        sale: null,
        cart: { currency: get().cart.currency, lines: [], discount: null },
        selectedLineId: null,
        notice: null,
      });
    },

    demoCustomer: async (action) => {
      const sale = get().sale;
      if (!sale?.demo) return;
      settle(await api.sale.demoCustomer({ id: sale.id, action }));
    },

    chargeAgain: async () => {
      const sale = get().sale;
      if (!sale || !['expired', 'cancelled', 'failed'].includes(sale.state)) return;
      set({ sale: null });
      await get().charge();
    },

    receiveSale: (incoming) => {
      const current = get().sale;
      // Only the sale on screen is shown; a different sale's event (another window) replaces it
      // only when nothing is on screen or the one on screen is finished.
      if (current && current.id !== incoming.id && get().isLive(current)) return;
      if (current && current.id === incoming.id && current.updatedAt > incoming.updatedAt) return;
      if (get().editingLive && !get().isLive(incoming)) {
        // Paid (or ended) while the clerk was changing the cart: what counts is what was paid.
        set({ sale: incoming, editingLive: false, cart: frozenCart(incoming) });
        return;
      }
      set({ sale: incoming });
    },

    resumeCurrentSale: async () => {
      const result = await api.sale.current();
      if (result.ok && result.value) {
        set({ sale: result.value, cart: frozenCart(result.value) });
      }
    },

    resyncSale: async () => {
      const sale = get().sale;
      if (!sale) return get().resumeCurrentSale();
      const result = await api.sale.get({ id: sale.id });
      if (result.ok) get().receiveSale(result.value);
    },

    isLive: (sale) => !finalSaleStates.has(sale.state) && sale.state !== 'needs-attention',
    isFinished: (sale) => finalSaleStates.has(sale.state) || sale.state === 'needs-attention',
  };
};

/** Rebuilds the cart shown beside a resumed sale from its frozen totals. */
function frozenCart(sale: SaleView) {
  return {
    currency: sale.currency,
    discount: null,
    lines: sale.totals.lines.map(({ grossBeforeDiscountMinor: _g, discountMinor: _d, totalMinor: _t, ...line }) => line),
  };
}
