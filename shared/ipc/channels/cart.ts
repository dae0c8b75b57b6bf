import { z } from 'zod';
import { channel } from '../define';
import { cartEventSchema, cartIdSchema, parkedCartSchema } from '../../domain/cart-events';
import { cartSchema } from '../../domain/schemas';

/**
 * The cart being built survives a reload, a restart and a crash: the clerk's window sends what
 * changes as cart events, which main appends to the cart-event journal (fsynced), and reads the
 * replay back at start. The renderer never waits on a write: it sends in the background.
 */
export const cartChannels = {
  'cart:record': channel({
    summary:
      "The clerk's window sends the cart events since its last call, numbered from `from` in its own stream (`writer`); main journals them in order, once each.",
    input: z.object({
      writer: z.string().min(1).max(64),
      from: z.number().int().min(0),
      events: z.array(cartEventSchema).min(1).max(1000),
    }),
    output: z.null(),
  }),
  'cart:restore': channel({
    summary: 'The cart being built (null when none) and the parked carts, as the cart-event journal holds them.',
    input: z.void(),
    output: z.object({
      open: z.object({ cartId: cartIdSchema, cart: cartSchema }).nullable(),
      parked: z.array(parkedCartSchema),
    }),
  }),
} as const;
