import type { StaffStatus } from '../../../shared/ipc/channels/staff';
import type { SliceCreator } from './store';

/** Staff exist and nobody is signed in: the sign-in screen is all the till shows (main refuses the rest anyway). */
export const needsSignIn = (state: Pick<StaffSlice, 'staff'>): boolean => state.staff?.enabled === true && state.staff.signedIn === null;

export interface StaffSlice {
  /** Null until read; `enabled: false` on a till without staff (everything as before). */
  staff: StaffStatus | null;
  /** The manager approval dialog, when a call needs it: for which channel, and who is waiting. */
  approval: { channel: string; resolve: (approved: boolean) => void } | null;
  loadStaff: () => Promise<void>;
  receiveStaff: (status: StaffStatus) => void;
  /** Opens the approval dialog for `channel`; true once a manager approved (main then lets one call through). */
  requestApproval: (channel: string) => Promise<boolean>;
  finishApproval: (approved: boolean) => void;
  /** The "Create the owner's PIN" dialog, while a call waits for an owner to exist. */
  ownerSetup: { resolve: (created: boolean) => void } | null;
  /** Opens that dialog; true once the owner was created (and signed in). */
  requestOwner: () => Promise<boolean>;
  finishOwner: (created: boolean) => void;
  /** The signed-in member is a manager, or there are no staff: nothing needs approving. */
  isManagerOrOpen: () => boolean;
}

export const createStaffSlice: SliceCreator<StaffSlice> = (api) => (set, get) => ({
  staff: null,
  approval: null,
  ownerSetup: null,
  loadStaff: async () => {
    const status = await api.staff.status();
    if (status.ok) set({ staff: status.value });
  },
  receiveStaff: (status) => {
    set({ staff: status });
    // Settings are a manager's: a hand-over (or an idle sign-out) never leaves them on screen.
    if (status.enabled && status.signedIn?.role !== 'manager' && get().screen === 'settings') get().showScreen('sell');
  },
  requestApproval: (channel) => {
    get().approval?.resolve(false);
    return new Promise<boolean>((resolve) => set({ approval: { channel, resolve } }));
  },
  finishApproval: (approved) => {
    const approval = get().approval;
    set({ approval: null });
    approval?.resolve(approved);
  },
  requestOwner: () => {
    get().ownerSetup?.resolve(false);
    return new Promise<boolean>((resolve) => set({ ownerSetup: { resolve } }));
  },
  finishOwner: (created) => {
    const owner = get().ownerSetup;
    set({ ownerSetup: null });
    owner?.resolve(created);
  },
  isManagerOrOpen: () => {
    const staff = get().staff;
    return !staff?.enabled || staff.signedIn?.role === 'manager';
  },
});
