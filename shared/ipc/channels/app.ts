import { z } from 'zod';
import { channel, event } from '../define';
import { providerIdSchema } from '../../domain/sale';
import { localizedTextSchema } from '../../messages';

export const appInfoSchema = z.object({
  version: z.string(),
  /** `desktop` inside Electron, `web` behind the loopback web host. */
  host: z.enum(['desktop', 'web']),
  /** No credentials configured: every sale goes to the built-in sandbox. */
  demo: z.boolean(),
  provider: providerIdSchema,
  /** What the active provider can do, so the UI offers only what works. */
  capabilities: z.object({
    canUpdate: z.boolean(),
    canSendLink: z.boolean(),
    reportsOpened: z.boolean(),
    searchFilters: z.boolean(),
  }),
  shopName: z.string(),
  /** Problems found at start-up that the clerk must see (a corrupt journal record, a store reset). */
  alarms: z.array(localizedTextSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app:info': channel({
    summary: 'Version, host kind, demo mode and start-up alarms.',
    input: z.void(),
    output: appInfoSchema,
  }),
} as const;

export const appEvents = {
  'app:alarm': event({
    summary: 'Something the clerk must see now (a journal alarm, a storage failure).',
    payload: localizedTextSchema,
  }),
} as const;
