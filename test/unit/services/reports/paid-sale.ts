import type { CartTotals } from '../../../../shared/domain/schemas';

/**
 * Journals a sale charged in SEK and paid by its link, as the checkout writes it (`sale-created`,
 * `link-created`, `status-observed` paid): the report tests' fixture of a real paid sale.
 */
export async function journalPaidSale(
  add: (type: string, data: unknown) => Promise<unknown>,
  sale: { number: number; totals: CartTotals; demo?: boolean },
): Promise<void> {
  const { number, totals } = sale;
  await add('sale-created', {
    number,
    orderReference: `LP-T-261201-${number}`,
    provider: 'ecster',
    demo: sale.demo ?? false,
    currency: 'SEK',
    amountMinor: totals.totalMinor,
    totals,
  });
  const link = { reference: `REF${number}`, url: `https://pay.example/${number}`, validTo: null };
  await add('link-created', { link, adopted: false });
  await add('status-observed', {
    reference: link.reference,
    status: 'paid',
    providerStatus: 'PAID',
    amountMinor: totals.totalMinor,
    currency: 'SEK',
  });
}
