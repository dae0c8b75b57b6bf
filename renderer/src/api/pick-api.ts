import type { PosApi } from '../../../shared/ipc/contract';
import { createHttpPosApi } from './http-api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer is served by the web host. */
    pos?: PosApi;
  }
}

/** The only place that looks for the preload's global. Everything else receives the API injected. */
export function pickPosApi(onReconnect: () => void = () => undefined): PosApi {
  return window.pos ?? createHttpPosApi(undefined, undefined, onReconnect);
}
