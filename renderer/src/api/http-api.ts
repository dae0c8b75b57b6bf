import { channelNames, eventKey, eventNames, splitChannelName, type EventName, type PosApi } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';

type Listener = (payload: unknown) => void;

/**
 * The web host's transport: each channel is a same-origin POST to /api/<channel>; events arrive
 * over one Server-Sent Events stream. The token travels in an HttpOnly cookie the host set when the
 * page was opened, so nothing here handles it.
 *
 * Built from the contract's channel list so it cannot drift from the preload's hand-written table;
 * the web host validates every call with the same schemas as Electron's main process.
 */
export function createHttpPosApi(
  fetchImpl: typeof fetch = fetch.bind(globalThis),
  openEvents: () => EventSource = () => new EventSource('/api/events'),
  /** Called when the event stream reconnects: events sent meanwhile are gone, so re-read state. */
  onReconnect: () => void = () => undefined,
): PosApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of channelNames) {
    const { area, verb } = splitChannelName(name);
    api[area] ??= {};
    api[area][verb] = async (input?: unknown): Promise<IpcResult<unknown>> => {
      try {
        const response = await fetchImpl(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ input }),
          credentials: 'same-origin',
        });
        return (await response.json()) as IpcResult<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'LinkPOS lost contact with its own service. Reload the page.' } };
      }
    };
  }

  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  const ensureStream = () => {
    if (source) return;
    source = openEvents();
    let opened = false;
    source.onopen = () => {
      if (opened) onReconnect();
      opened = true;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      const { name, payload } = JSON.parse(message.data) as { name: EventName; payload: unknown };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
  };

  const events: Record<string, unknown> = {};
  for (const name of eventNames) {
    events[eventKey(name)] = (listener: Listener) => {
      ensureStream();
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  api.events = events;
  return api as unknown as PosApi;
}
