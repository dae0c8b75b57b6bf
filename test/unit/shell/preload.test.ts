import type { EventEmitter } from 'node:events';
import { beforeAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: undefined as unknown as Mock<(channel: string, input: unknown) => Promise<unknown>>,
  emitter: undefined as unknown as EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { vi: v } = await import('vitest');
  bridge.emitter = new Emitter();
  bridge.invoke = v.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, value: { channel, input } }));
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value),
    },
    ipcRenderer: {
      invoke: bridge.invoke,
      on: (name: string, listener: (...args: unknown[]) => void) => bridge.emitter.on(name, listener),
      removeListener: (name: string, listener: (...args: unknown[]) => void) => bridge.emitter.removeListener(name, listener),
    },
  };
});

import { channelNames, eventKey, eventNames, splitChannelName } from '../../../shared/ipc/contract';

type Fn = (...args: unknown[]) => unknown;
let pos: Record<string, Record<string, Fn>>;

beforeAll(async () => {
  await import('../../../electron/preload');
  pos = bridge.exposed.get('pos') as typeof pos;
});

beforeEach(() => {
  bridge.invoke.mockClear();
});

/** Every leaf of the exposed object as `area.verb`, with its value. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

describe('preload bridge', () => {
  it('exposes exactly one object, window.pos', () => {
    expect([...bridge.exposed.keys()]).toEqual(['pos']);
  });

  it('exposes one function per contract channel and per event, and nothing else', () => {
    const expected = [
      ...channelNames.map((name) => {
        const { area, verb } = splitChannelName(name);
        return `${area}.${verb}`;
      }),
      ...eventNames.map((name) => `events.${eventKey(name)}`),
    ].sort();
    const actual = leaves(pos);
    expect(actual.map(([path]) => path).sort()).toEqual(expected);
    for (const [path, value] of actual) expect(typeof value, path).toBe('function');
  });

  it.each(channelNames)('%s invokes exactly its own channel with the input', async (name) => {
    const { area, verb } = splitChannelName(name);
    const input = { marker: name };
    const answer = await pos[area]![verb]!(input);
    expect(bridge.invoke).toHaveBeenCalledOnce();
    expect(bridge.invoke.mock.calls[0]![0]).toBe(name);
    expect(answer).toMatchObject({ ok: true, value: { channel: name } });
  });

  it('has no function that can be steered to another channel by its arguments', async () => {
    for (const name of channelNames) {
      const { area, verb } = splitChannelName(name);
      for (const other of channelNames) {
        bridge.invoke.mockClear();
        await pos[area]![verb]!(other, other, { channel: other });
        expect(bridge.invoke.mock.calls.map(([channel]) => channel)).toEqual([name]);
      }
    }
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    for (const [path, value] of leaves(pos)) {
      for (const segment of path.split('.'))
        expect(['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'postMessage']).not.toContain(segment);
      expect(value).not.toBe(bridge.invoke);
    }
  });
});

describe('preload events', () => {
  it('delivers only the payload to the listener, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    const stop = pos.events!.onSaleChanged!(listener) as () => void;
    const fakeEvent = { sender: { invoke: bridge.invoke } };
    bridge.emitter.emit('sale:changed', fakeEvent, { id: 'sale-1' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ id: 'sale-1' });
    stop();
  });

  it('subscribes each events.onX to its own event name', () => {
    for (const name of eventNames) {
      const listener = vi.fn();
      const stop = pos.events![eventKey(name)]!(listener) as () => void;
      for (const other of eventNames) bridge.emitter.emit(other, {}, { from: other });
      expect(listener).toHaveBeenCalledExactlyOnceWith({ from: name });
      stop();
    }
  });

  it('unsubscribe removes only that listener', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = pos.events!.onSaleChanged!(first) as () => void;
    const stopSecond = pos.events!.onSaleChanged!(second) as () => void;
    stopFirst();
    bridge.emitter.emit('sale:changed', {}, { id: 'a' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith({ id: 'a' });
    stopSecond();
    expect(bridge.emitter.listenerCount('sale:changed')).toBe(0);
  });

  it('unsubscribing twice does not remove someone else’s listener', () => {
    const mine = vi.fn();
    const theirs = vi.fn();
    const stop = pos.events!.onAppAlarm!(mine) as () => void;
    pos.events!.onAppAlarm!(theirs);
    stop();
    stop();
    bridge.emitter.emit('app:alarm', {}, { message: 'x' });
    expect(theirs).toHaveBeenCalledOnce();
    bridge.emitter.removeAllListeners();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => pos.events!.onSaleChanged!('sale:charge')).toThrow(TypeError);
    expect(bridge.emitter.listenerCount('sale:changed')).toBe(0);
  });
});
