import { z } from 'zod';

/**
 * The cash drawer was opened: for a cash sale (`saleId` is that sale's), or without a sale by a
 * member of staff (`saleId` is NO_SALE_ID). Journaled before the kick is queued, so a drawer is
 * kicked at most once for a record, and X/Z reports and the SKVFS journal-memory export (ch. 15,
 * "öppna kassalåda vid nollförsäljning") count what the journal says. It changes no sale: the sale
 * machine passes it over, as it passes over seals and e-mailed receipts.
 */
export const DRAWER_OPENED_RECORD_TYPE = 'drawer-opened';
export const NO_SALE_ID = 'no-sale';

export const drawerOpenedDataSchema = z.object({
  reason: z.enum(['cash-sale', 'no-sale']),
  /** Who opened it without a sale (absent on a till without staff, and for a cash sale). */
  by: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type DrawerOpenedData = z.infer<typeof drawerOpenedDataSchema>;

/** The no-sale drawer openings among records (a Z report's period, an export's). */
export function isNoSaleOpening(record: { type: string; data: unknown }): boolean {
  if (record.type !== DRAWER_OPENED_RECORD_TYPE) return false;
  const parsed = drawerOpenedDataSchema.safeParse(record.data);
  return parsed.success && parsed.data.reason === 'no-sale';
}
