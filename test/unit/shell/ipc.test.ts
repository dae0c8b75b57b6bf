import { describe, expect, it, vi } from 'vitest';

// Nothing in ipc.ts needs electron at run time, but if it ever did, this keeps the test in plain Node.
vi.mock('electron', () => ({}));

import { channelNames } from '../../../shared/ipc/contract';
import { ok, type IpcResult } from '../../../shared/ipc/result';
import { EventBus } from '../../../electron/services/ipc/event-bus';
import { describeSender, forwardEvents, registerIpcHandlers } from '../../../electron/shell/ipc';
import { isTrustedSender } from '../../../electron/security/sender';
import { APP_ORIGIN } from '../../../electron/security/origin';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((name: string, handler: Handler) => {
      if (handlers.has(name)) throw new Error(`second handler for ${name}`);
      handlers.set(name, handler);
    }),
    removeHandler: vi.fn((name: string) => handlers.delete(name)),
  };
}

function frame(url: string, top = true) {
  const self = { url, isDestroyed: () => false, parent: null as unknown };
  if (!top) self.parent = { url: 'app://linkpos/index.html' };
  return self;
}

function setup() {
  const ipcMain = fakeIpcMain();
  const dispatch = vi.fn((name: unknown, input: unknown) => Promise.resolve(ok({ name, input }) as IpcResult<unknown>));
  const isTrusted = (f: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(f, APP_ORIGIN);
  const unregister = registerIpcHandlers(ipcMain, dispatch, isTrusted);
  const call = (name: string, event: unknown, input?: unknown) => ipcMain.handlers.get(name)!(event, input);
  return { ipcMain, dispatch, unregister, call };
}

const forbidden = { ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } };

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(channelNames.length);
  });

  it('passes a call from the app’s top frame through to dispatch with its own channel name', async () => {
    const { dispatch, call } = setup();
    const input = { id: 'sale-1' };
    await expect(call('sale:get', { senderFrame: frame('app://linkpos/index.html') }, input)).resolves.toEqual(
      ok({ name: 'sale:get', input }),
    );
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('sale:get', input);
  });

  it.each([
    ['a null senderFrame', { senderFrame: null }],
    ['a missing senderFrame', {}],
    ['a subframe of the app', { senderFrame: frame('app://linkpos/index.html', false) }],
    ['a foreign origin', { senderFrame: frame('https://evil.example/') }],
    ['a file: page', { senderFrame: frame('file:///tmp/index.html') }],
    ['a destroyed frame', { senderFrame: { ...frame('app://linkpos/'), isDestroyed: () => true } }],
    [
      'a frame that throws when read',
      {
        get senderFrame() {
          throw new Error('Render frame was disposed');
        },
      },
    ],
  ])('rejects %s without calling dispatch', async (_name, event) => {
    const { dispatch, call } = setup();
    await expect(call('credentials:set', event, { provider: 'ecster' })).resolves.toEqual(forbidden);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('does not echo the rejected input in the answer', async () => {
    const { call } = setup();
    const answer = await call('credentials:set', { senderFrame: null }, { apiKey: 'sk_live_supersecret' });
    expect(JSON.stringify(answer)).not.toContain('supersecret');
  });

  it('unregisters every channel it registered', () => {
    const { ipcMain, unregister } = setup();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(channelNames.length);
  });
});

describe('describeSender', () => {
  it('describes a top frame and a subframe', () => {
    expect(describeSender({ senderFrame: frame('app://linkpos/') } as never)).toEqual({ url: 'app://linkpos/', isTopFrame: true });
    expect(describeSender({ senderFrame: frame('app://linkpos/', false) } as never)).toEqual({ url: 'app://linkpos/', isTopFrame: false });
  });
});

describe('forwardEvents', () => {
  function fakeWindow(destroyed = false) {
    return { isDestroyed: () => destroyed, webContents: { isDestroyed: () => destroyed, send: vi.fn() } };
  }

  it('sends every bus event to every live window, under the event’s own name', () => {
    const bus = new EventBus();
    const a = fakeWindow();
    const b = fakeWindow();
    const gone = fakeWindow(true);
    forwardEvents(bus, () => [a, gone, b]);
    bus.emit('app:alarm', { message: 'Journal record 7 is damaged.' });
    for (const window of [a, b]) {
      expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith('app:alarm', { message: 'Journal record 7 is damaged.' });
    }
    expect(gone.webContents.send).not.toHaveBeenCalled();
  });

  it('keeps delivering to the other windows when one send throws', () => {
    const bus = new EventBus();
    const broken = fakeWindow();
    broken.webContents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    const ok2 = fakeWindow();
    forwardEvents(bus, () => [broken, ok2]);
    bus.emit('catalog:progress', { rowsRead: 10, done: false });
    expect(ok2.webContents.send).toHaveBeenCalledOnce();
  });

  it('stops forwarding after unsubscribe', () => {
    const bus = new EventBus();
    const window = fakeWindow();
    const stop = forwardEvents(bus, () => [window]);
    stop();
    bus.emit('app:alarm', { message: 'x' });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});
