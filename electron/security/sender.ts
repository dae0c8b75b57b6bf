import { hasOrigin } from './origin';

/** What the IPC layer knows about the frame that sent a message (from `event.senderFrame`). */
export interface SenderFrameInfo {
  url: string;
  isTopFrame: boolean;
}

/**
 * Only the app's own top-level page may call main. A null frame (it navigated away or was destroyed
 * before the message arrived) cannot be vouched for, and a subframe is whatever it was pointed at,
 * so both are foreign even when their URL looks right.
 */
export function isTrustedSender(frame: SenderFrameInfo | null | undefined, appOrigin: string, devOrigin?: string): boolean {
  if (frame === null || frame === undefined || typeof frame !== 'object') return false;
  if (frame.isTopFrame !== true) return false;
  return hasOrigin(frame.url, appOrigin, devOrigin);
}
