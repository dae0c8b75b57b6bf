/**
 * The Chromium the e2e suite and the benchmarks drive: the executable the web host makes PDFs with
 * (LINKPOS_CHROMIUM, else the system's), else Playwright's own browser (undefined); it is never
 * downloaded.
 */
export { chromiumExecutable } from '../../../webhost/pdf';

/** Headless, quiet and quick: no background traffic, no first-run work. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
