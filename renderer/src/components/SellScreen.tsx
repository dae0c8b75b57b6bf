import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../shared/domain/sale';
import { CartPanel } from './CartPanel';
import { CheckoutPanel } from './CheckoutPanel';
import { usePos } from './context';
import { ProductPanel } from './ProductPanel';
import { SaleStatus } from './SaleStatus';

export function SellScreen() {
  const sale = usePos((s) => s.sale);
  const editingLive = usePos((s) => s.editingLive);
  return (
    <main className="sell" id="main">
      <CartPanel />
      {sale && !editingLive ? (
        <CheckoutPanel sale={sale} />
      ) : (
        // Changing the cart of a live sale: quick keys and search stay, as a forgotten coffee has no barcode.
        <div className="sell__side">
          {sale && <EditingBanner sale={sale} />}
          <ProductPanel />
        </div>
      )}
    </main>
  );
}

/** While the cart of a live sale changes: the sale's status stays in sight (the customer may still pay). */
function EditingBanner({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  return (
    <div className="sell__editing">
      <SaleStatus state={sale.state} connectionLost={sale.connectionLost} />
      <p className="sell__editing-hint" role="note">
        {t('sale.editingHint')}
      </p>
    </div>
  );
}
