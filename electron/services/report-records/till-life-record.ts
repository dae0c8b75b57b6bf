import { z } from 'zod';
import { recordActorSchema } from './actor';

/**
 * The till's own life in the sales journal (SKVFS 2021:16: `StartAvKassaregister`,
 * `OmstartAvKassaregister`, `StoppAvKassaregister`, `StallaOmKlockan`, `StallaOmTillOvningslage`,
 * `StallaOmTillNormallage`). Journaled (fsynced) by startup/till-life.ts on every till: cheap, and
 * nothing a clerk sees, prints or counts changes. They change no sale: the sale machine passes them
 * over. Their `saleId` is TILL_LIFE_SALE_ID.
 *
 * - `till-started` `{ restart, version }`: the services started; `restart` when the run before
 *   ended without `till-stopped` (a crash, a power cut, a kill): an Omstart.
 * - `till-stopped` `{}`: an orderly quit, journaled last (after the quit's sign-outs).
 * - `till-mode-changed` `{ training, by? }`: the till went into training mode (demo mode) or back.
 * - `clock-changed` `{ lastRecordAt }`: at start, the system clock was earlier than the last
 *   record's time (set back while the till was off); the record's own `at` is the new time.
 */
export const TILL_STARTED_RECORD_TYPE = 'till-started';
export const TILL_STOPPED_RECORD_TYPE = 'till-stopped';
export const TILL_MODE_CHANGED_RECORD_TYPE = 'till-mode-changed';
export const CLOCK_CHANGED_RECORD_TYPE = 'clock-changed';
export const TILL_LIFE_SALE_ID = 'till';

export const tillStartedDataSchema = z.object({ restart: z.boolean(), version: z.string().max(60).optional() });
export const tillStoppedDataSchema = z.object({});
export const tillModeChangedDataSchema = z.object({ training: z.boolean(), by: recordActorSchema.optional() });
export const clockChangedDataSchema = z.object({ lastRecordAt: z.string() });

export type TillLifeEvent =
  | ({ kind: 'started' } & z.infer<typeof tillStartedDataSchema>)
  | { kind: 'stopped' }
  | ({ kind: 'mode-changed' } & z.infer<typeof tillModeChangedDataSchema>)
  | ({ kind: 'clock-changed' } & z.infer<typeof clockChangedDataSchema>);

const typeOf = {
  started: TILL_STARTED_RECORD_TYPE,
  stopped: TILL_STOPPED_RECORD_TYPE,
  'mode-changed': TILL_MODE_CHANGED_RECORD_TYPE,
  'clock-changed': CLOCK_CHANGED_RECORD_TYPE,
} as const;

export const tillLifeRecordTypes: ReadonlySet<string> = new Set(Object.values(typeOf));

/** The journal record of a till event at `at`. */
export function tillLifeRecord(event: TillLifeEvent, at: string) {
  const { kind, ...data } = event;
  return { type: typeOf[kind], saleId: TILL_LIFE_SALE_ID, at, data };
}

/** The record's till event, else null (another record, or one that cannot be read). */
export function tillLifeOf(record: { type: string; data: unknown }): TillLifeEvent | null {
  switch (record.type) {
    case TILL_STARTED_RECORD_TYPE: {
      const parsed = tillStartedDataSchema.safeParse(record.data);
      return parsed.success ? { kind: 'started', ...parsed.data } : null;
    }
    case TILL_STOPPED_RECORD_TYPE:
      return tillStoppedDataSchema.safeParse(record.data).success ? { kind: 'stopped' } : null;
    case TILL_MODE_CHANGED_RECORD_TYPE: {
      const parsed = tillModeChangedDataSchema.safeParse(record.data);
      return parsed.success ? { kind: 'mode-changed', ...parsed.data } : null;
    }
    case CLOCK_CHANGED_RECORD_TYPE: {
      const parsed = clockChangedDataSchema.safeParse(record.data);
      return parsed.success ? { kind: 'clock-changed', ...parsed.data } : null;
    }
    default:
      return null;
  }
}
