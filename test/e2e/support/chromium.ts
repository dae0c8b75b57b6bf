import { existsSync } from 'node:fs';

/** LINKPOS_CHROMIUM, then Debian's /usr/bin/chromium, then Playwright's own browser (undefined). */
export function chromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const fromEnv = env.LINKPOS_CHROMIUM ?? env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (exists('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}
