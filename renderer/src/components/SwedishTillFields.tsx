import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinorPlain, parseMoneyInput } from '../../../shared/domain/format';
import { controlUnitKinds, TILL_MODEL_DESIGNATION, type ControlUnitKind } from '../../../shared/domain/fiscal';
import type { Settings } from '../../../shared/domain/settings';
import { Field } from './Field';

/**
 * A Swedish till (SKVFS 2014:9): switched on here, with the till designation registered with
 * Skatteverket and the control unit that signs every receipt. The organisation number and the
 * address of the sale are the shop's fields above, checked when this is on.
 */
export function SwedishTillFields({
  draft,
  setDraft,
  errors,
}: {
  draft: Settings;
  setDraft: (update: (d: Settings) => Settings) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const sweden = draft.sweden;
  const set = (patch: Partial<Settings['sweden']>) => setDraft((d) => ({ ...d, sweden: { ...d.sweden, ...patch } }));
  const setUnit = (patch: Partial<Settings['sweden']['controlUnit']>) =>
    setDraft((d) => ({ ...d, sweden: { ...d.sweden, controlUnit: { ...d.sweden.controlUnit, ...patch } } }));
  // The float is typed as an amount; the setting keeps minor units and changes only when the text is one.
  const [floatText, setFloatText] = useState(() => formatMinorPlain(sweden.floatMinor, draft.currency));
  const floatValid = parseMoneyInput(floatText, draft.currency).ok;
  const changeFloat = (text: string) => {
    setFloatText(text);
    const parsed = parseMoneyInput(text, draft.currency);
    if (parsed.ok) set({ floatMinor: parsed.minor });
  };
  const described = (name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `e-${name}` } : {});
  return (
    <fieldset className="fieldset" aria-labelledby="sweden-heading">
      <h3 id="sweden-heading">{t('settings.sweden.heading')}</h3>
      <label className="check">
        <input type="checkbox" checked={sweden.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
        {t('settings.sweden.enabled')}
      </label>
      {sweden.enabled && (
        <>
          <p className="hint">{t('settings.sweden.hint')}</p>
          <p className="hint">{t('settings.sweden.model', { model: TILL_MODEL_DESIGNATION })}</p>
          <Field
            id="f-sweden.tillDesignation"
            label={t('settings.sweden.tillDesignation')}
            error={errors['sweden.tillDesignation']}
            errorId="e-sweden.tillDesignation"
          >
            <input
              id="f-sweden.tillDesignation"
              className="input"
              value={sweden.tillDesignation}
              maxLength={40}
              onChange={(e) => set({ tillDesignation: e.target.value })}
              {...described('sweden.tillDesignation')}
            />
          </Field>
          <Field
            id="f-sweden.floatMinor"
            label={t('settings.sweden.float')}
            error={floatValid ? undefined : t('settings.sweden.floatInvalid')}
            errorId="e-sweden.floatMinor"
          >
            <input
              id="f-sweden.floatMinor"
              className="input"
              inputMode="decimal"
              value={floatText}
              onChange={(e) => changeFloat(e.target.value)}
              {...(floatValid ? {} : { 'aria-invalid': true as const, 'aria-describedby': 'e-sweden.floatMinor' })}
            />
          </Field>
          <Field id="f-sweden.controlUnit.kind" label={t('settings.sweden.controlUnit')}>
            <select
              id="f-sweden.controlUnit.kind"
              className="input"
              value={sweden.controlUnit.kind}
              onChange={(e) => setUnit({ kind: e.target.value as ControlUnitKind })}
            >
              {controlUnitKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`settings.sweden.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
          {sweden.controlUnit.kind === 'efsta' && (
            <Field
              id="f-sweden.controlUnit.efstaUrl"
              label={t('settings.sweden.efstaUrl')}
              error={errors['sweden.controlUnit.efstaUrl']}
              errorId="e-sweden.controlUnit.efstaUrl"
            >
              <input
                id="f-sweden.controlUnit.efstaUrl"
                className="input"
                type="url"
                value={sweden.controlUnit.efstaUrl}
                onChange={(e) => setUnit({ efstaUrl: e.target.value })}
                {...described('sweden.controlUnit.efstaUrl')}
              />
            </Field>
          )}
        </>
      )}
    </fieldset>
  );
}
