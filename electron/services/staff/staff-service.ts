import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { channelAccess, type AccessCondition } from '../../../shared/ipc/access';
import { isChannelName, type ChannelName } from '../../../shared/ipc/contract';
import type { StaffMember, StaffOptions, StaffRole, StaffStatus } from '../../../shared/ipc/channels/staff';
import type { IpcErrorCode } from '../../../shared/ipc/result';
import { msg, type Message } from '../../../shared/messages';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import type { SignInWay, SignOutWay, StaffSession } from '../report-records/staff-session-record';
import { PinLockout, pinPurposes, type LockoutState, type PinPurpose } from './lockout';
import type { LockoutStore } from './lockout-store';
import { hashPin, PIN_SCRYPT, verifyPin, type ScryptCost } from './pin-hash';
import type { StaffStore, StoredMember } from './staff-store';

/** A manager's approval is good for one call of one channel, within this time. */
export const APPROVAL_MS = 60_000;

export type { PinPurpose } from './lockout';

/** Who caused something: kept on journal records (a snapshot of the name). */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

/**
 * A sign-in or sign-out, for the journal (SKVFS 2021:16 has a registration for each). The service
 * only reports it; the composition root journals it. The record owns its shape and the ways
 * (report-records/staff-session-record.ts), so a reader of records never loads this service.
 */
export type { StaffSession } from '../report-records/staff-session-record';

/** Why a call was refused before its handler ran. */
export interface Refusal {
  readonly code: IpcErrorCode;
  readonly l10n: Message;
}

export interface StaffServiceOptions {
  store: StaffStore;
  log: Logger;
  /** ms since the epoch; a fake clock in tests. */
  now?: () => number;
  /** A payment is under way: an idle sign-out waits until it is over. */
  paymentInProgress: () => boolean;
  /** The conditions `channelAccess` names, over a call's parsed input and the staff options. */
  conditions: Record<AccessCondition, (input: unknown, options: StaffOptions) => boolean>;
  /** A call that needs an owner to exist first (saving live provider keys on a till without staff). */
  needsOwner?: (channel: ChannelName, input: unknown) => boolean;
  /** Where the lockouts are kept across restarts (staff-lockout.json); in memory only without one. */
  lockoutStore?: LockoutStore;
  /** The scrypt cost of new PIN hashes: PIN_SCRYPT (tests of other things may pass less). */
  pinCost?: ScryptCost;
  /**
   * Journals a sign-in or sign-out (fsynced) before the answer. A sign-in it cannot journal is
   * refused (nobody is signed in, and the clerk is told why); a sign-out happens whatever it does
   * (a till must never stay open under someone's name), and a failure is logged.
   */
  journalSession?: (event: StaffSession) => Promise<void>;
}

/**
 * Staff, the signed-in member and manager approvals, in main. `authorize` is the gate the one
 * dispatcher asks before every handler (both transports), following `channelAccess`. PINs are
 * checked against scrypt hashes and never kept, logged or returned.
 */
export class StaffService {
  private signedInId: string | null = null;
  private readonly approvals = new Map<ChannelName, { by: Actor; until: number }>();
  /** The approval `authorize` used up for the call it just let through, until `withApproval` takes it. */
  private justApproved: Actor | null = null;
  /** The approving manager of the call being handled, through its awaits (concurrent calls each keep their own). */
  private readonly approvalScope = new AsyncLocalStorage<Actor | null>();
  private readonly lockouts: Record<PinPurpose, PinLockout>;
  private readonly now: () => number;

  constructor(private readonly options: StaffServiceOptions) {
    this.now = options.now ?? Date.now;
    const kept = options.lockoutStore?.read();
    this.lockouts = {
      'sign-in': new PinLockout(this.now, kept?.['sign-in']),
      approval: new PinLockout(this.now, kept?.approval),
    };
  }

  private get members(): readonly StoredMember[] {
    return this.options.store.read().members;
  }

  get enabled(): boolean {
    return this.members.length > 0;
  }

  /** The member signed in now, or null. */
  signedIn(): StoredMember | null {
    return this.members.find((m) => m.id === this.signedInId) ?? null;
  }

  /** Who is acting now, for the journal; null on a till without staff or with nobody signed in. */
  /**
   * Runs a handler the dispatcher has just let through (nothing awaited since `authorize`) in the
   * scope of the approval that call used up, so its records can name the manager.
   */
  withApproval<T>(run: () => Promise<T>): Promise<T> {
    const by = this.justApproved;
    this.justApproved = null;
    return this.approvalScope.run(by, run);
  }

  /** The manager whose approval let the call being handled through; null when none was used. */
  approvedBy(): Actor | null {
    return this.approvalScope.getStore() ?? null;
  }

  actor(): Actor | null {
    const member = this.signedIn();
    return member ? { id: member.id, name: member.name } : null;
  }

