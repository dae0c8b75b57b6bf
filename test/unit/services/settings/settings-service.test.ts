import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../../electron/services/errors';
import { languageFromLocale } from '../../../../electron/services/settings/locale';
import { CURRENT_SETTINGS_VERSION, migrateDocument, settingsMigrations } from '../../../../electron/services/settings/migrations';
import { createSettingsService } from '../../../../electron/services/settings/settings-service';
import { createConfStore } from '../../../../electron/services/storage/conf-store';
import type { KeyValueStore } from '../../../../electron/services/storage/key-value-store';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { makeTempDir } from '../storage/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const settingsFile = () => path.join(tmp.dir, 'settings.json');
const now = () => new Date('2026-11-21T12:00:00.000Z');

function openService(osLocale: string | undefined = 'en-GB') {
  const opened = createConfStore({ cwd: tmp.dir, configName: 'settings', label: 'settings', now });
  return createSettingsService({ store: opened.store, osLocale, storeNotice: opened.notice, now });
}

const straumurSettings = (): Settings => ({
  ...defaultSettings,
  provider: 'straumur',
  environment: 'staging',
  providers: { ...defaultSettings.providers, straumur: { terminalIdentifier: 'ABCDEF123456', themeKey: '' } },
  currency: 'ISK',
  shop: { ...defaultSettings.shop, name: 'Kaffi Reykjavík' },
});

describe('settings: first run', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['en-US', 'en'],
    ['nb-NO', 'nb'],
    ['nn_NO.UTF-8', 'nb'],
    ['no', 'nb'],
    ['da_DK', 'da'],
    ['fi-FI', 'fi'],
    ['fi_FI@euro', 'fi'],
    ['is-IS', 'is'],
    ['IS', 'is'],
    ['de-DE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('picks %s → %s as the interface language', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  it('starts in demo mode in the OS language when no settings file exists, and writes nothing yet', () => {
    const service = openService('sv-SE');
    expect(service.isFirstRun()).toBe(true);
    expect(service.get()).toEqual({ ...defaultSettings, provider: 'demo', uiLanguage: 'sv' });
    expect(service.notices()).toEqual([]);
    expect(fs.existsSync(settingsFile())).toBe(false);
  });

  it('keeps the saved language on later starts whatever the OS locale says', () => {
    openService('sv-SE').save({ ...defaultSettings, uiLanguage: 'fi' });
    const later = openService('is-IS');
    expect(later.isFirstRun()).toBe(false);
    expect(later.get().uiLanguage).toBe('fi');
  });
});

