import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addProduct, emptyCart, priceCart } from '../../../shared/domain/cart';
import { formatQuantity } from '../../../shared/domain/format';
import { MAX_WEIGHT_GRAMS, parseWeightInput, type WeightInputProblem } from '../../../shared/domain/weight';
import { intlLocale } from '../i18n';
import { limitText } from '../i18n/limits';
import { usePos } from './context';
import { Dialog } from './Dialog';
import { FormFooter } from './FormFooter';
import { useFormatMoney } from './Money';

const problemKey = {
  empty: 'weight.empty',
  'not-a-number': 'weight.notANumber',
  'too-many-decimals': 'weight.tooManyDecimals',
  zero: 'weight.zero',
  'too-heavy': 'weight.tooHeavy',
} as const satisfies Record<WeightInputProblem, string>;

/**
 * A weighed item (quick key, search or shelf code): the clerk types what the scale shows, in kg with
 * a comma or a point. A refused weight keeps what was typed and says why; the dialog stays open.
 */
export function WeightDialog({ barcode }: { barcode: string }) {
  const { t, i18n } = useTranslation();
  const close = usePos((s) => s.closeDialog);
  const product = usePos((s) => s.catalogIndex.byBarcode.get(barcode));
  const currency = usePos((s) => s.cart.currency);
  const addWeighed = usePos((s) => s.addWeighed);
  const formatMoney = useFormatMoney();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  if (!product) return null;

  const locale = intlLocale(i18n.language);
  const parsed = parseWeightInput(text);
  // Priced by the cart's own rules (half away from zero, whole krónur for ISK), shown before Add.
  const preview = parsed.ok
    ? priceCart(addProduct(emptyCart(currency), { ...product, weighed: true }, parsed.grams, { newId: () => 'preview' })).totalMinor
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) {
      return setError(t(problemKey[parsed.problem], { max: formatQuantity(MAX_WEIGHT_GRAMS, true, locale) }));
    }
    const hit = addWeighed(product, parsed.grams);
    if (hit) return setError(limitText(hit, currency));
    close();
  };

  return (
    <Dialog title={t('weight.title', { name: product.name })} onClose={close}>
      <form onSubmit={submit} className="form" noValidate>
        <p className="weight__price">{formatMoney(product.priceMinor, currency)}/kg</p>
        <label htmlFor="weight-input">{t('weight.field')}</label>
        <div className="weight__entry">
          <input
            id="weight-input"
            className="input weight__input"
            inputMode="decimal"
            autoComplete="off"
            maxLength={16}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'weight-error' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError('');
            }}
            autoFocus
          />
          <span className="weight__unit" aria-hidden="true">
            kg
          </span>
        </div>
        <p className="weight__line" aria-live="polite">
          {preview !== null ? t('weight.linePrice', { amount: formatMoney(preview, currency) }) : '\u00a0'}
        </p>
        <FormFooter error={error} errorId="weight-error" submit={t('weight.add')} />
      </form>
    </Dialog>
  );
}
