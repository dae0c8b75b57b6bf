import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * `npm run dev` only: Vite's dev server injects <style> tags for hot reload, which the production
 * policy (style-src 'self') blocks, so the served page's meta policy allows inline styles. Builds
 * keep the strict policy (CSS is extracted to files).
 */
function devOnlyInlineStyles(): Plugin {
  return {
    name: 'linkpos-dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

/** In dev, /api goes to the web host's services with its token, as if the page came from it. */
const devApi = process.env.LINKPOS_DEV_API;
const devProxy = devApi
  ? {
      '/api': {
        target: devApi,
        changeOrigin: true,
        configure: (proxy: {
          on(event: 'proxyReq', listener: (request: { setHeader(name: string, value: string): void }) => void): void;
        }) => {
          proxy.on('proxyReq', (request) => {
            request.setHeader('origin', devApi);
            request.setHeader('cookie', `linkpos_token=${process.env.LINKPOS_WEB_TOKEN ?? ''}`);
          });
        },
      },
    }
  : undefined;

// One config for the renderer build and for vitest.
// The renderer is built with relative asset paths so the same bundle loads from app:// (desktop)
// and from the web host's loopback HTTP server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devOnlyInlineStyles()],
  server: { host: '127.0.0.1', ...(devProxy ? { proxy: devProxy } : {}) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    // One bundle on purpose (a till loads it once from disk); its gzipped size is budgeted in the bench.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    root: '.',
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    // electron-store imports `electron`; only the shell's own tests (which vi.mock('electron')) touch it.
    server: { deps: { inline: ['electron-store'] } },
  },
});
