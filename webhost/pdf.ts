import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Printable } from '../shared/ipc/channels/history';
import { OutputError, PRINTING_NEEDS_DESKTOP, printPageQuery, type ReceiptOutput } from '../electron/services/receipts/output';
import { msg } from '../shared/messages';

/**
 * The web host's ReceiptOutput. It has no printer; PDFs are made by headless Chromium loading the
 * same print page the desktop app prints, from inside this process, which knows the per-run token
 * and passes it in the URL (the page then calls the API with the cookie the host sets).
 */
export interface ChromiumPdfOptions {
  executable?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Runs Chromium; resolves when it exits. Replaced in tests. */
  run?: (file: string, args: string[], timeoutMs: number) => Promise<void>;
  timeoutMs?: number;
}

/** LINKPOS_CHROMIUM, then Debian's /usr/bin/chromium (as the e2e tests resolve it). */
export function chromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const fromEnv = env.LINKPOS_CHROMIUM ?? env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (exists(candidate)) return candidate;
  return undefined;
}

/** The print page's URL with a short-lived print token (never the run's own token: see issuePrintToken). */
export function webPrintPageUrl(origin: string, printToken: string, document: Printable): string {
  const url = new URL(origin);
  url.pathname = '/';
  url.search = '';
  for (const [key, value] of printPageQuery(document)) url.searchParams.set(key, value);
  url.searchParams.set('token', printToken);
  return url.toString();
}

export function chromiumPdfArgs(url: string, profileDir: string, outFile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    // Virtual time runs the page's scripts (and waits for its API calls) before printing.
    '--virtual-time-budget=15000',
    `--print-to-pdf=${outFile}`,
    url,
  ];
}

function runFile(file: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error) =>
      error ? reject(new Error(error.message)) : resolve(),
    );
  });
}

/** What the PDF port needs from the running web host. */
export interface PrintableHost {
  url: string;
  issuePrintToken(): string;
}

export function createChromiumPdfOutput(options: ChromiumPdfOptions = {}): ReceiptOutput & { setHost(host: PrintableHost): void } {
  let host: PrintableHost | null = null;
  const run = options.run ?? runFile;
  return {
    setHost(running) {
      host = running;
    },
    print() {
      return Promise.reject(new OutputError(PRINTING_NEEDS_DESKTOP));
    },
    async pdf(document) {
      const executable = options.executable ?? chromiumExecutable(options.env);
      if (!executable) throw new OutputError(msg('pdfNeedsChromium'));
      if (!host) throw new OutputError(msg('pdfHostStarting'));
      const dir = await mkdtemp(join(tmpdir(), 'linkpos-pdf-'));
      const out = join(dir, 'page.pdf');
      try {
        const url = webPrintPageUrl(new URL(host.url).origin, host.issuePrintToken(), document);
        await run(executable, chromiumPdfArgs(url, join(dir, 'profile'), out), options.timeoutMs ?? 60_000);
        const bytes = await readFile(out).catch(() => null);
        if (!bytes || bytes.length === 0) throw new OutputError(msg('pdfEmpty'));
        return new Uint8Array(bytes);
      } catch (error) {
        if (error instanceof OutputError) throw error;
        // Chromium's message can contain the URL and with it the token: never pass it on.
        throw new OutputError(msg('pdfFailed'));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