  status(): StaffStatus {
    const { options } = this.options.store.read();
    const signedIn = this.signedIn();
    let locked: StaffStatus['locked'] = null;
    for (const purpose of pinPurposes) {
      const state = this.lockouts[purpose].state();
      if (state.locked && !locked) {
        locked = { purpose, until: new Date(state.until).toISOString(), seconds: Math.ceil(state.ms / 1000) };
      }
    }
    return {
      enabled: this.enabled,
      members: this.members.map(publicView),
      signedIn: signedIn ? publicView(signedIn) : null,
      options,
      locked,
    };
  }

  /**
   * The gate before every handler. Null lets the call through; a refusal says why. A manager's
   * approval for this channel is used up here, whatever the handler then does.
   */
  authorize(channel: ChannelName, input: unknown): Refusal | null {
    this.justApproved = null;
    if (!this.enabled) {
      if (this.options.needsOwner?.(channel, input)) return { code: 'owner-required', l10n: msg('staffOwnerForLiveKeys') };
      return null; // a one-person till: as before staff existed
    }
    const rule = channelAccess[channel];
    if (rule === 'open') return null;
    const member = this.signedIn();
    if (!member) return { code: 'sign-in-required', l10n: msg('staffSignInRequired') };
    const needsManager =
      rule === 'manager' ||
      (typeof rule === 'object' && this.options.conditions[rule.managerWhen](input, this.options.store.read().options));
    if (!needsManager || member.role === 'manager') return null;
    const approval = this.approvals.get(channel);
    this.approvals.delete(channel);
    if (approval && approval.until > this.now()) {
      this.options.log.info('Manager approval used', { channel, by: approval.by.id, clerk: member.id });
      this.justApproved = approval.by;
      return null;
    }
    return { code: 'approval-required', l10n: msg('staffManagerRequired') };
  }

  async signIn(pin: string, memberId?: string): Promise<StaffStatus> {
    const candidates = memberId ? this.members.filter((m) => m.id === memberId) : this.members;
    if (memberId && candidates.length === 0) throw new DomainError('not-found', msg('staffNotFound'));
    const member = await this.check('sign-in', pin, candidates);
    // Another member signing in over one still signed in: the first one's session ends on record.
    const previous = this.signedIn();
    if (previous && previous.id !== member.id) {
      this.signedInId = null;
      this.approvals.clear();
      await this.journalSignOut(previous, 'asked');
    }
    // On record before anyone acts under the name: a sign-in the journal does not hold is not made.
    await this.journalSignIn(member, 'pin');
    this.signedInId = member.id;
    this.options.log.info('Staff signed in', { member: member.id, role: member.role });
    return this.status();
  }

  private async journalSignIn(member: StoredMember, how: SignInWay): Promise<void> {
    try {
      await this.options.journalSession?.({ kind: 'sign-in', member: { id: member.id, name: member.name }, how });
    } catch (error) {
      this.options.log.error('A sign-in could not be journaled; it is refused', { member: member.id, error });
      throw new DomainError('storage', msg('staffSignInNotJournaled'));
    }
  }

  /** Out first (no call acts under the name after its sign-out record), then on record. */
  private async journalSignOut(member: StoredMember, how: Exclude<SignOutWay, 'quit' | 'restart'>): Promise<void> {
    try {
      await this.options.journalSession?.({ kind: 'sign-out', member: { id: member.id, name: member.name }, how });
    } catch (error) {
      this.options.log.error('A sign-out could not be journaled (the member is signed out)', { member: member.id, error });
    }
  }

  /** `idle`: the till's idle timer, which never signs out during a payment (the sale goes on as its clerk's). */
  async signOut(idle: boolean): Promise<StaffStatus> {
    const member = this.signedIn();
    if (member && !(idle && this.options.paymentInProgress())) {
      this.signedInId = null;
      this.approvals.clear();
      this.options.log.info(idle ? 'Staff signed out after idle time' : 'Staff signed out', { member: member.id });
      await this.journalSignOut(member, idle ? 'idle' : 'asked');
    }
    return this.status();
  }

  /** A manager's PIN approves one call of `channel` within APPROVAL_MS. */
  async approve(pin: string, channel: string): Promise<{ approvedBy: string; expiresAt: string }> {
    if (!isChannelName(channel) || channelAccess[channel] === 'open' || channelAccess[channel] === 'clerk') {
      throw new DomainError('rejected', msg('ipcUnknownChannel'));
    }
    const manager = await this.check(
      'approval',
      pin,
      this.members.filter((m) => m.role === 'manager'),
    );
    const until = this.now() + APPROVAL_MS;
    this.approvals.set(channel, { by: { id: manager.id, name: manager.name }, until });
    this.options.log.info('Manager approval given', { channel, by: manager.id, clerk: this.signedInId });
    return { approvedBy: manager.name, expiresAt: new Date(until).toISOString() };
  }

