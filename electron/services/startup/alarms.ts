import type { Alarm, LocalizedText } from '../../../shared/messages';
import type { EventBus } from '../ipc/event-bus';

/**
 * What the clerk must hear of: files set aside at start-up, journal damage, an unexpected error, a
 * receipt waiting for the control unit. `app:info` lists every alarm raised since start that is
 * still standing (a window opened later still sees them); an alarm raised while the app runs is
 * also sent at once as the `app:alarm` event. An alarm raised under a `topic` is about a condition
 * that can end by itself (the control unit answers again): `clear(topic)` takes its alarms down
 * everywhere (`app:alarmCleared`) and says, briefly, that it is over.
 */
export class Alarms {
  private raised: Alarm[] = [];

  constructor(private readonly events: Pick<EventBus, 'emit'>) {}

  /** Alarms found while the services are built, before any window can listen: listed, not sent. */
  found(alarms: readonly LocalizedText[]): void {
    this.raised.push(...alarms);
  }

  raise(alarm: LocalizedText, topic?: string): void {
    const standing: Alarm = topic === undefined ? alarm : { ...alarm, topic };
    this.raised.push(standing);
    this.events.emit('app:alarm', standing);
  }

  /** The condition behind the topic's alarms is over: they are taken down, and `notice` says so. */
  clear(topic: string, notice: LocalizedText): void {
    if (!this.raised.some((alarm) => alarm.topic === topic)) return;
    this.raised = this.raised.filter((alarm) => alarm.topic !== topic);
    this.events.emit('app:alarmCleared', { topic, notice });
  }

  list(): Alarm[] {
    return [...this.raised];
  }
}
