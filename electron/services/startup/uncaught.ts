import { createHash } from 'node:crypto';
import { localizedText, msg, type LocalizedText } from '../../../shared/messages';
import type { Logger } from '../log';

export type UncaughtOrigin = 'uncaughtException' | 'unhandledRejection';

/** Beyond this many different errors, more are only logged: the clerk's alarm list stays readable. */
export const MAX_UNCAUGHT_ALARMS = 20;

export interface UncaughtReporterDeps {
  log: Logger;
  /** Raises an alarm the clerk sees (`app:alarm`, and `app:info().alarms`). */
  raise: (alarm: LocalizedText) => void;
}

/**
 * What the shells do with an error nothing caught (`process.on('uncaughtException' |
 * 'unhandledRejection')`): it goes into the log, and the clerk is told once per distinct error,
 * instead of the main process dying silently or the error vanishing. Every sale transition was
 * journaled before anyone heard of it, so carrying on is safe.
 *
 * The alarm names only a short reference (a hash of the error's name, message and first stack
 * frame) that matches the log line: an error's own words could hold anything, and never cross
 * the boundary. The log line passes the Redactor like every other.
 */
export function createUncaughtReporter(deps: UncaughtReporterDeps): (error: unknown, origin: UncaughtOrigin) => void {
  const seen = new Set<string>();
  return (error, origin) => {
    // Throwing from here would end the process after all: nothing escapes.
    try {
      const ref = referenceOf(error);
      const stack = error instanceof Error ? error.stack : undefined;
      deps.log.error(`uncaught error in the main process (${origin})`, { ref, error: describe(error), ...(stack ? { stack } : {}) });
      if (seen.has(ref) || seen.size >= MAX_UNCAUGHT_ALARMS) return;
      seen.add(ref);
      deps.raise(localizedText(msg('appUnexpectedError', { ref })));
    } catch {
      // The log or the event bus itself failed; there is nowhere left to say it.
    }
  };
}

/** The same error thrown again (same kind, message and place) gets the same reference. */
export function referenceOf(error: unknown): string {
  const firstFrame = error instanceof Error ? (error.stack?.split('\n').find((line) => line.trim().startsWith('at ')) ?? '') : '';
  return createHash('sha256')
    .update(`${describe(error)}\n${firstFrame.trim()}`)
    .digest('hex')
    .slice(0, 8);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `non-error: ${String(error)}`;
  } catch {
    return 'non-error: (cannot be printed)';
  }
}

/** The shells' one line: every error nothing caught goes to `report`. */
export function installUncaughtHandlers(
  target: { on(event: UncaughtOrigin, listener: (error: unknown) => void): unknown },
  report: (error: unknown, origin: UncaughtOrigin) => void,
): void {
  target.on('uncaughtException', (error) => report(error, 'uncaughtException'));
  target.on('unhandledRejection', (reason) => report(reason, 'unhandledRejection'));
}
