import type { Settings } from '../../../shared/domain/settings';
import { providerIds, providerInfo, type ProviderId } from '../../../shared/providers/registry';
import type { ProviderSettingsField } from '../../../shared/providers/types';

/** A provider's settings field, located: its value lives at `settings.providers.<provider>.<path>`. */
export interface PlacedField {
  readonly provider: ProviderId;
  readonly field: ProviderSettingsField;
  /** The settings path, also the key of its error and (after `f-`) the control's id. */
  readonly name: string;
}

/** The fields of every provider shown in one section of the settings form, in registry order. */
export function providerSettingsFields(section: ProviderSettingsField['section'], only?: ProviderId): PlacedField[] {
  return (only ? [only] : providerIds).flatMap((provider) =>
    providerInfo(provider)
      .settingsFields.filter((field) => field.section === section)
      .map((field) => ({ provider, field, name: `providers.${provider}.${field.path}` })),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readProviderField(settings: Settings, placed: PlacedField): string {
  let node: unknown = settings.providers[placed.provider];
  for (const part of placed.field.path.split('.')) node = isRecord(node) ? node[part] : undefined;
  return typeof node === 'string' ? node : '';
}

export function writeProviderField(settings: Settings, placed: PlacedField, value: string): Settings {
  const write = (node: unknown, [head = '', ...rest]: string[]): Record<string, unknown> => {
    const record = isRecord(node) ? node : {};
    return { ...record, [head]: rest.length ? write(record[head], rest) : value };
  };
  const own = write(settings.providers[placed.provider], placed.field.path.split('.'));
  // The shape is the provider's own settings schema, which settings:save checks as a whole.
  return { ...settings, providers: { ...settings.providers, [placed.provider]: own } };
}
