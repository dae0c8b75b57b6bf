/**
 * The renderer's sandbox. Every flag is spelled out, even where Electron's default already agrees,
 * so a changed default in a future Electron cannot silently loosen it and a reviewer sees the whole
 * policy in one place.
 */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webviewTag: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly devTools: boolean;
  readonly spellcheck: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
}

export function buildWebPreferences(options: { preloadPath: string; isDev: boolean }): SecureWebPreferences {
  if (typeof options.preloadPath !== 'string' || options.preloadPath === '') {
    throw new Error('The preload script path is missing.');
  }
  return Object.freeze({
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Strict boolean: a truthy string from a config file must not open DevTools in a shop.
    devTools: options.isDev === true,
    // The spellchecker downloads dictionaries from Google's CDN; a till has nothing to spell-check.
    spellcheck: false,
    // Dropping a file or link on the window would otherwise navigate the app away from itself.
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const);
}
