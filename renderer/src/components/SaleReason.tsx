import type { SaleView } from '../../../shared/domain/sale';
import { messageText, providerCode } from '../i18n';

/** Why a sale failed or needs a person, in the clerk's language; the provider's own code only on hover. */
export function SaleReason({ sale }: { sale: Pick<SaleView, 'reason' | 'reasonMessage'> }) {
  if (!sale.reason) return null;
  return (
    <p className="checkout__reason" title={providerCode(sale.reasonMessage)}>
      {messageText(sale.reasonMessage, sale.reason)}
    </p>
  );
}
