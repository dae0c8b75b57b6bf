import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { catalogChannels, catalogEvents } from './channels/catalog';
import { saleChannels, saleEvents } from './channels/sale';
import { settingsChannels } from './channels/settings';
import { historyChannels } from './channels/history';
import { displayChannels, displayEvents } from './channels/display';
import { shopChannels, shopEvents } from './channels/shop';
import { printerChannels, printerEvents } from './channels/printer';
import { mailChannels } from './channels/mail';
import { cartChannels } from './channels/cart';
import { staffChannels } from './channels/staff';
import type { IpcResult } from './result';

/**
 * The one table of everything that crosses the process boundary. Channel names are `area:verb`.
 * Main validates every input against `input` (after checking the sender) and every answer against
 * `output`; the preload exposes exactly one function per entry; the web host serves the same table.
 */
export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...catalogChannels,
  ...saleChannels,
  ...historyChannels,
  ...displayChannels,
  ...shopChannels,
  ...printerChannels,
  ...mailChannels,
  ...cartChannels,
  ...staffChannels,
} as const;

export const events = {
  ...appEvents,
  ...catalogEvents,
  ...saleEvents,
  ...displayEvents,
  ...shopEvents,
  ...printerEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

// ---- The renderer's view of the contract -------------------------------------------------------

type AreaOf<K extends string> = K extends `${infer A}:${string}` ? A : never;
type VerbOf<K extends string, A extends string> = K extends `${A}:${infer V}` ? V : never;

type ChannelFn<K extends ChannelName> =
  ChannelInput<K> extends void
    ? () => Promise<IpcResult<ChannelOutput<K>>>
    : (input: ChannelInput<K>) => Promise<IpcResult<ChannelOutput<K>>>;

/** `sale:charge` becomes `'sale:charge'` in the flat form and `sale.charge` in the nested API. */
export type PosChannels = {
  [A in AreaOf<ChannelName>]: { [V in VerbOf<ChannelName, A>]: ChannelFn<`${A}:${V}` & ChannelName> };
};

export type Unsubscribe = () => void;

/** Event names become `onSaleChanged`-style subscriptions. */
type EventKey<K extends string> = K extends `${infer A}:${infer V}` ? `on${Capitalize<A>}${Capitalize<V>}` : never;
export type PosEvents = {
  [K in EventName as EventKey<K>]: (listener: (payload: EventPayload<K>) => void) => Unsubscribe;
};

/**
 * What the renderer is given: `window.pos` in the desktop app (from the preload), an HTTP client in
 * the web host. Components receive it injected, never by reaching for a global.
 */
export type PosApi = PosChannels & { events: PosEvents };

export function eventKey<K extends EventName>(name: K): EventKey<K> {
  const [area, verb] = name.split(':') as [string, string];
  return `on${area[0]!.toUpperCase()}${area.slice(1)}${verb[0]!.toUpperCase()}${verb.slice(1)}` as EventKey<K>;
}

export function splitChannelName(name: ChannelName): { area: string; verb: string } {
  const [area, verb] = name.split(':') as [string, string];
  return { area, verb };
}
