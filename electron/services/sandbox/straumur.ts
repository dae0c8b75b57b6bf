import type { SandboxRouteHandler } from './server';

/**
 * Placeholder so the sandbox server compiles; the Straumur engineer replaces this file with the
 * real Straumur routes (same export name and signature).
 */
export function createStraumurRoutes(_options: { apiKey: string }): SandboxRouteHandler {
  return () => Promise.resolve(false);
}
