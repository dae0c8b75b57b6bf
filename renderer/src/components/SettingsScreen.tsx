import { useMemo, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { currencies } from '../../../shared/domain/money';
import { uiLanguages, type Settings } from '../../../shared/domain/settings';
import { errorText, messageText, t as translate } from '../i18n';
import { usePos, usePosApi } from './context';
import { ProviderFields, ProviderSettingField, emptyKeys, keysInput, type KeyDraft } from './ProviderFields';
import { Field } from './Field';
import { SwedishTillFields } from './SwedishTillFields';
import { providerSettingsFields } from './provider-settings';
import { ImportCatalog } from './ImportCatalog';
import { ShopDatabaseSettings } from './shop/ShopDatabaseSettings';
import { MailSettings } from './mail/MailSettings';
import { ReceiptPrinterFields } from './printer/ReceiptPrinterFields';
import { VatChangeNotice } from './VatChangeNotice';
import { StaffSettings } from './staff/StaffSettings';
import { SettingsNav } from './settings/SettingsNav';
import { SettingsAnchor, SettingsHeading, SettingsSection } from './settings/SettingsSection';

/** The sections, in the order they are drawn: provider and keys first (what a new shop needs). */
const sectionIds = {
  provider: 'settings-provider',
  shop: 'settings-shop',
  till: 'settings-till',
  receipts: 'settings-receipts',
  catalog: 'settings-catalog',
  mail: 'settings-mail',
  shopDatabase: 'settings-shop-database',
  staff: 'settings-staff',
} as const;

/**
 * Settings in sections with a list of them beside, and the general Save in a footer that stays in
 * view however far the clerk scrolls (E-mail, Shop database and Staff keep their own buttons).
 */
export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = usePos((s) => s.settings);
  const scroller = useRef<HTMLElement>(null);
  const [footer, setFooter] = useState<HTMLDivElement | null>(null);
  const sections = useMemo(
    () => [
      { id: sectionIds.provider, title: t('settings.sections.provider') },
      { id: sectionIds.shop, title: t('settings.sections.shop') },
      { id: sectionIds.till, title: t('settings.sections.till') },
      { id: sectionIds.receipts, title: t('settings.sections.receipts') },
      { id: sectionIds.catalog, title: t('settings.catalog') },
      { id: sectionIds.mail, title: t('mail.heading') },
      { id: sectionIds.shopDatabase, title: t('shop.heading') },
      { id: sectionIds.staff, title: t('staff.heading') },
    ],
    [t],
  );
  if (!settings) return null;
  return (
    <main className="settings" id="main" ref={scroller}>
      <div className="settings__layout">
        <SettingsNav label={t('settings.sections.nav')} sections={sections} scroller={scroller} />
        <div className="settings__sections">
          <h1>{t('settings.title')}</h1>
          <VatChangeNotice />
          <GeneralSettingsForm initial={settings} footer={footer} />
          <SettingsSection id={sectionIds.catalog} title={t('settings.catalog')}>
            <ImportCatalog />
          </SettingsSection>
          <SettingsAnchor id={sectionIds.mail}>
            <MailSettings initial={settings} />
          </SettingsAnchor>
          <SettingsAnchor id={sectionIds.shopDatabase}>
            <ShopDatabaseSettings />
          </SettingsAnchor>
          <SettingsAnchor id={sectionIds.staff}>
            <StaffSettings />
          </SettingsAnchor>
        </div>
      </div>
      {/* GeneralSettingsForm draws its Save here (a portal), outside the form's own box. */}
      <div className="settings__footer" ref={setFooter} />
    </main>
  );
}

type FieldErrors = Record<string, string>;

