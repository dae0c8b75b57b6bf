import { channelNames, splitChannelName, type PosApi } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';

export interface StaffGateHooks {
  /** Shows the manager approval dialog; true once a manager approved this channel in main. */
  approve: (channel: string) => Promise<boolean>;
  /** Main says nobody is signed in (an idle sign-out elsewhere): show the sign-in screen. */
  signedOut: () => void;
  /** Main wants an owner first (live keys on a till without staff): true once the owner exists, signed in. */
  createOwner: () => Promise<boolean>;
}

type AnyCall = (...args: unknown[]) => Promise<IpcResult<unknown>>;

/**
 * The renderer's face of main's staff rules (shared/ipc/access.ts): every call that main refuses
 * with `approval-required` opens the approval dialog and, once a manager approved, is made once
 * more; `owner-required` asks for the owner's PIN and, once the owner exists (and is signed in, a
 * manager), makes the call once more — so saving live keys on a new till is one flow, and the keys
 * go to main only in that call; `sign-in-required` shows the sign-in screen. Main decides; this only
 * asks the person.
 */
export function withStaffGate(api: PosApi, hooks: StaffGateHooks): PosApi {
  const gated: Record<string, Record<string, AnyCall>> = {};
  for (const name of channelNames) {
    const { area, verb } = splitChannelName(name);
    const call = (api as unknown as Record<string, Record<string, AnyCall>>)[area]![verb]!;
    (gated[area] ??= {})[verb] = async (...args: unknown[]) => {
      let result = await call(...args);
      if (!result.ok && result.error.code === 'approval-required' && (await hooks.approve(name))) result = await call(...args);
      if (!result.ok && result.error.code === 'owner-required' && (await hooks.createOwner())) result = await call(...args);
      if (!result.ok && result.error.code === 'sign-in-required') hooks.signedOut();
      return result;
    };
  }
  return { ...(gated as unknown as Omit<PosApi, 'events'>), events: api.events };
}
