import { expect } from 'vitest';
import type { AppServices } from '../../electron/services/app';
import { createAppServices } from '../../electron/services/create-app-services';
import { createNodeCipher } from '../../electron/services/credentials/node-cipher';
import { Redactor, type Logger } from '../../electron/services/log';
import type { ReceiptOutput } from '../../electron/services/receipts/output';

export const silentLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A till's main-process services as the web host builds them (demo mode unless keys are set). */
export function openTestApp(
  dataDir: string,
  options: { env?: Record<string, string>; log?: Logger; receiptOutput?: ReceiptOutput } = {},
): Promise<AppServices> {
  return createAppServices({
    ...(options.receiptOutput ? { receiptOutput: options.receiptOutput } : {}),
    dataDir,
    host: 'web',
    version: 'test',
    cipher: createNodeCipher({ dataDir }),
    platform: process.platform,
    env: options.env ?? {},
    log: options.log ?? silentLog,
    redactor: new Redactor(),
  });
}

/** A channel's answer, or a thrown error naming the channel. */
export async function callApp<T>(app: AppServices, channel: string, input?: unknown): Promise<T> {
  const result = await app.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** A cart of one custom item at `priceMinor` (SEK, 25 % VAT), as the renderer sends it. */
export function oneItemCart(priceMinor: number, name = `Item ${priceMinor}`) {
  return {
    currency: 'SEK',
    discount: null,
    lines: [
      {
        id: `l-${priceMinor}`,
        barcode: '',
        name,
        unitPriceMinor: priceMinor,
        vatRate: 2500,
        quantityMilli: 1000,
        weighed: false,
        unit: 'st',
        partNumber: '',
        discount: null,
        custom: true,
      },
    ],
  };
}

/** Charges `cart` and lets the demo customer pay or the clerk cancel; resolves with the sale's id once it is paid or cancelled. */
export async function sellDemo(app: AppServices, cart: unknown, outcome: 'pay' | 'cancel' = 'pay'): Promise<string> {
  const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart });
  if (outcome === 'pay') await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
  else await callApp(app, 'sale:cancel', { id: sale.id });
  const settled = outcome === 'pay' ? 'paid' : 'cancelled';
  await expect.poll(async () => (await callApp<{ state: string }>(app, 'sale:get', { id: sale.id })).state).toBe(settled);
  return sale.id;
}
