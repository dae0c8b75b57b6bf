import { z } from 'zod';
import { controlUnitKindSchema, controlUnitRequestSchema } from '../../../shared/domain/fiscal';

/**
 * The control unit's journal records, under the sale's id. Neither changes a sale: the sale replay
 * passes over them, as it passes over seals and e-mailed receipts.
 * - `control-unit-request`: a receipt handed to the control unit, journaled before it is sent, with
 *   everything it is signed over and the kind of unit that signs it.
 * - `control-unit-signed`: the unit's answer, journaled before anyone prints it.
 * - `receipt-handed-over`: a Swedish receipt's original handed over (printed, queued for the
 *   printer, saved as PDF), journaled before it is; `handedOver: false` takes the mark back when
 *   handing it over failed. An original is handed over once; after that only its one copy.
 * A receipt has one request and at most one answer: the key (series, number, original or copy) is
 * the receipt's identity, so it is never signed twice and a second copy is refused.
 */
export const CONTROL_UNIT_REQUEST_TYPE = 'control-unit-request';
export const CONTROL_UNIT_SIGNED_TYPE = 'control-unit-signed';
export const RECEIPT_HANDED_OVER_TYPE = 'receipt-handed-over';
export const controlUnitRecordTypes: ReadonlySet<string> = new Set([
  CONTROL_UNIT_REQUEST_TYPE,
  CONTROL_UNIT_SIGNED_TYPE,
  RECEIPT_HANDED_OVER_TYPE,
]);

export const controlUnitRequestDataSchema = z.object({
  v: z.literal(1),
  unit: controlUnitKindSchema,
  request: controlUnitRequestSchema,
});
export type ControlUnitRequestData = z.infer<typeof controlUnitRequestDataSchema>;

export const controlUnitSignedDataSchema = z.object({
  v: z.literal(1),
  key: z.string().min(1).max(80),
  serial: z.string().min(1).max(64),
  code: z.string().min(1).max(200),
  training: z.boolean(),
});
export type ControlUnitSignedData = z.infer<typeof controlUnitSignedDataSchema>;

export const receiptHandedOverDataSchema = z.object({
  v: z.literal(1),
  key: z.string().min(1).max(80),
  handedOver: z.boolean(),
});
export type ReceiptHandedOverData = z.infer<typeof receiptHandedOverDataSchema>;
