import type { CartTotals } from '../../../shared/domain/schemas';
import type { Alarm, LocalizedText } from '../../../shared/messages';
import { errorText } from '../i18n';
import type { SliceCreator } from './store';

export type Screen = 'sell' | 'settings' | 'history';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  message: string;
  /** A code the clerk scanned that is not in the catalog: offer to add it as a custom item. */
  unknownCode?: string;
}

export interface UiSlice {
  screen: Screen;
  notice: Notice | null;
  /**
   * What a person must see (a damaged journal, a file set aside, a receipt not printed): shown in
   * their own bar, apart from the passing notices, until dismissed — or, for an alarm with a
   * topic, until main says its condition is over (`app:alarmCleared`).
   */
  alarms: Alarm[];
  /** Which dialog is open, if any (discount, custom item, send link, confirm). */
  dialog: null | {
    kind:
      | 'line-discount'
      | 'cart-discount'
      | 'custom-item'
      | 'send-link'
      | 'confirm-cancel'
      | 'confirm-replace'
      | 'weight'
      | 'parked'
      | 'pay-otherwise'
      | 'price-check';
    /** custom-item: the unknown code scanned; weight: the weighed product's barcode. */
    code?: string;
  };
  /** The customer display only: the cart the clerk is building, priced by main. */
  customerCart: CartTotals | null;
  receiveCustomerCart: (totals: CartTotals | null) => void;
  showScreen: (screen: Screen) => void;
  notify: (tone: Notice['tone'], message: string, extra?: Partial<Notice>) => void;
  /** Adds an alarm (once: the same one again is not repeated); shown in the clerk's language when drawn. */
  raiseAlarm: (alarm: Alarm) => void;
  /** The topic's condition is over (receipts signed once the control unit answers): its alarms go, and the notice says so briefly. */
  clearAlarms: (topic: string, notice: LocalizedText) => void;
  dismissAlarms: () => void;
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
  alarms: [],
  dialog: null,
  customerCart: null,
  receiveCustomerCart: (totals) => set({ customerCart: totals }),
  // A message belongs to the screen it was said on (alarms have their own bar and stay).
  showScreen: (screen) => set({ screen, dialog: null, notice: null }),
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
  raiseAlarm: (alarm) => {
    if (!get().alarms.some((a) => a.key === alarm.key && a.message === alarm.message)) set({ alarms: [...get().alarms, alarm] });
  },
  clearAlarms: (topic, notice) => {
    set({ alarms: get().alarms.filter((a) => a.topic !== topic) });
    get().notify('success', errorText(notice));
  },
  dismissAlarms: () => set({ alarms: [] }),
  dismissNotice: () => set({ notice: null }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
});
