import { describe, expect, it } from 'vitest';
import { Alarms } from '../../../../electron/services/startup/alarms';
import { events, type EventName } from '../../../../shared/ipc/contract';
import { localizedText, msg } from '../../../../shared/messages';

/** Alarms stand until dismissed, except those of a condition main sees end, which main takes down. */
describe('Alarms', () => {
  const setup = () => {
    const emitted: { name: string; payload: unknown }[] = [];
    const alarms = new Alarms({ emit: (name, payload) => void emitted.push({ name, payload }) });
    return { alarms, emitted };
  };
  const waiting = (number: number) => localizedText(msg('controlUnitUnreachable', { number }));
  const back = localizedText(msg('controlUnitBack'));

  it('takes down every alarm of a topic when its condition is over, says so once, and leaves the others standing', () => {
    const { alarms, emitted } = setup();
    alarms.found([localizedText(msg('staffFileDamaged', { file: 'staff.json' }))]);
    alarms.raise(waiting(1), 'control-unit-waiting');
    alarms.raise(waiting(2), 'control-unit-waiting');
    expect(alarms.list().map((a) => a.key)).toEqual(['staffFileDamaged', 'controlUnitUnreachable', 'controlUnitUnreachable']);
    expect(emitted.map((e) => e.name)).toEqual(['app:alarm', 'app:alarm']);
    expect(emitted[0]!.payload).toMatchObject({ key: 'controlUnitUnreachable', params: { number: 1 }, topic: 'control-unit-waiting' });

    alarms.clear('control-unit-waiting', back);
    expect(alarms.list().map((a) => a.key)).toEqual(['staffFileDamaged']);
    expect(emitted[2]).toEqual({ name: 'app:alarmCleared', payload: { topic: 'control-unit-waiting', notice: back } });
    for (const e of emitted) expect(events[e.name as EventName].payload.safeParse(e.payload).success).toBe(true);

    // Nothing standing under the topic: nothing to say.
    alarms.clear('control-unit-waiting', back);
    expect(emitted).toHaveLength(3);
    // The condition comes back: so does the alarm.
    alarms.raise(waiting(3), 'control-unit-waiting');
    expect(alarms.list().map((a) => a.params?.['number'])).toEqual([undefined, 3]);
  });

  it('an alarm without a topic stays until the clerk dismisses it', () => {
    const { alarms } = setup();
    alarms.raise(localizedText(msg('printerJobDropped')));
    alarms.clear('control-unit-waiting', back);
    expect(alarms.list().map((a) => a.key)).toEqual(['printerJobDropped']);
    expect(alarms.list()[0]).not.toHaveProperty('topic');
  });
});
