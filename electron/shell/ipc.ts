import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames } from '../../shared/ipc/contract';
import { fail, type IpcResult } from '../../shared/ipc/result';
import type { Dispatch } from '../services/ipc/dispatch';
import type { EventBus } from '../services/ipc/event-bus';
import type { SenderFrameInfo } from '../security/sender';

export type IsTrusted = (frame: SenderFrameInfo | null) => boolean;

const FORBIDDEN = 'This window is not allowed to talk to LinkPOS.';

/**
 * What we can say about the sender. Reading a frame that is being torn down can throw, and a
 * frame we cannot describe is treated exactly like a missing one.
 */
export function describeSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrameInfo | null {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined || frame.isDestroyed()) return null;
    return { url: frame.url, isTopFrame: frame.parent === null };
  } catch {
    return null;
  }
}

/**
 * Registers one `ipcMain.handle` per contract channel. The sender is checked first, before the
 * input is even parsed, so a foreign frame learns nothing about the schema; everything else is
 * the dispatcher's job (the same one the web host uses). Returns a function that unregisters all.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrusted: IsTrusted,
): () => void {
  for (const name of channelNames) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrusted(describeSender(event))) return fail('forbidden-sender', FORBIDDEN);
      return dispatch(name, input);
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(name);
  };
}

export interface EventTarget {
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'send' | 'isDestroyed'>;
}

/** Sends every bus event to the app's windows; a window closing mid-send is skipped, not fatal. */
export function forwardEvents(bus: Pick<EventBus, 'subscribe'>, getWindows: () => readonly EventTarget[]): () => void {
  return bus.subscribe((name, payload) => {
    for (const window of getWindows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      try {
        window.webContents.send(name, payload);
      } catch {
        // The window went away between the check and the send; the next event reaches the rest.
      }
    }
  });
}
