import { z } from 'zod';

/** A member of staff as a report record names them (who printed, who signed in): id and name. */
export const recordActorSchema = z.object({ id: z.string().max(60), name: z.string().max(60) });
