import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { appProtocolResponse, handleAppProtocol, registerAppScheme } from '../../../electron/shell/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/csp';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'linkpos-protocol-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>LinkPOS</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string) => appProtocolResponse({ url, method: 'GET' }, root);

describe('registerAppScheme', () => {
  it('declares app:// standard and secure, without bypassing CSP or opening CORS', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(schemes[0].privileges.bypassCSP).toBeUndefined();
    expect(schemes[0].privileges.corsEnabled).toBeUndefined();
  });
});

describe('appProtocolResponse', () => {
  it('serves index.html for the root with its type and the CSP header', async () => {
    const response = await get('app://linkpos/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>LinkPOS</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await get('app://linkpos/assets/app.js?v=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each(['app://linkpos/../etc/passwd', 'app://linkpos/%2e%2e/x', 'app://linkpos/missing.js', 'app://evil/index.html'])(
    'answers 404 with the CSP header for %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    const response = await appProtocolResponse({ url: 'app://linkpos/index.html', method: 'POST' }, root);
    expect(response.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await appProtocolResponse({ url: 'app://linkpos/index.html', method: 'HEAD' }, root);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 404 when the file vanishes between the check and the read', async () => {
    const response = await appProtocolResponse({ url: 'app://linkpos/index.html', method: 'GET' }, root, {
      read: () => Promise.reject(new Error('ENOENT')),
    });
    expect(response.status).toBe(404);
  });
});

describe('handleAppProtocol', () => {
  it('handles the app scheme with the asset resolver', async () => {
    const protocol = { handle: vi.fn() };
    handleAppProtocol(protocol, root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request('app://linkpos/index.html'));
    expect(response.status).toBe(200);
  });
});
