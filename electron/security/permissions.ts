import { hasOrigin } from './origin';

/**
 * The only web permission the app uses: writing the payment link to the clipboard (sanitized
 * write needs no prompt in a browser either). Camera, geolocation, notifications, HID, serial and
 * all the rest are refused, so a compromised renderer gains nothing by asking.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionPolicy {
  appOrigin: string;
  devOrigin?: string | undefined;
}

/** Shared by the request and check handlers: allowed permission AND asked for by the app itself. */
export function isPermissionAllowed(permission: unknown, requestingUrl: unknown, policy: PermissionPolicy): boolean {
  if (typeof permission !== 'string' || !ALLOWED_PERMISSIONS.has(permission)) return false;
  return hasOrigin(requestingUrl, policy.appOrigin, policy.devOrigin);
}

/** Shape of `session.setPermissionRequestHandler`'s handler, with Electron's types kept out. */
export function permissionRequestHandler(policy: PermissionPolicy) {
  return (
    _webContents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details?: { requestingUrl?: string } | null,
  ): void => {
    callback(isPermissionAllowed(permission, details?.requestingUrl, policy));
  };
}

/** Shape of `session.setPermissionCheckHandler`'s handler. */
export function permissionCheckHandler(policy: PermissionPolicy) {
  return (_webContents: unknown, permission: string, requestingOrigin: string): boolean =>
    isPermissionAllowed(permission, requestingOrigin, policy);
}
