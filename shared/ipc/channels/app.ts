import { z } from 'zod';
import { channel, event } from '../define';
import { providerIdSchema } from '../../domain/sale';
import { alarmSchema, localizedTextSchema } from '../../messages';

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
  /** Problems the clerk must see that still stand (a corrupt journal record, a store reset, receipts waiting for the control unit). */
  alarms: z.array(alarmSchema),
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
    payload: alarmSchema,
  }),
  'app:alarmCleared': event({
    summary: 'The condition behind the alarms of a topic is over (the control unit answers again): they go, and the notice says so.',
    payload: z.object({ topic: z.string().min(1).max(60), notice: localizedTextSchema }),
  }),
} as const;