describe('settings: save', () => {
  it('saves a valid form as a whole and reads it back after a restart', () => {
    const result = openService().save(straumurSettings());
    expect(result).toEqual({ saved: true, settings: straumurSettings() });
    expect(openService().get()).toEqual(straumurSettings());
    expect(JSON.parse(fs.readFileSync(settingsFile(), 'utf8'))).toEqual({
      schemaVersion: CURRENT_SETTINGS_VERSION,
      settings: straumurSettings(),
    });
  });

  it('on a first save takes omitted fields from the first-run settings and drops unknown ones', () => {
    const result = openService().save({ shop: { name: 'Bod' }, hacker: true });
    expect(result.saved).toBe(true);
    if (result.saved) {
      expect(result.settings.shop.name).toBe('Bod');
      expect(result.settings.currency).toBe('SEK');
      expect(result.settings).not.toHaveProperty('hacker');
    }
  });

  it('keeps the stored value of every field a partial save leaves out, nested ones too, after a restart', () => {
    const service = openService();
    expect(service.save({ ...straumurSettings(), clerkName: 'Anna', linkValidityMinutes: 30 }).saved).toBe(true);

    const result = service.save({ shop: { thankYouText: 'Takk fyrir!' }, autoPrintReceipt: true });

    const expected: Settings = {
      ...straumurSettings(),
      clerkName: 'Anna',
      linkValidityMinutes: 30,
      autoPrintReceipt: true,
      shop: { ...straumurSettings().shop, thankYouText: 'Takk fyrir!' },
    };
    expect(result).toEqual({ saved: true, settings: expected });
    expect(openService().get()).toEqual(expected);
  });

  it('validates the merged whole: a partial save that breaks a cross-field rule saves nothing', () => {
    const service = openService();
    service.save(straumurSettings()); // ISK with Straumur
    const result = service.save({ demoProvider: 'ecster', provider: 'demo' });
    expect(result.saved).toBe(false);
    if (!result.saved) expect(result.fieldMessages).toEqual({ currency: { key: 'settingsIskStraumurOnly' } });
    expect(openService().get()).toEqual(straumurSettings());
  });

  it('never lets a "__proto__" key in a partial save reach the settings', () => {
    const service = openService();
    const result = service.save(JSON.parse('{"__proto__": {"clerkName": "Mallory"}, "shop": {"name": "Bod"}}'));
    expect(result.saved).toBe(true);
    expect(service.get().clerkName).toBe('');
    expect(service.get().shop.name).toBe('Bod');
  });

  it.each(['http://shop.example/terms', 'ftp://shop.example/terms', 'javascript:alert(1)'])(
    'refuses %s as the shop terms address: https only, with the message saying so',
    (url) => {
      const result = openService().save({ shopTermsUrl: url });
      expect(result).toMatchObject({ saved: false, fieldMessages: { shopTermsUrl: { key: 'settingsNotHttpsUrl' } } });
    },
  );

  it('answers field errors keyed by dotted path and saves nothing, not even the valid fields', () => {
    const service = openService();
    service.save(straumurSettings());
    const before = fs.readFileSync(settingsFile());

    const result = service.save({
      ...straumurSettings(),
      clerkName: 'Anna',
      shop: { name: 'x'.repeat(101) },
      returnUrl: 'http://shop.example/back',
      linkValidityMinutes: 0,
      paperWidthMm: 70,
    });

    expect(result.saved).toBe(false);
    if (!result.saved) {
      expect(Object.keys(result.fieldErrors).sort()).toEqual(['linkValidityMinutes', 'paperWidthMm', 'returnUrl', 'shop.name']);
      expect(result.fieldErrors['returnUrl']).toMatch(/https:\/\//);
      expect(result.fieldErrors['paperWidthMm']).toBe('Must be 58 or 80 mm');
      // The same messages as catalog keys, for the clerk's language; a generic one where the schema names none.
      expect(result.fieldMessages).toEqual({
        linkValidityMinutes: { key: 'settingsMinMinutes' },
        paperWidthMm: { key: 'settingsPaperWidth' },
        returnUrl: { key: 'settingsNotHttpsUrl' },
        'shop.name': { key: 'settingsTooLong', params: { max: 100 } },
      });
      expect(result.fieldErrors['shop.name']).toBe('Must be at most 100 characters');
    }
    expect(fs.readFileSync(settingsFile())).toEqual(before);
    expect(service.get().clerkName).toBe('');
    expect(openService().get()).toEqual(straumurSettings());
  });

  it('names the till "Till 1" until the clerk names it, keeps the name trimmed, and refuses an empty one', () => {
    const service = openService();
    expect(service.get().tillName).toBe('Till 1');
    const saved = service.save({ ...defaultSettings, tillName: '  Counter 2 ' });
    expect(saved).toMatchObject({ saved: true, settings: { tillName: 'Counter 2' } });
    const empty = service.save({ ...defaultSettings, tillName: '   ' });
    expect(empty).toMatchObject({ saved: false, fieldMessages: { tillName: { key: 'settingsTillNameRequired' } } });
    expect(openService().get().tillName).toBe('Counter 2');
  });

  it('reports a non-object form under "settings"', () => {
    expect(openService().save('nonsense')).toEqual({
      saved: false,
      fieldErrors: { settings: 'This value is not valid' },
      fieldMessages: { settings: { key: 'settingsInvalid' } },
    });
  });

  it.each([
    [
      { provider: 'straumur', environment: 'staging', providers: { straumur: { terminalIdentifier: '' } } },
      'providers.straumur.terminalIdentifier',
      /needs the terminal identifier/,
    ],
    [
      { provider: 'straumur', environment: 'staging', providers: { straumur: { terminalIdentifier: '1adfe4a' } } },
      'providers.straumur.terminalIdentifier',
      /8 to 12 letters and digits/,
    ],
    [
      { provider: 'straumur', environment: 'staging', providers: { straumur: { terminalIdentifier: '1adfe4a1-xyz' } } },
      'providers.straumur.terminalIdentifier',
      /8 to 12 letters and digits/,
    ],
    [
      { provider: 'straumur', environment: 'live', providers: { straumur: { terminalIdentifier: 'ABCDEF123456' } } },
      'environment',
      /staging or production/,
    ],
    [{ provider: 'ecster', environment: 'production' }, 'environment', /test or live/],
    [{ provider: 'ecster', environment: 'test', currency: 'ISK' }, 'currency', /Straumur/],
    [{ provider: 'demo', demoProvider: 'ecster', currency: 'ISK' }, 'currency', /Straumur/],
  ])('enforces the cross-field rule for %j on %s', (form, field, message) => {
    const service = openService();
    const result = service.save(form);
    expect(result.saved).toBe(false);
    if (!result.saved) {
      expect(result.fieldErrors[field]).toMatch(message);
      expect(result.fieldMessages[field]?.key).toMatch(/^settings/);
    }
    expect(fs.existsSync(settingsFile())).toBe(false);
  });

  it("saves the seed's own 8-character Straumur terminal identifier, and 12 characters as before", () => {
    for (const terminalIdentifier of ['1adfe4a1', 'ABCDEF123456']) {
      const form = { provider: 'straumur', environment: 'staging', currency: 'ISK', providers: { straumur: { terminalIdentifier } } };
      expect(openService().save(form).saved).toBe(true);
    }
  });

  it('allows ISK when the demo imitates Straumur, and any environment in demo mode', () => {
    expect(openService().save({ provider: 'demo', demoProvider: 'straumur', currency: 'ISK', environment: 'live' }).saved).toBe(true);
  });

  it('never echoes the typed value in a field error', () => {
    const marker = 'VALUE-THAT-MUST-NOT-ECHO-123';
    const result = openService().save({ shopTermsUrl: marker, returnUrl: marker, provider: marker, shop: { name: marker.repeat(5) } });
    expect(JSON.stringify(result)).not.toContain(marker);
  });

  it('throws a storage error and keeps the previous settings when the disk refuses the write', () => {
    const failing: KeyValueStore = {
      path: settingsFile(),
      get: () => undefined,
      set: () => undefined,
      delete: () => undefined,
      get store() {
        return {};
      },
      set store(_value) {
        throw new Error('EROFS');
      },
    };
    const service = createSettingsService({ store: failing, osLocale: 'da' });
    expect(() => service.save(straumurSettings())).toThrow(DomainError);
    expect(service.get().uiLanguage).toBe('da');
    expect(service.get().provider).toBe('demo');
  });
});

describe('settings: migrations', () => {
  it("moves a v1 file's flat provider fields under providers.<id>, keeping every value", () => {
    // A settings.json as the release before nested provider settings wrote it.
    fs.copyFileSync(path.resolve(import.meta.dirname, '../../../fixtures/settings/settings-v1.json'), settingsFile());
    const service = openService();
    expect(service.notices()).toEqual([]);
    const settings = service.get();
    expect(settings.providers).toEqual({
      ecster: { locale: { language: 'fi', country: 'FI' }, platformReference: '', capture: 'at-once' },
      straumur: { terminalIdentifier: 'ABCDEF123456', themeKey: 'dark-theme' },
    });
    expect(settings).toMatchObject({
      provider: 'straumur',
      environment: 'production',
      currency: 'ISK',
      uiLanguage: 'is',
      clerkName: 'Anna',
    });
    expect(settings.shop.name).toBe('Kaffi Reykjavík');
    const onDisk = JSON.parse(fs.readFileSync(settingsFile(), 'utf8'));
    expect(onDisk).toEqual({ schemaVersion: CURRENT_SETTINGS_VERSION, settings });
    for (const flat of ['ecsterLocale', 'straumurTerminalIdentifier', 'straumurThemeKey']) expect(onDisk.settings).not.toHaveProperty(flat);
    // The migrated settings pass the whole-form rules, as they did before.
    expect(service.save(settings)).toEqual({ saved: true, settings });
  });

  it('moves the v0 flat shopName into shop.name and stamps version 1 (pure)', () => {
    const v0 = { shopName: 'Gamla Butiken', currency: 'NOK', clerkName: 'Per' };
    const migrated = migrateDocument(v0, settingsMigrations, 1);
    expect(migrated).toEqual({
      ok: true,
      from: 0,
      document: { schemaVersion: 1, settings: { currency: 'NOK', clerkName: 'Per', shop: { name: 'Gamla Butiken' } } },
    });
    expect(v0).toEqual({ shopName: 'Gamla Butiken', currency: 'NOK', clerkName: 'Per' });
  });

  it('loads a v0 file through the migrations and writes it back at the current version', () => {
    fs.writeFileSync(settingsFile(), JSON.stringify({ shopName: 'Gamla Butiken', currency: 'NOK' }));
    const service = openService();
    expect(service.get().shop.name).toBe('Gamla Butiken');
    expect(service.get().currency).toBe('NOK');
    expect(service.notices()).toEqual([]);
    const onDisk = JSON.parse(fs.readFileSync(settingsFile(), 'utf8'));
    expect(onDisk.schemaVersion).toBe(CURRENT_SETTINGS_VERSION);
    expect(onDisk.settings.shop.name).toBe('Gamla Butiken');
    expect(onDisk).not.toHaveProperty('shopName');
  });

  it('refuses a file from a newer version: defaults, a notice, and a copy kept aside', () => {
    const newer = JSON.stringify({ schemaVersion: 7, settings: { shop: { name: 'Future' } } });
    fs.writeFileSync(settingsFile(), newer);
    const service = openService();
    expect(service.get().shop.name).toBe(defaultSettings.shop.name);
    expect(service.notices()[0]?.message).toMatch(/newer version of LinkPOS/);
    expect(service.notices()[0]?.key).toBe('settingsFileNewer');
    expect(fs.readFileSync(path.join(tmp.dir, 'settings.json.unreadable-2026-11-21T12-00-00-000Z'), 'utf8')).toBe(newer);
  });

  it('runs chained migrations in order', () => {
    const migrations = {
      0: (d: Record<string, unknown>) => ({ ...d, schemaVersion: 1, trail: 'a' }),
      1: (d: Record<string, unknown>) => ({ ...d, schemaVersion: 2, trail: `${String(d['trail'])}b` }),
    };
    expect(migrateDocument({}, migrations, 2)).toEqual({ ok: true, from: 0, document: { schemaVersion: 2, trail: 'ab' } });
    expect(migrateDocument({ schemaVersion: 'x' }, migrations, 2)).toEqual({ ok: false, reason: 'unknown-version' });
  });
});

describe('settings: damaged content', () => {
  it('resets only the fields that no longer validate, names them, and keeps a copy of the original', () => {
    const stored = { schemaVersion: 1, settings: { ...straumurSettings(), provider: 'dfmo', paperWidthMm: 81 } };
    fs.writeFileSync(settingsFile(), JSON.stringify(stored));
    const service = openService();
    expect(service.get().provider).toBe('demo');
    expect(service.get().paperWidthMm).toBe(80);
    expect(service.get().shop.name).toBe('Kaffi Reykjavík');
    expect(service.notices()[0]?.message).toMatch(/provider, paperWidthMm/);
    expect(service.notices()[0]?.message).toMatch(/settings\.json\.unreadable-/);
    expect(service.notices()[0]).toMatchObject({ key: 'settingsFieldsReset', params: { fields: 'provider, paperWidthMm' } });
    expect(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'settings.json.unreadable-2026-11-21T12-00-00-000Z'), 'utf8'))).toEqual(stored);
  });
});
