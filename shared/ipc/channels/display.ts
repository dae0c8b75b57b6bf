import { z } from 'zod';
import { channel, event } from '../define';
import { cartSchema, cartTotalsSchema } from '../../domain/schemas';

/**
 * The customer-facing display follows the cart the clerk is building. Only the cart on the till
 * crosses: no other sale's data, no staff controls.
 */
export const displayChannels = {
  'display:showCart': channel({
    summary: "The clerk's window publishes the cart being built (null when empty) for the customer display.",
    input: z.object({ cart: cartSchema.nullable() }),
    output: z.null(),
  }),
  'display:current': channel({
    summary: 'The cart the customer display should show now (for a display window that just opened).',
    input: z.void(),
    output: cartTotalsSchema.nullable(),
  }),
} as const;

export const displayEvents = {
  'display:cart': event({
    summary: 'The cart on the till changed; the customer display redraws it.',
    payload: z.object({ totals: cartTotalsSchema.nullable() }),
  }),
} as const;
