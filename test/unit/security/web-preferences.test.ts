import { describe, expect, it } from 'vitest';
import { buildWebPreferences } from '../../../electron/security/web-preferences';

describe('buildWebPreferences', () => {
  it('locks the renderer down: isolated, sandboxed, no Node anywhere, no webview', () => {
    const prefs = buildWebPreferences({ preloadPath: '/app/preload.cjs', isDev: false });
    expect(prefs).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });

  it('allows DevTools only in development', () => {
    expect(buildWebPreferences({ preloadPath: '/p', isDev: true }).devTools).toBe(true);
    expect(buildWebPreferences({ preloadPath: '/p', isDev: false }).devTools).toBe(false);
  });

  it('does not treat a truthy non-boolean as development', () => {
    const prefs = buildWebPreferences({ preloadPath: '/p', isDev: 'yes' as unknown as boolean });
    expect(prefs.devTools).toBe(false);
  });

  it('returns a frozen object so no caller can loosen it afterwards', () => {
    const prefs = buildWebPreferences({ preloadPath: '/p', isDev: false });
    expect(Object.isFrozen(prefs)).toBe(true);
    expect(() => {
      (prefs as { sandbox: boolean }).sandbox = false;
    }).toThrow(TypeError);
    expect(prefs.sandbox).toBe(true);
  });

  it('refuses to build preferences without a preload path', () => {
    expect(() => buildWebPreferences({ preloadPath: '', isDev: false })).toThrow(/preload/);
    expect(() => buildWebPreferences({ preloadPath: undefined as unknown as string, isDev: false })).toThrow(/preload/);
  });
});
