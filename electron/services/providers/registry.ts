import type { ProviderId } from '../../../shared/providers/registry';
import type { SandboxRoutes } from '../sandbox/types';
import type { ProviderDescriptor } from './descriptor';
import { ecsterDescriptor } from './ecster/descriptor';
import { straumurDescriptor } from './straumur/descriptor';

/**
 * Every payment provider the main process can talk to, by id. Typed by the shared registry's ids,
 * so a provider added there does not compile until it is added here too (ARCHITECTURE.md, "Add a
 * payment provider"). Services take a registry and default to this one; tests pass their own.
 */
export const providers = {
  ecster: ecsterDescriptor,
  straumur: straumurDescriptor,
} as const satisfies Record<ProviderId, ProviderDescriptor>;

export type ProviderRegistry = Readonly<Record<ProviderId, ProviderDescriptor>>;

/** The demo keys of each provider, by id: the keys the sandbox accepts unless a test says otherwise. */
export type SandboxKeys = { readonly [Id in ProviderId]?: (typeof providers)[Id]['demoCredentials'] };

/** The sandbox's routes for every provider in a registry, accepting its demo keys (or the keys given). */
export function sandboxRoutes(registry: ProviderRegistry = providers, keys: SandboxKeys = {}): Record<ProviderId, SandboxRoutes> {
  const given: Partial<Record<ProviderId, object>> = keys;
  const routes: Partial<Record<ProviderId, SandboxRoutes>> = {};
  for (const [id, descriptor] of entries(registry)) {
    routes[id] = { basePath: descriptor.sandbox.basePath, ...descriptor.sandbox.routes(given[id] ?? descriptor.demoCredentials) };
  }
  return routes as Record<ProviderId, SandboxRoutes>;
}

/** A registry's descriptors with their ids (Object.entries would lose the key type). */
export function entries(registry: ProviderRegistry): [ProviderId, ProviderDescriptor][] {
  return Object.entries(registry) as [ProviderId, ProviderDescriptor][];
}
