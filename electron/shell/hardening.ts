import type { App, Event, Session, WebContents } from 'electron';
import { isAllowedNavigation, windowOpenHandler } from '../security/navigation';
import { permissionCheckHandler, permissionRequestHandler, type PermissionPolicy } from '../security/permissions';

export interface HardeningOptions extends PermissionPolicy {
  /** Told about every blocked attempt, for the log (URLs only; they never carry secrets here). */
  onBlocked?: (what: string, url: string) => void;
}

type Hardenable = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Guards for one web-contents: no navigation away, no new windows, no <webview>. */
export function hardenWebContents(contents: Hardenable, options: HardeningOptions): void {
  const guard = (what: string) => (event: Pick<Event, 'preventDefault'> & { url?: string }, url?: string) => {
    const target = event.url ?? url;
    if (isAllowedNavigation(target, options.appOrigin, options.devOrigin)) return;
    event.preventDefault();
    options.onBlocked?.(what, String(target));
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event: Pick<Event, 'preventDefault'>) => {
    event.preventDefault();
    options.onBlocked?.('webview', '');
  });
  contents.setWindowOpenHandler((details: { url: string }) => {
    options.onBlocked?.('window.open', details.url);
    return windowOpenHandler();
  });
}

/** Applies the guards to every web-contents the app will ever create, before any loads a page. */
export function applyHardening(app: Pick<App, 'on'>, options: HardeningOptions): void {
  app.on('web-contents-created', (_event: unknown, contents: WebContents) => hardenWebContents(contents, options));
}

/** Permission policy for a session: deny all but the allowlist, for requests and checks alike. */
export function applySessionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
  policy: PermissionPolicy,
): void {
  session.setPermissionRequestHandler(permissionRequestHandler(policy));
  session.setPermissionCheckHandler(permissionCheckHandler(policy));
  // USB/HID/serial device access is a separate grant; the till's scanner is a keyboard.
  session.setDevicePermissionHandler(() => false);
}
