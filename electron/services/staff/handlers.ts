import type { Handlers } from '../ipc/dispatch';
import type { StaffService } from './staff-service';

type StaffHandlers = Pick<
  Handlers,
  'staff:status' | 'staff:signIn' | 'staff:signOut' | 'staff:approve' | 'staff:add' | 'staff:remove' | 'staff:setPin' | 'staff:setOptions'
>;

/** The `staff:*` channels; who may call each is shared/ipc/access.ts, checked before these run. */
export function createStaffHandlers(staff: StaffService): StaffHandlers {
  return {
    'staff:status': () => Promise.resolve(staff.status()),
    'staff:signIn': ({ pin, memberId }) => staff.signIn(pin, memberId),
    'staff:signOut': ({ idle }) => staff.signOut(idle),
    'staff:approve': ({ pin, channel }) => staff.approve(pin, channel),
    'staff:add': (input) => staff.add(input),
    'staff:remove': ({ id }) => staff.remove(id),
    'staff:setPin': ({ id, pin }) => staff.setPin(id, pin),
    'staff:setOptions': (options) => staff.setOptions(options),
  };
}
