import type { SandboxRouteHandler } from './server';

/** The Ecster Pay Link sandbox routes (filled in by the next commit). */
export function createEcsterRoutes(_options: { apiKey: string; merchantKey: string }): SandboxRouteHandler {
  return () => Promise.resolve(false);
}
