import type { ChannelName } from './contract';

/**
 * Who may call each channel once staff are set up (with no staff, the till is a one-person till
 * and every channel is open). Main enforces it in the one dispatcher both transports use
 * (electron/services/ipc/dispatch.ts with electron/services/staff/); the renderer's sign-in screen
 * and approval dialog are only its face.
 *
 * - `open`: anyone, signed in or not (the sign-in screen, the customer display, settings the
 *   screen needs to draw itself).
 * - `clerk`: a signed-in member of staff, any role.
 * - `manager`: a signed-in manager, or a clerk with a manager's approval for this channel (one
 *   call, within 60 s).
 * - `{ managerWhen }`: a clerk's call, unless the named condition holds for this call; then as
 *   `manager`. Main implements each condition (`electron/services/staff/conditions.ts`).
 *
 * The type is a Record over every channel, so a new channel without a rule does not compile, and
 * `test/unit/ipc/access.test.ts` holds the manager list to the issue's.
 */
export type AccessCondition =
  /** The cart's discounts take more than the Settings threshold off the sale. */
  | 'discount-above-threshold'
  /** The sale has a payment link, so the customer may already have paid. */
  | 'sale-may-be-paid';

export type Access = 'open' | 'clerk' | 'manager' | { readonly managerWhen: AccessCondition };

export const channelAccess: Record<ChannelName, Access> = {
  // The app itself and the sign-in screen.
  'app:info': 'open',
  'staff:status': 'open',
  'staff:signIn': 'open',
  'staff:signOut': 'open',
  'staff:approve': 'open',
  // Staff are managed by a manager (the first member, with no staff yet, by anyone: the owner).
  'staff:add': 'manager',
  'staff:remove': 'manager',
  'staff:setPin': 'manager',
  'staff:setOptions': 'manager',
  // Settings: read by every screen (language, currency); changed by a manager only.
  'settings:get': 'open',
  'settings:save': 'manager',
  // Provider keys.
  // A status, never a key: the settings slice reads it at start, before anyone signs in.
  'credentials:status': 'open',
  'credentials:set': 'manager',
  'credentials:clear': 'manager',
  'credentials:test': 'manager',
  // The catalog: read at start (what the shop sells is no secret); importing or rearranging it is a manager's.
  'catalog:snapshot': 'open',
  // The open cart is read back at start, before anyone signs in, so a restart never loses it;
  // building it is a clerk's.
  'cart:restore': 'open',
  'cart:record': 'clerk',
  'catalog:quickKeys': 'open',
  'catalog:importPreview': 'manager',
  'catalog:importCommit': 'manager',
  'catalog:setQuickKeys': 'manager',
  // The customer display window is never signed in itself.
  'display:showCart': 'open',
  'display:current': 'open',
  // Selling.
  'sale:charge': { managerWhen: 'discount-above-threshold' },
  'sale:updateCart': { managerWhen: 'discount-above-threshold' },
  // The sale on screen: the customer display (never signed in) shows it too.
  'sale:current': 'open',
  'sale:get': 'clerk',
  'sale:list': 'clerk',
  'sale:checkNow': 'clerk',
  'sale:sendLink': 'clerk',
  'sale:confirmRecreate': 'clerk',
  'sale:payOtherwise': 'clerk',
  'sale:demoCustomer': 'clerk',
  'sale:cancel': { managerWhen: 'sale-may-be-paid' },
  // Closing a sale that needs a person may close one that was paid.
  'sale:resolve': 'manager',
  'sale:refund': 'manager',
  'sale:markRefund': 'manager',
  // Receipts, History and reports.
  'receipt:get': 'clerk',
  'printout:print': 'clerk',
  'printout:pdf': 'clerk',
  'report:x': 'clerk',
  'report:z': 'manager',
  'report:get': 'clerk',
  'report:list': 'clerk',
  'journal:export': 'manager',
  'journal:exportMemory': 'manager',
  'history:searchProvider': 'clerk',
  // E-mailed receipts: the SMTP password is a credential.
  'mail:status': 'clerk',
  'mail:setPassword': 'manager',
  'mail:sendReceipt': 'clerk',
  // The receipt printer.
  'printer:status': 'clerk',
  'printer:testPage': 'clerk',
  'printer:osPrinters': 'clerk',
  'printer:paperRoll': 'clerk',
  'printer:setLogo': 'manager',
  // A drawer opened without a sale is what the journal memory's ch. 15 is for: a manager's decision.
  'drawer:open': 'manager',
  // The shop database: its address is a credential.
  'shop:databaseStatus': 'clerk',
  'shop:setDatabase': 'manager',
  'shop:testDatabase': 'manager',
  'shop:tills': 'clerk',
  'shop:sales': 'clerk',
  'shop:xReport': 'clerk',
};

export function accessOf(channel: ChannelName): Access {
  return channelAccess[channel];
}
