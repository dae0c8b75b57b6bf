import { describe, expect, it, vi } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  isPermissionAllowed,
  permissionCheckHandler,
  permissionRequestHandler,
} from '../../../electron/security/permissions';
import { APP_ORIGIN } from '../../../electron/security/origin';

// Every name Electron 45's Session permission handlers can be called with (electron.d.ts).
const ELECTRON_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
] as const;

const GARBAGE: unknown[] = [
  '',
  ' clipboard-sanitized-write',
  'CLIPBOARD-SANITIZED-WRITE',
  'clipboard-sanitized-write\u0000',
  '__proto__',
  'constructor',
  'toString',
  null,
  undefined,
  1,
  {},
  ['clipboard-sanitized-write'],
];

const policy = { appOrigin: APP_ORIGIN };
const APP_PAGE = 'app://linkpos/index.html';

describe('permission policy', () => {
  it.each(ELECTRON_PERMISSIONS.filter((p) => !ALLOWED_PERMISSIONS.has(p)))('denies %s even to the app itself', (permission) => {
    expect(isPermissionAllowed(permission, APP_PAGE, policy)).toBe(false);
  });

  it('allows only sanitized clipboard writes, and only from the app', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_PAGE, policy)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://linkpos', policy)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', policy)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', policy)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, policy)).toBe(false);
  });

  it.each(GARBAGE)('denies the garbage permission %p', (permission) => {
    expect(isPermissionAllowed(permission, APP_PAGE, policy)).toBe(false);
  });

  it('request handler answers through the callback, denying all but the allowlist', () => {
    const handler = permissionRequestHandler(policy);
    for (const permission of ELECTRON_PERMISSIONS) {
      const callback = vi.fn();
      handler({}, permission, callback, { requestingUrl: APP_PAGE });
      expect(callback).toHaveBeenCalledExactlyOnceWith(permission === 'clipboard-sanitized-write');
    }
  });

  it('request handler denies when the details are missing', () => {
    const callback = vi.fn();
    permissionRequestHandler(policy)({}, 'clipboard-sanitized-write', callback, undefined);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('check handler agrees with the request handler for every permission', () => {
    const check = permissionCheckHandler(policy);
    for (const permission of ELECTRON_PERMISSIONS) {
      expect(check(null, permission, 'app://linkpos')).toBe(permission === 'clipboard-sanitized-write');
      expect(check(null, permission, 'https://evil.example')).toBe(false);
    }
  });

  it('honours the dev server origin only when configured', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://localhost:5173', policy)).toBe(false);
    expect(
      isPermissionAllowed('clipboard-sanitized-write', 'http://localhost:5173', { ...policy, devOrigin: 'http://localhost:5173' }),
    ).toBe(true);
  });
});
