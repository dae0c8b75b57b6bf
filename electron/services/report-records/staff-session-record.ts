import { z } from 'zod';
import { recordActorSchema } from './actor';

/**
 * A member of staff signed in to or out of the till (SKVFS 2021:16: `InloggningIKassaregister`,
 * `UtloggningUrKassaregister`). Journaled (fsynced) in the sales journal by the composition root,
 * through StaffService's `journalSession` option (staff/ knows nothing of the journal): a sign-in
 * before the clerk is told they are in — one that cannot be journaled is refused — and a sign-out
 * once the member is out. It changes no sale: the sale machine passes it over. A till without staff
 * writes none. Its `saleId` is STAFF_SESSION_SALE_ID.
 */
export const STAFF_SIGNED_IN_RECORD_TYPE = 'staff-signed-in';
export const STAFF_SIGNED_OUT_RECORD_TYPE = 'staff-signed-out';
export const STAFF_SESSION_SALE_ID = 'staff';

const member = recordActorSchema;

/**
 * How a member signs in: with a PIN, or (the till's first member) as they are added. Kept here, with
 * the schema that reads them, so a reader of records does not load the staff service.
 */
export const signInWays = ['pin', 'owner-added'] as const;
/**
 * How a session ends: the member asked, the idle timer, the member removed (staff/staff-service.ts);
 * the till quit in order, or restarted after a crash with the member still signed in
 * (startup/till-life.ts).
 */
export const signOutWays = ['asked', 'idle', 'removed', 'quit', 'restart'] as const;
export type SignInWay = (typeof signInWays)[number];
export type SignOutWay = (typeof signOutWays)[number];

/**
 * A sign-in or sign-out, as StaffService reports it to be journaled (staff/ re-exports it): the
 * record's data is this less `kind`.
 */
export type StaffSession =
  | { kind: 'sign-in'; member: { readonly id: string; readonly name: string }; how: SignInWay }
  | { kind: 'sign-out'; member: { readonly id: string; readonly name: string }; how: SignOutWay };

export const staffSignedInDataSchema = z.object({
  member,
  /** `pin`: with a PIN; `owner-added`: the till's first member, signed in as they are added. */
  how: z.enum(signInWays),
});
export const staffSignedOutDataSchema = z.object({
  member,
  /**
   * `asked`: the member signed out; `idle`: the till's idle timer; `removed`: their account was
   * removed; `quit`: the till quit in order; `restart`: the till restarted after a crash with the
   * member signed in (journaled right after `till-started`). The last two were added later: a
   * journal from before has none.
   */
  how: z.enum(signOutWays),
});
export type StaffSignedInData = z.infer<typeof staffSignedInDataSchema>;
export type StaffSignedOutData = z.infer<typeof staffSignedOutDataSchema>;

/** The journal record for a sign-in or sign-out. */
export function staffSessionRecord(session: StaffSession, at: string) {
  const { kind, ...data } = session;
  return {
    type: kind === 'sign-in' ? STAFF_SIGNED_IN_RECORD_TYPE : STAFF_SIGNED_OUT_RECORD_TYPE,
    saleId: STAFF_SESSION_SALE_ID,
    at,
    data,
  };
}

/** The record's sign-in or sign-out, else null (another record, or one that cannot be read). */
export function staffSessionOf(record: { type: string; data: unknown }): StaffSession | null {
  if (record.type === STAFF_SIGNED_IN_RECORD_TYPE) {
    const parsed = staffSignedInDataSchema.safeParse(record.data);
    return parsed.success ? { kind: 'sign-in', ...parsed.data } : null;
  }
  if (record.type === STAFF_SIGNED_OUT_RECORD_TYPE) {
    const parsed = staffSignedOutDataSchema.safeParse(record.data);
    return parsed.success ? { kind: 'sign-out', ...parsed.data } : null;
  }
  return null;
}
