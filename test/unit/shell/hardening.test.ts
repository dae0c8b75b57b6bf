import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { applyHardening, applySessionPolicy, hardenWebContents } from '../../../electron/shell/hardening';
import { APP_ORIGIN } from '../../../electron/security/origin';

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  return {
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
    }),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    }),
    fire(name: string, ...args: unknown[]) {
      for (const listener of listeners.get(name) ?? []) listener(...args);
    },
    has: (name: string) => (listeners.get(name)?.length ?? 0) > 0,
    open: (url: string) => openHandler?.({ url }),
  };
}

function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

const options = { appOrigin: APP_ORIGIN };

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks a foreign URL and lets the app’s own through', (name) => {
    const contents = fakeContents();
    const onBlocked = vi.fn();
    hardenWebContents(contents as never, { ...options, onBlocked });
    const bad = navEvent('https://pay.ecster.se/x');
    contents.fire(name, bad, bad.url);
    expect(bad.preventDefault).toHaveBeenCalledOnce();
    expect(onBlocked).toHaveBeenCalledWith(expect.any(String), 'https://pay.ecster.se/x');
    const good = navEvent('app://linkpos/index.html?view=customer');
    contents.fire(name, good, good.url);
    expect(good.preventDefault).not.toHaveBeenCalled();
  });

  it('uses the deprecated url argument when the event carries none', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, options);
    const event = { preventDefault: vi.fn() };
    contents.fire('will-navigate', event, 'javascript:alert(1)');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('blocks a navigation with no URL at all', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, options);
    const event = { preventDefault: vi.fn() };
    contents.fire('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every window.open, even to the app’s own origin', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, options);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.open('https://evil.example')).toEqual({ action: 'deny' });
    expect(contents.open('app://linkpos/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, options);
    const event = { preventDefault: vi.fn() };
    contents.fire('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('applyHardening', () => {
  it('guards every web-contents the app creates', () => {
    let created: Listener | undefined;
    const app = { on: vi.fn((name: string, listener: Listener) => name === 'web-contents-created' && (created = listener)) };
    applyHardening(app as never, options);
    expect(app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    const contents = fakeContents();
    created!({}, contents);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])
      expect(contents.has(name)).toBe(true);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
  });
});

describe('applySessionPolicy', () => {
  it('installs request, check and device handlers that deny what the app does not use', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    applySessionPolicy(session, options);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (...a: unknown[]) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    const callback = vi.fn();
    request({}, 'media', callback, { requestingUrl: 'app://linkpos/index.html' });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(check(null, 'geolocation', 'app://linkpos')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://linkpos')).toBe(true);
    expect(device()).toBe(false);
  });
});
