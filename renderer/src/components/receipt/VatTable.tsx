import { useTranslation } from 'react-i18next';
import type { VatBreakdown } from '../../../../shared/domain/schemas';
import type { UiLanguage } from '../../../../shared/domain/settings';

/** VAT per rate (rate, net, VAT, gross), as receipts and X/Z reports print it. */
export function VatTable({
  rows,
  rate,
  money,
  language,
}: {
  rows: readonly VatBreakdown[];
  rate: (vatRate: number) => string;
  money: (minor: number) => string;
  /** The slip's language when it is not the clerk's (a Swedish receipt: Swedish or English). */
  language?: UiLanguage;
}) {
  const { t } = useTranslation(undefined, language ? { lng: language } : {});
  return (
    <table className="receipt__vat">
      <thead>
        <tr>
          <th scope="col">{t('receipt.vatRate')}</th>
          <th scope="col">{t('receipt.net')}</th>
          <th scope="col">{t('receipt.vat')}</th>
          <th scope="col">{t('receipt.gross')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.vatRate}>
            <td>{rate(row.vatRate)}</td>
            <td>{money(row.netMinor)}</td>
            <td>{money(row.vatMinor)}</td>
            <td>{money(row.grossMinor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