function GeneralSettingsForm({ initial, footer }: { initial: Settings; footer: HTMLElement | null }) {
  const { t } = useTranslation();
  const api = usePosApi();
  const receiveSettings = usePos((s) => s.receiveSettings);
  const notify = usePos((s) => s.notify);
  const loadSettings = usePos((s) => s.loadSettings);
  const [draft, setDraft] = useState<Settings>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [keys, setKeys] = useState<KeyDraft>(emptyKeys);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const receiveCredentialStatus = usePos((s) => s.receiveCredentialStatus);

  const setField = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setShop = <K extends keyof Settings['shop']>(key: K, value: Settings['shop'][K]) =>
    setDraft((d) => ({ ...d, shop: { ...d.shop, [key]: value } }));

  // One Save for the whole form. Keys are checked before anything is written, so a bad key
  // never leaves the settings saved half-way.
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (testing) return notify('info', t('settings.testRunning'));
    if (saving) return;
    setSaving(true);
    try {
      await saveDraft();
    } finally {
      setSaving(false);
    }
  };

  const saveDraft = async () => {
    const keyCheck = keysInput(draft, keys);
    if (keyCheck.kind === 'invalid') {
      setErrors(keyCheck.fieldErrors);
      return notify('error', t('settings.notSaved'));
    }
    // The e-mail server has its own Save (MailSettings): left out here, so this form never puts back
    // the SMTP settings it was opened with over ones saved since (fields left out keep their stored values).
    const { smtp: _savedByMailSettings, ...formSettings } = draft;
    const result = await api.settings.save({ settings: formSettings });
    if (!result.ok) return notify('error', errorText(result.error));
    if (!result.value.saved) {
      const { fieldErrors, fieldMessages = {} } = result.value;
      setErrors(
        Object.fromEntries(Object.entries(fieldErrors).map(([field, english]) => [field, messageText(fieldMessages[field], english)])),
      );
      return notify('error', t('settings.notSaved'));
    }
    if (keyCheck.kind === 'set') {
      const stored = await api.credentials.set(keyCheck.input);
      if (!stored.ok) {
        setErrors({ apiKey: errorText(stored.error) });
        return notify('error', errorText(stored.error));
      }
      receiveCredentialStatus(stored.value);
      setKeys(emptyKeys);
    }
    setErrors({});
    receiveSettings(result.value.settings);
    await loadSettings();
    // Not the hook's t: that one is fixed to the language this form was rendered in, and the
    // save may just have changed the language.
    notify('success', translate('settings.saved'));
  };

  const field = (name: string, label: string, input: React.ReactNode) => (
    <Field id={`f-${name}`} label={label} error={errors[name]} errorId={`e-${name}`}>
      {input}
    </Field>
  );
  const text = (name: string, value: string, onChange: (v: string) => void, type = 'text') => (
    <input
      id={`f-${name}`}
      className="input"
      type={type}
      value={value}
      aria-invalid={errors[name] ? true : undefined}
      aria-describedby={errors[name] ? `e-${name}` : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  return (
    <form id="settings-form" className="card form settings__form" onSubmit={(e) => void save(e)} aria-label={t('settings.title')}>
      <SettingsHeading id={sectionIds.provider} title={t('settings.sections.provider')} />
      <ProviderFields
        draft={draft}
        setDraft={setDraft}
        keys={keys}
        setKeys={setKeys}
        errors={errors}
        saving={saving}
        onTesting={setTesting}
      />
      {field(
        'shopTermsUrl',
        t('settings.shopTermsUrl'),
        text('shopTermsUrl', draft.shopTermsUrl, (v) => setField('shopTermsUrl', v), 'url'),
      )}
      {field(
        'returnUrl',
        t('settings.returnUrl'),
        text('returnUrl', draft.returnUrl, (v) => setField('returnUrl', v), 'url'),
      )}
      {field(
        'currency',
        t('settings.currency'),
        <select
          id="f-currency"
          className="input"
          value={draft.currency}
          onChange={(e) => setField('currency', e.target.value as Settings['currency'])}
        >
          {currencies.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>,
      )}
      {field(
        'linkValidityMinutes',
        t('settings.linkValidity'),
        <input
          id="f-linkValidityMinutes"
          className="input"
          type="number"
          min={1}
          max={1440}
          value={draft.linkValidityMinutes}
          onChange={(e) => setField('linkValidityMinutes', Number(e.target.value))}
        />,
      )}
      {providerSettingsFields('general').map((placed) => (
        <ProviderSettingField key={placed.name} placed={placed} draft={draft} setDraft={setDraft} error={errors[placed.name]} />
      ))}
      <label className="check">
        <input type="checkbox" checked={draft.otherTenders} onChange={(e) => setField('otherTenders', e.target.checked)} />{' '}
        {t('settings.otherTenders')}
      </label>
      <SettingsHeading id={sectionIds.shop} title={t('settings.sections.shop')} />
      {field(
        'shop.name',
        t('settings.shopName'),
        text('shop.name', draft.shop.name, (v) => setShop('name', v)),
      )}
      {field(
        'shop.organisationNumber',
        t('settings.organisationNumber'),
        text('shop.organisationNumber', draft.shop.organisationNumber, (v) => setShop('organisationNumber', v)),
      )}
      {field(
        'shop.vatNumber',
        t('settings.vatNumber'),
        text('shop.vatNumber', draft.shop.vatNumber, (v) => setShop('vatNumber', v)),
      )}
      {field(
        'shop.address',
        t('settings.address'),
        text('shop.address', draft.shop.address, (v) => setShop('address', v)),
      )}
      {field(
        'shop.phone',
        t('settings.phone'),
        text('shop.phone', draft.shop.phone, (v) => setShop('phone', v)),
      )}
      {field(
        'shop.thankYouText',
        t('settings.thankYou'),
        text('shop.thankYouText', draft.shop.thankYouText, (v) => setShop('thankYouText', v)),
      )}
      <SettingsHeading id={sectionIds.till} title={t('settings.sections.till')} />
      {field(
        'tillName',
        t('settings.tillName'),
        text('tillName', draft.tillName, (v) => setField('tillName', v)),
      )}
      <SwedishTillFields draft={draft} setDraft={setDraft} errors={errors} />
      {field(
        'clerkName',
        t('settings.clerkName'),
        text('clerkName', draft.clerkName, (v) => setField('clerkName', v)),
      )}
      {field(
        'uiLanguage',
        t('settings.language'),
        <select
          id="f-uiLanguage"
          className="input"
          value={draft.uiLanguage}
          onChange={(e) => setField('uiLanguage', e.target.value as Settings['uiLanguage'])}
        >
          {uiLanguages.map((l) => (
            <option key={l} value={l}>
              {languageNames[l]}
            </option>
          ))}
        </select>,
      )}
      <label className="check">
        <input type="checkbox" checked={draft.customerDisplay} onChange={(e) => setField('customerDisplay', e.target.checked)} />{' '}
        {t('settings.customerDisplay')}
      </label>
      <SettingsHeading id={sectionIds.receipts} title={t('settings.sections.receipts')} />
      <ReceiptPrinterFields draft={draft} setDraft={setDraft} errors={errors} />
      <label className="check">
        <input type="checkbox" checked={draft.autoPrintReceipt} onChange={(e) => setField('autoPrintReceipt', e.target.checked)} />{' '}
        {t('settings.autoPrint')}
      </label>
      {footer &&
        createPortal(
          <>
            <p className="hint">{t('settings.sections.saveHint')}</p>
            <button
              type="submit"
              form="settings-form"
              className="button button--primary button--large"
              disabled={saving || testing}
              aria-busy={saving}
            >
              {t('settings.save')}
            </button>
          </>,
          footer,
        )}
    </form>
  );
}

const languageNames: Record<(typeof uiLanguages)[number], string> = {
  sv: 'Svenska',
  en: 'English',
  nb: 'Norsk bokmål',
  da: 'Dansk',
  fi: 'Suomi',
  is: 'Íslenska',
};
