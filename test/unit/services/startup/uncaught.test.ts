import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LocalizedText } from '../../../../shared/messages';
import { createLogger, Redactor } from '../../../../electron/services/log';
import { EventBus } from '../../../../electron/services/ipc/event-bus';
import { Alarms } from '../../../../electron/services/startup/alarms';
import {
  createUncaughtReporter,
  installUncaughtHandlers,
  MAX_UNCAUGHT_ALARMS,
  referenceOf,
} from '../../../../electron/services/startup/uncaught';

function setup() {
  const lines: string[] = [];
  const redactor = new Redactor();
  const log = createLogger((line) => lines.push(line), redactor);
  const events = new EventBus();
  const sent: unknown[] = [];
  events.subscribe((name, payload) => {
    if (name === 'app:alarm') sent.push(payload);
  });
  const alarms = new Alarms(events);
  const report = createUncaughtReporter({ log, raise: (alarm) => alarms.raise(alarm) });
  return { lines, redactor, alarms, sent, report };
}

/** The same throw site every time, as an error thrown again by the same code would be. */
const thrownHere = (message: string) => new TypeError(message);

describe('an error nothing caught', () => {
  it('is logged with its stack and raised once as an alarm the clerk sees, keyed with a reference', () => {
    const { lines, alarms, sent, report } = setup();
    const error = thrownHere('cannot read properties of undefined');
    report(error, 'uncaughtException');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR uncaught error in the main process \(uncaughtException\)/);
    expect(lines[0]).toContain('TypeError: cannot read properties of undefined');
    expect(lines[0]).toContain('uncaught.test.ts');
    const ref = referenceOf(error);
    expect(ref).toMatch(/^[0-9a-f]{8}$/);
    expect(lines[0]).toContain(ref);
    const alarm: LocalizedText = {
      key: 'appUnexpectedError',
      params: { ref },
      message: `Something unexpected went wrong inside LinkPOS (reference ${ref}). It was written to the log and LinkPOS carries on; recorded sales are safe. If it happens again, restart LinkPOS.`,
    };
    expect(sent).toEqual([alarm]);
    expect(alarms.list()).toEqual([alarm]);
  });

  it('raises one alarm per distinct error, however often it is thrown, and logs every time', () => {
    const { lines, sent, report } = setup();
    for (let i = 0; i < 5; i++) report(thrownHere('same'), 'uncaughtException');
    report(thrownHere('another'), 'uncaughtException');
    report('a rejected string', 'unhandledRejection');
    report('a rejected string', 'unhandledRejection');
    expect(lines).toHaveLength(8);
    expect(lines[6]).toMatch(/\(unhandledRejection\).*non-error: a rejected string/);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((a) => (a as LocalizedText).params?.ref)).size).toBe(3);
  });

  it('stops adding alarms after a screenful of different errors, but still logs them', () => {
    const { lines, sent, report } = setup();
    for (let i = 0; i < MAX_UNCAUGHT_ALARMS + 5; i++) report(new Error(`error ${i}`), 'uncaughtException');
    expect(sent).toHaveLength(MAX_UNCAUGHT_ALARMS);
    expect(lines).toHaveLength(MAX_UNCAUGHT_ALARMS + 5);
  });

  it('never puts the error text in the alarm, and the log line passes the redactor', () => {
    const { lines, redactor, sent, report } = setup();
    redactor.register('sk_live_0123456789');
    report(new Error('request to https://pay.example/?key=sk_live_0123456789 failed'), 'unhandledRejection');
    expect(JSON.stringify(sent)).not.toMatch(/sk_live|pay\.example/);
    expect(lines.join('\n')).not.toContain('sk_live_0123456789');
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('never throws, even when the log and the alarm fail', () => {
    const report = createUncaughtReporter({
      log: {
        info: () => undefined,
        warn: () => undefined,
        error: () => {
          throw new Error('disk full');
        },
      },
      raise: () => {
        throw new Error('no bus');
      },
    });
    const weird = {
      toString() {
        throw new Error('cannot print');
      },
    };
    expect(() => report(new Error('x'), 'uncaughtException')).not.toThrow();
    expect(() => report(weird, 'unhandledRejection')).not.toThrow();
  });

  it('reaches the reporter from both process events once the shell installs it', () => {
    const target = new EventEmitter();
    const seen: [unknown, string][] = [];
    installUncaughtHandlers(target, (error, origin) => seen.push([error, origin]));
    const error = new Error('x');
    target.emit('uncaughtException', error);
    target.emit('unhandledRejection', 'why');
    expect(seen).toEqual([
      [error, 'uncaughtException'],
      ['why', 'unhandledRejection'],
    ]);
  });
});
