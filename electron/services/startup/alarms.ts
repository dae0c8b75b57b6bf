import type { LocalizedText } from '../../../shared/messages';
import type { EventBus } from '../ipc/event-bus';

/**
 * What the clerk must hear of: files set aside at start-up, journal damage, an unexpected error.
 * `app:info` lists every alarm raised since start (a window opened later still sees them); an
 * alarm raised while the app runs is also sent at once as the `app:alarm` event.
 */
export class Alarms {
  private readonly raised: LocalizedText[] = [];

  constructor(private readonly events: Pick<EventBus, 'emit'>) {}

  /** Alarms found while the services are built, before any window can listen: listed, not sent. */
  found(alarms: readonly LocalizedText[]): void {
    this.raised.push(...alarms);
  }

  raise(alarm: LocalizedText): void {
    this.raised.push(alarm);
    this.events.emit('app:alarm', alarm);
  }

  list(): LocalizedText[] {
    return [...this.raised];
  }
}
