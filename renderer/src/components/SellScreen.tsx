import { CartPanel } from './CartPanel';
import { CheckoutPanel } from './CheckoutPanel';
import { usePos } from './context';
import { ProductPanel } from './ProductPanel';

export function SellScreen() {
  const sale = usePos((s) => s.sale);
  return (
    <main className="sell" id="main">
      <CartPanel />
      {sale ? <CheckoutPanel sale={sale} /> : <ProductPanel />}
    </main>
  );
}
