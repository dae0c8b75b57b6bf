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
          <TextField
            name="sweden.tillDesignation"
            label={t('settings.sweden.tillDesignation')}
            error={errors['sweden.tillDesignation']}
            value={sweden.tillDesignation}
            onChange={(tillDesignation) => set({ tillDesignation })}
            maxLength={40}
          />
          <TextField
            name="sweden.floatMinor"
            label={t('settings.sweden.float')}
            error={floatValid ? undefined : t('settings.sweden.floatInvalid')}
            value={floatText}
            onChange={changeFloat}
            inputMode="decimal"
          />
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
            <TextField
              name="sweden.controlUnit.efstaUrl"
              label={t('settings.sweden.efstaUrl')}
              error={errors['sweden.controlUnit.efstaUrl']}
              value={sweden.controlUnit.efstaUrl}
              onChange={(efstaUrl) => setUnit({ efstaUrl })}
              type="url"
            />
          )}
        </>
      )}
    </fieldset>
  );
}

/**
 * One text field of the block, named by its settings path: the control is `f-<name>`, its error
 * `e-<name>`, and the control says it is invalid and points at the error while there is one.
 */
function TextField({
  name,
  label,
  error,
  value,
  onChange,
  ...input
}: {
  name: string;
  label: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'url';
  inputMode?: 'decimal';
  maxLength?: number;
}) {
  return (
    <Field id={`f-${name}`} label={label} error={error} errorId={`e-${name}`}>
      <input
        id={`f-${name}`}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...input}
        {...(error ? { 'aria-invalid': true as const, 'aria-describedby': `e-${name}` } : {})}
      />
    </Field>
  );
}
