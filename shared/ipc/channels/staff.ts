import { z } from 'zod';
import { channel } from '../define';

/**
 * Staff, sign-in and manager approval (electron/services/staff/). A PIN goes from the renderer to
 * main only: it is never stored (only its scrypt hash) and never sent back. What every channel
 * needs — nobody, a signed-in member, or a manager — is `channelAccess` in `../access.ts`.
 */
export const staffRoleSchema = z.enum(['clerk', 'manager']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** A PIN: 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits');

export const staffIdSchema = z.string().regex(/^[a-z0-9-]{6,40}$/);

/** A member of staff as the renderer may see them: never a PIN, a hash or a salt. */
export const staffMemberSchema = z.object({
  id: staffIdSchema,
  name: z.string().min(1).max(60),
  role: staffRoleSchema,
  /** The first member: a manager who cannot be removed. */
  owner: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffOptionsSchema = z.object({
  /** Minutes without a touch after which the till signs out (never during a payment); 0 = never. */
  idleMinutes: z.number().int().min(0).max(720),
  /** A discount above this share of the sale (percent) needs a manager; null = never. */
  discountApprovalPercent: z.number().int().min(0).max(100).nullable(),
});
export type StaffOptions = z.infer<typeof staffOptionsSchema>;

export const staffStatusSchema = z.object({
  /** False: no staff set up, the till behaves as a one-person till (everything open). */
  enabled: z.boolean(),
  members: z.array(staffMemberSchema),
  signedIn: staffMemberSchema.nullable(),
  options: staffOptionsSchema,
  /** While sign-in or approval is locked after wrong PINs: until when (ISO), and the seconds left. */
  locked: z.object({ purpose: z.enum(['sign-in', 'approval']), until: z.string(), seconds: z.number().int().min(0) }).nullable(),
});
export type StaffStatus = z.infer<typeof staffStatusSchema>;

const memberName = z.string().trim().min(1).max(60);

export const staffChannels = {
  'staff:status': channel({
    summary: 'Whether staff are set up, who they are (names and roles only), who is signed in, the options and any lockout.',
    input: z.void(),
    output: staffStatusSchema,
  }),
  'staff:signIn': channel({
    summary: 'Sign in with a PIN (optionally for one named member); five wrong PINs lock sign-in for a growing delay.',
    input: z.object({ pin: pinSchema, memberId: staffIdSchema.optional() }),
    output: staffStatusSchema,
  }),
  'staff:signOut': channel({
    summary: 'Sign the current member out (the till shows the sign-in screen); `idle`: never while a payment is under way.',
    input: z.object({ idle: z.boolean() }),
    output: staffStatusSchema,
  }),
  'staff:approve': channel({
    summary: 'A manager’s PIN approves one call of one channel within 60 seconds (single use).',
    input: z.object({ pin: pinSchema, channel: z.string().min(3).max(60) }),
    output: z.object({ approvedBy: z.string(), expiresAt: z.string() }),
  }),
  'staff:add': channel({
    summary: 'Add a member of staff (the first is the owner, a manager, and is signed in).',
    input: z.object({ name: memberName, pin: pinSchema, role: staffRoleSchema }),
    output: staffStatusSchema,
  }),
  'staff:remove': channel({
    summary: 'Remove a member of staff (never the owner or the last manager).',
    input: z.object({ id: staffIdSchema }),
    output: staffStatusSchema,
  }),
  'staff:setPin': channel({
    summary: 'Give a member of staff a new PIN.',
    input: z.object({ id: staffIdSchema, pin: pinSchema }),
    output: staffStatusSchema,
  }),
  'staff:setOptions': channel({
    summary: 'The idle sign-out time and the discount that needs a manager.',
    input: staffOptionsSchema,
    output: staffStatusSchema,
  }),
} as const;
