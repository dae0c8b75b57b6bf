import { z } from 'zod';
import { ecsterInfo } from './ecster';
import { straumurInfo } from './straumur';
import type { ProviderInfo } from './types';

/**
 * Every payment provider the app ships, by id: what the renderer and settings validation know of
 * it. Adding a provider is a file beside this one, one line here, and its main-process folder with
 * its line in `electron/services/providers/registry.ts` (ARCHITECTURE.md, "Add a payment provider").
 */
export const providerInfos = {
  ecster: ecsterInfo,
  straumur: straumurInfo,
} as const;

export type ProviderId = keyof typeof providerInfos;
// Object.keys loses the key type; the registry above is the list.
export const providerIds = Object.keys(providerInfos) as [ProviderId, ...ProviderId[]];
export const providerIdSchema = z.enum(providerIds);

/** A provider's shared description, for code that treats every provider alike. */
export function providerInfo(id: ProviderId): ProviderInfo {
  return providerInfos[id];
}

type InfoOf<K extends ProviderId> = (typeof providerInfos)[K];

/** Every environment any provider has; which are allowed depends on the provider (settings rules). */
export type ProviderEnvironment = InfoOf<ProviderId>['environments'][number];
export const environmentSchema = z.enum(
  providerIds.flatMap((id) => providerInfos[id].environments) as [ProviderEnvironment, ...ProviderEnvironment[]],
);

/** `settings.providers`: each provider's own settings under its id. */
export const providerSettingsSchema = z
  .object(Object.fromEntries(providerIds.map((id) => [id, providerInfos[id].settings])) as { [K in ProviderId]: InfoOf<K>['settings'] })
  .prefault({});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

type CredentialsSchemaOf = InfoOf<ProviderId>['credentials'];
/** The credentials the vault keeps for whichever provider, told apart by `provider`. */
export const credentialsInputSchema = z.discriminatedUnion(
  'provider',
  providerIds.map((id) => providerInfos[id].credentials) as [CredentialsSchemaOf, ...CredentialsSchemaOf[]],
);
export type CredentialsInput = z.infer<typeof credentialsInputSchema>;
