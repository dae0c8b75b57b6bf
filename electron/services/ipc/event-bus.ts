import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/**
 * Main → renderer events. Services emit; each transport subscribes once and forwards to its
 * windows or SSE clients. Payloads are checked against the contract so a bug cannot leak a field
 * the schema does not allow (zod strips unknown keys).
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const checked = events[name].payload.parse(payload) as EventPayload<K>;
    for (const listener of this.listeners) listener(name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
