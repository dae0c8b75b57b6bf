import { describe, expect, it } from 'vitest';
import { defaultSettings, validateSettings, type Settings } from '../../../shared/domain/settings';
import { keysInput } from '../../../renderer/src/components/ProviderFields';
import { providerSettingsFields, readProviderField, writeProviderField } from '../../../renderer/src/components/provider-settings';

const chosen = (provider: Settings['provider'], environment: Settings['environment']): Settings => ({
  ...defaultSettings,
  provider,
  environment,
});

describe('the settings form draws each provider from its descriptor', () => {
  it('asks for exactly the secret fields the chosen provider declares', () => {
    expect(keysInput(chosen('ecster', 'live'), { apiKey: 'key-12345678' })).toMatchObject({
      kind: 'invalid',
      fieldErrors: { merchantKey: expect.any(String) },
    });
    expect(keysInput(chosen('ecster', 'live'), { apiKey: 'key-12345678', merchantKey: ' m1 ' })).toEqual({
      kind: 'set',
      input: { provider: 'ecster', environment: 'live', apiKey: 'key-12345678', merchantKey: 'm1' },
    });
    expect(keysInput(chosen('straumur', 'production'), { apiKey: 'key-12345678' })).toEqual({
      kind: 'set',
      input: { provider: 'straumur', environment: 'production', apiKey: 'key-12345678' },
    });
    expect(keysInput(chosen('straumur', 'staging'), { apiKey: 'short' })).toMatchObject({
      kind: 'invalid',
      fieldErrors: { apiKey: expect.any(String) },
    });
  });

  it('sends keys for an environment of their own provider, and nothing when no key is typed or in demo', () => {
    expect(keysInput(chosen('ecster', 'staging'), { apiKey: 'key-12345678', merchantKey: 'm1' })).toMatchObject({
      input: { environment: 'test' },
    });
    expect(keysInput(chosen('straumur', 'staging'), { apiKey: '  ' })).toEqual({ kind: 'none' });
    expect(keysInput(chosen('demo', 'test'), { apiKey: 'key-12345678' })).toEqual({ kind: 'none' });
  });

  it('places each provider setting under providers.<id>, where validation reports it', () => {
    expect(providerSettingsFields('provider').map((f) => f.name)).toEqual([
      'providers.ecster.platformReference',
      'providers.ecster.capture',
      'providers.straumur.terminalIdentifier',
    ]);
    expect(providerSettingsFields('provider', 'ecster').map((f) => f.name)).toEqual([
      'providers.ecster.platformReference',
      'providers.ecster.capture',
    ]);
    expect(providerSettingsFields('general').map((f) => f.name)).toEqual(['providers.ecster.locale.language']);

    const [language] = providerSettingsFields('general');
    const [terminal] = providerSettingsFields('provider', 'straumur');
    const edited = writeProviderField(writeProviderField(chosen('straumur', 'staging'), language!, 'fi'), terminal!, 'ABC');
    expect(readProviderField(edited, language!)).toBe('fi');
    expect(edited.providers.ecster.locale).toEqual({ language: 'fi', country: 'SE' });
    expect(readProviderField(edited, terminal!)).toBe('ABC');
    const refused = validateSettings(edited);
    expect(refused.ok ? [] : Object.keys(refused.fieldErrors)).toEqual([terminal!.name]);
  });
});
