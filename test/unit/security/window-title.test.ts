import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../../electron/security/window-title';

describe('windowTitle', () => {
  it('names the shop', () => {
    expect(windowTitle({ shopName: 'Kaffebaren', demo: false })).toBe('LinkPOS — Kaffebaren');
  });

  it('marks demo mode so nobody takes a sandbox sale for real', () => {
    expect(windowTitle({ shopName: 'Kaffebaren', demo: true })).toBe('LinkPOS — Kaffebaren — DEMO');
  });

  it('falls back to the bare product name without a shop name', () => {
    expect(windowTitle({ shopName: '', demo: false })).toBe('LinkPOS');
    expect(windowTitle({ shopName: '   ', demo: true })).toBe('LinkPOS — DEMO');
  });

  it('strips control characters and line breaks typed into the shop name', () => {
    expect(windowTitle({ shopName: 'Kaffe\nbaren\u0007\u2028 AB', demo: false })).toBe('LinkPOS — Kaffe baren AB');
  });

  it('caps a very long shop name', () => {
    const title = windowTitle({ shopName: 'x'.repeat(500), demo: true });
    expect(title).toBe(`LinkPOS — ${'x'.repeat(60)} — DEMO`);
  });
});
