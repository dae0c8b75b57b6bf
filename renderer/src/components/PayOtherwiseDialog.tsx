import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../../shared/domain/format';
import { cashChange, TERMINAL_REFERENCE_MAX, type TenderInput } from '../../../shared/domain/tender';
import { usePos } from './context';
import { Dialog } from './Dialog';
import { FormFooter } from './FormFooter';
import { useFormatMoney } from './Money';

/**
 * "Take payment another way": cash (the amount given, the change shown as it is typed) or an
 * external card terminal (its reference). Main checks it all again; this only helps the clerk.
 */
export function PayOtherwiseDialog() {
  const { t } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  const sale = usePos((s) => s.sale);
  const payOtherwise = usePos((s) => s.payOtherwise);
  const money = useFormatMoney();
  const [kind, setKind] = useState<TenderInput['kind']>('cash');
  const [given, setGiven] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState('');
  if (!sale) return null;

  const choose = (next: TenderInput['kind']) => {
    setKind(next);
    setError('');
  };

  const parsed = given.trim() === '' ? null : parseMoneyInput(given, sale.currency);
  const change = parsed?.ok ? cashChange(sale.amountMinor, parsed.minor) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let tender: TenderInput;
    if (kind === 'cash') {
      if (!parsed?.ok || parsed.minor <= 0) return setError(t('tender.invalidAmount'));
      if (change === null) return setError(t('tender.short'));
      tender = { kind: 'cash', givenMinor: parsed.minor };
    } else {
      if (reference.trim() === '') return setError(t('tender.referenceMissing'));
      tender = { kind: 'terminal', reference: reference.trim() };
    }
    if (await payOtherwise(tender)) close();
  };

  return (
    <Dialog title={t('tender.open')} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="form" noValidate>
        <p className="hint">{t('tender.hint')}</p>
        <p className="tender__due">{t('tender.toPay', { amount: money(sale.amountMinor, sale.currency) })}</p>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('tender.means')}</legend>
          <label>
            <input type="radio" name="tender" checked={kind === 'cash'} onChange={() => choose('cash')} /> {t('tender.cash')}
          </label>
          <label>
            <input type="radio" name="tender" checked={kind === 'terminal'} onChange={() => choose('terminal')} /> {t('tender.terminal')}
          </label>
        </fieldset>
        {kind === 'cash' ? (
          <>
            <label>
              {t('tender.amountGiven')}
              <input
                className="input"
                inputMode="decimal"
                autoComplete="off"
                value={given}
                onChange={(e) => {
                  setGiven(e.target.value);
                  setError('');
                }}
                autoFocus
              />
            </label>
            <p className="tender__change" aria-live="polite" data-testid="tender-change">
              {change !== null ? t('tender.change', { amount: money(change, sale.currency) }) : '\u00a0'}
            </p>
          </>
        ) : (
          <label>
            {t('tender.terminalReference')}
            <input
              className="input"
              autoComplete="off"
              maxLength={TERMINAL_REFERENCE_MAX}
              value={reference}
              onChange={(e) => {
                setReference(e.target.value);
                setError('');
              }}
              autoFocus
            />
          </label>
        )}
        <FormFooter error={error} submit={t('tender.record')} />
      </form>
    </Dialog>
  );
}
