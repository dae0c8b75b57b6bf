import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the renderer build and for vitest.
// The renderer is built with relative asset paths so the same bundle loads from app:// (desktop)
// and from the web host's loopback HTTP server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
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
