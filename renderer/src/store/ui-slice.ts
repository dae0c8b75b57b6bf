import type { CartTotals } from '../../../shared/domain/schemas';
import type { SliceCreator } from './store';

export type Screen = 'sell' | 'settings' | 'history';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  message: string;
  /** A code the clerk scanned that is not in the catalog: offer to add it as a custom item. */
  unknownCode?: string;
  /** Something a person must see (a damaged journal, a file set aside): kept until dismissed. */
  alarm?: boolean;
}

export interface UiSlice {
  screen: Screen;
  notice: Notice | null;
  /** Which dialog is open, if any (discount, custom item, send link, confirm). */
  dialog: null | { kind: 'line-discount' | 'cart-discount' | 'custom-item' | 'send-link' | 'confirm-cancel' | 'confirm-replace'; code?: string };
  /** The customer display only: the cart the clerk is building, priced by main. */
  customerCart: CartTotals | null;
  receiveCustomerCart: (totals: CartTotals | null) => void;
  showScreen: (screen: Screen) => void;
  notify: (tone: Notice['tone'], message: string, extra?: Partial<Notice>) => void;
  /** Shows an alarm; one arriving while another is shown is added to it, never replacing it. */
  raiseAlarm: (message: string) => void;
  dismissNotice: () => void;
  openDialog: (dialog: NonNullable<UiSlice['dialog']>) => void;
  closeDialog: () => void;
}

let noticeCounter = 0;

/** How long a success or info message stays on screen. */
const NOTICE_FADE_MS = 6_000;

export const createUiSlice: SliceCreator<UiSlice> = () => (set, get) => ({
  screen: 'sell',
  notice: null,
  dialog: null,
  customerCart: null,
  receiveCustomerCart: (totals) => set({ customerCart: totals }),
  // A message belongs to the screen it was said on; an alarm stays until it is dismissed.
  showScreen: (screen) => set({ screen, dialog: null, notice: get().notice?.alarm ? get().notice : null }),
  notify: (tone, message, extra) => {
    const id = ++noticeCounter;
    set({ notice: { id, tone, message, ...extra } });
    // Good news fades; warnings and errors stay until dismissed or the next action.
    if (tone === 'success' || tone === 'info') {
      setTimeout(() => {
        if (get().notice?.id === id) set({ notice: null });
      }, NOTICE_FADE_MS);
    }
  },
  raiseAlarm: (message) => {
    const shown = get().notice;
    const text = !shown?.alarm ? message : shown.message.includes(message) ? shown.message : `${shown.message} ${message}`;
    set({ notice: { id: ++noticeCounter, tone: 'error', message: text, alarm: true } });
  },
  dismissNotice: () => set({ notice: null }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
});
