import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../../shared/domain/format';
import type { Discount } from '../../../shared/domain/schemas';
import { limitText } from '../i18n/limits';
import { usePos } from './context';
import { Dialog } from './Dialog';
import { FormFooter } from './FormFooter';
import { WeightDialog } from './WeightDialog';
import { ParkedSalesDialog } from './ParkedSalesDialog';
import { PayOtherwiseDialog } from './PayOtherwiseDialog';
import { PriceCheckDialog } from './PriceCheckDialog';

/** Whichever dialog the UI slice says is open. */
export function Dialogs() {
  const dialog = usePos((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'confirm-cancel':
      return <ConfirmCancelDialog />;
    case 'send-link':
      return <SendLinkDialog />;
    case 'line-discount':
    case 'cart-discount':
      return <DiscountDialog target={dialog.kind === 'line-discount' ? 'line' : 'cart'} />;
    case 'custom-item':
      return <CustomItemDialog code={dialog.code} />;
    case 'confirm-replace':
      return <ConfirmReplaceDialog />;
    case 'weight':
      return <WeightDialog barcode={dialog.code ?? ''} />;
    case 'parked':
      return <ParkedSalesDialog />;
    case 'pay-otherwise':
      return <PayOtherwiseDialog />;
    case 'price-check':
      return <PriceCheckDialog />;
  }
}

/** A question with a safe default (focused) and one action that goes ahead. */
function ConfirmDialog(props: { title: string; body: string; keep: string; proceed: string; danger?: boolean; onProceed: () => void }) {
  const close = usePos((s) => s.closeDialog);
  return (
    <Dialog title={props.title} onClose={close}>
      <p>{props.body}</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={close} autoFocus>
          {props.keep}
        </button>
        <button
          type="button"
          className={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
          onClick={() => {
            close();
            props.onProceed();
          }}
        >
          {props.proceed}
        </button>
      </div>
    </Dialog>
  );
}

function ConfirmCancelDialog() {
  const { t } = useTranslation();
  const cancelSale = usePos((s) => s.cancelSale);
  return (
    <ConfirmDialog
      title={t('sale.cancel')}
      body={t('sale.confirmCancel')}
      keep={t('sale.keepWaiting')}
      proceed={t('sale.yesCancel')}
      danger
      onProceed={() => void cancelSale()}
    />
  );
}

function ConfirmReplaceDialog() {
  const { t } = useTranslation();
  const submitEditLive = usePos((s) => s.submitEditLive);
  return (
    <ConfirmDialog
      title={t('sale.replaceTitle')}
      body={t('sale.replaceBody')}
      keep={t('sale.keepLink')}
      proceed={t('sale.replaceLink')}
      onProceed={() => void submitEditLive(true)}
    />
  );
}

function SendLinkDialog() {
  const { t } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  const sendLink = usePos((s) => s.sendLink);
  const [email, setEmail] = useState('');
  const [country, setCountry] = useState('+46');
  const [number, setNumber] = useState('');
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = number.replace(/[\s-]/g, '').replace(/^0/, '');
    const contact = email.trim()
      ? ({ kind: 'email', email: email.trim() } as const)
      : /^\d{4,15}$/.test(digits)
        ? ({ kind: 'cellular', country, number: digits } as const)
        : null;
    if (!contact) return setError(t('sendLink.invalid'));
    if (await sendLink(contact)) close();
  };

  return (
    <Dialog title={t('sendLink.title')} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label>
          {t('sendLink.email')}
          <input className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <div className="form__row">
          <label>
            {t('sendLink.countryCode')}
            <input className="input input--short" value={country} onChange={(e) => setCountry(e.target.value)} />
          </label>
          <label>
            {t('sendLink.phone')}
            <input className="input" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} />
          </label>
        </div>
        <FormFooter error={error} submit={t('sendLink.send')} />
      </form>
    </Dialog>
  );
}

function DiscountDialog({ target }: { target: 'line' | 'cart' }) {
  const { t } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  const currency = usePos((s) => s.cart.currency);
  const selectedLineId = usePos((s) => s.selectedLineId);
  const setLineDiscount = usePos((s) => s.setLineDiscount);
  const setCartDiscount = usePos((s) => s.setCartDiscount);
  const [kind, setKind] = useState<'amount' | 'percent'>('percent');
  const [value, setValue] = useState('');
  const [error, setError] = useState('');

  const apply = (discount: Discount | null) => {
    if (target === 'line' && selectedLineId) setLineDiscount(selectedLineId, discount);
    if (target === 'cart') setCartDiscount(discount);
    close();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'amount') {
      const parsed = parseMoneyInput(value, currency);
      if (!parsed.ok) return setError(t('discount.invalid'));
      return apply({ kind: 'amount', minor: parsed.minor });
    }
    const parsed = parseMoneyInput(value, 'SEK'); // a percentage with up to two decimals, as basis points
    if (!parsed.ok || parsed.minor > 10_000) return setError(t('discount.invalid'));
    return apply({ kind: 'percent', basisPoints: parsed.minor });
  };

  return (
    <Dialog title={target === 'line' ? t('cart.lineDiscount') : t('cart.cartDiscount')} onClose={close}>
      <form onSubmit={submit} className="form">
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('discount.title')}</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'percent'} onChange={() => setKind('percent')} /> {t('discount.percent')}
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'amount'} onChange={() => setKind('amount')} /> {t('discount.amount')}
          </label>
        </fieldset>
        <label>
          {kind === 'percent' ? t('discount.percent') : t('discount.amount')}
          <input className="input" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        </label>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => apply(null)}>
            {t('discount.remove')}
          </button>
          <button type="submit" className="button button--primary">
            {t('discount.apply')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Amount first: most custom items are "a price and go"; the name defaults to a translated "Item". */
function CustomItemDialog({ code }: { code?: string }) {
  const { t } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  const currency = usePos((s) => s.cart.currency);
  const addCustomItem = usePos((s) => s.addCustomItem);
  const [name, setName] = useState(code ? `${t('catalog.customItem')} ${code}` : '');
  const [price, setPrice] = useState('');
  const [vatRate, setVatRate] = useState(2500);
  const [error, setError] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (price.trim() === '') return setError(t('custom.priceMissing'));
    const parsed = parseMoneyInput(price, currency);
    if (!parsed.ok) return setError(t('custom.priceInvalid'));
    if (parsed.minor <= 0) return setError(t('custom.priceZero'));
    const hit = addCustomItem({ name: name.trim() || t('custom.defaultName'), priceMinor: parsed.minor, vatRate });
    if (hit) return setError(limitText(hit, currency));
    close();
  };

  return (
    <Dialog title={t('custom.title')} onClose={close}>
      <form onSubmit={submit} className="form" noValidate>
        <label>
          {t('custom.price')}
          <input
            className="input"
            inputMode="decimal"
            autoComplete="off"
            value={price}
            onChange={(e) => {
              setPrice(e.target.value);
              setError('');
            }}
            autoFocus
          />
        </label>
        <label>
          {t('custom.name')}
          <input
            className="input"
            value={name}
            placeholder={t('custom.defaultName')}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
          />
        </label>
        <label>
          {t('custom.vatRate')}
          <select className="input" value={vatRate} onChange={(e) => setVatRate(Number(e.target.value))}>
            {[2500, 1200, 600, 0].map((rate) => (
              <option key={rate} value={rate}>
                {rate / 100} %
              </option>
            ))}
          </select>
        </label>
        <FormFooter error={error} submit={t('custom.add')} />
      </form>
    </Dialog>
  );
}
