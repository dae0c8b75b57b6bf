export { createStaffHandlers } from './handlers';
export { discountAboveThreshold, saleMayBePaid } from './conditions';
export { openStaffStore, STAFF_FILE } from './staff-store';
export { LOCKOUT_FILE, openLockoutStore } from './lockout-store';
export { APPROVAL_MS, StaffService, type Actor } from './staff-service';