  /** The first member is the owner: a manager, signed in at once. */
  async add(input: { name: string; pin: string; role: StaffRole }): Promise<StaffStatus> {
    const file = this.options.store.read();
    await this.refuseTakenPin(input.pin, null);
    const owner = file.members.length === 0;
    const member: StoredMember = {
      id: `s-${randomUUID()}`,
      name: input.name,
      role: owner ? 'manager' : input.role,
      owner,
      pin: await hashPin(input.pin, this.options.pinCost ?? PIN_SCRYPT),
      addedAt: new Date(this.now()).toISOString(),
    };
    await this.options.store.write({ ...file, members: [...file.members, member] });
    this.options.log.info(owner ? 'Owner added' : 'Staff member added', { member: member.id, role: member.role });
    if (owner) {
      // Added, but signed in only once the journal holds it (else they sign in with the PIN later).
      await this.journalSignIn(member, 'owner-added');
      this.signedInId = member.id;
    }
    return this.status();
  }

  async remove(id: string): Promise<StaffStatus> {
    const file = this.options.store.read();
    const member = file.members.find((m) => m.id === id);
    if (!member) throw new DomainError('not-found', msg('staffNotFound'));
    if (member.owner) throw new DomainError('conflict', msg('staffKeepOwner'));
    await this.options.store.write({ ...file, members: file.members.filter((m) => m.id !== id) });
    this.options.log.info('Staff member removed', { member: id });
    if (this.signedInId === id) {
      this.signedInId = null;
      await this.journalSignOut(member, 'removed');
    }
    return this.status();
  }

  async setPin(id: string, pin: string): Promise<StaffStatus> {
    const file = this.options.store.read();
    if (!file.members.some((m) => m.id === id)) throw new DomainError('not-found', msg('staffNotFound'));
    await this.refuseTakenPin(pin, id);
    const hashed = await hashPin(pin, this.options.pinCost ?? PIN_SCRYPT);
    await this.options.store.write({ ...file, members: file.members.map((m) => (m.id === id ? { ...m, pin: hashed } : m)) });
    this.options.log.info('Staff PIN changed', { member: id });
    return this.status();
  }

  async setOptions(options: StaffOptions): Promise<StaffStatus> {
    await this.options.store.write({ ...this.options.store.read(), options });
    return this.status();
  }

  /** Sign-in by PIN alone must find one member, so two members never share a PIN. */
  private async refuseTakenPin(pin: string, except: string | null): Promise<void> {
    const others = this.members.filter((m) => m.id !== except);
    const matches = await Promise.all(others.map((m) => verifyPin(pin, m.pin)));
    if (matches.some(Boolean)) throw new DomainError('conflict', msg('staffPinTaken'));
  }

  /**
   * On disk before the answer: a restart must not give five more tries. A write that fails leaves
   * the lock in memory (the count holds until the app closes) and is logged.
   */
  private async keepLockouts(): Promise<void> {
    const store = this.options.lockoutStore;
    if (!store) return;
    try {
      await store.write({ 'sign-in': this.lockouts['sign-in'].snapshot(), approval: this.lockouts.approval.snapshot() });
    } catch (error) {
      this.options.log.error('The PIN lockout could not be saved', { error });
    }
  }

  /** Checks a PIN under the purpose's lockout; never logs or keeps it. */
  private async check(purpose: PinPurpose, pin: string, candidates: readonly StoredMember[]): Promise<StoredMember> {
    const lockout = this.lockouts[purpose];
    const before = lockout.state();
    if (before.locked) throw lockedError(before);
    const matches = await Promise.all(candidates.map((m) => verifyPin(pin, m.pin)));
    const found = candidates[matches.indexOf(true)];
    if (found) {
      const before = lockout.snapshot();
      if (before.wrong > 0 || before.lockouts > 0) {
        lockout.success();
        await this.keepLockouts();
      }
      return found;
    }
    const after = lockout.failure();
    await this.keepLockouts();
    if (after.locked) {
      this.options.log.warn('Staff PIN entry locked after wrong PINs', { purpose, seconds: Math.ceil(after.ms / 1000) });
      throw lockedError(after);
    }
    this.options.log.warn('Wrong staff PIN', { purpose, triesLeft: after.triesLeft });
    throw new DomainError('rejected', msg('staffWrongPin', { left: after.triesLeft }));
  }
}

function publicView(member: StoredMember): StaffMember {
  return { id: member.id, name: member.name, role: member.role, owner: member.owner };
}

/** The pause in words: seconds under two minutes, else whole minutes (rounded up). */
function lockedError(state: Extract<LockoutState, { locked: true }>): DomainError {
  const seconds = Math.ceil(state.ms / 1000);
  return new DomainError(
    'rejected',
    seconds < 120 ? msg('staffLockedSeconds', { seconds }) : msg('staffLockedMinutes', { minutes: Math.ceil(seconds / 60) }),
  );
}
