import { join } from 'node:path';
import { z } from 'zod';
import { reportSchema, type Report } from '../../../shared/domain/report';
import { readTextIfExists, writeFileAtomic } from '../catalog/atomic-file';
import { LocalizedError, msg } from '../../../shared/messages';

/**
 * Z reports live in their own file, not in the sales journal: the sale machine's replay reports
 * any record type it does not know as a problem (an alarm for the clerk at every start), so a
 * `z-report` journal record would cry wolf. The file is replaced atomically (temp, fsync, rename,
 * fsync dir), so a crash leaves the old list or the new one. A damaged file is never overwritten:
 * taking Z number 1 again over it would give two days the same number.
 */
export const Z_REPORTS_FILE = 'z-reports.json';

const fileSchema = z.object({ version: z.literal(1), reports: z.array(reportSchema) });

export class ZStoreError extends LocalizedError {
  override readonly name = 'ZStoreError';
}

export interface ZStore {
  list(): Promise<Report[]>;
  append(report: Report): Promise<void>;
  /**
   * This till's own Z reports as the shop database holds them: those after the last one here are
   * added, in order, while each starts where the one before it ended (a lost z-reports.json is
   * rebuilt, so the next Z continues the numbers and the period). Returns how many were added.
   */
  adopt(fromDatabase: readonly Report[]): Promise<number>;
}

export function createZStore(dataDir: string, write: (file: string, text: string) => Promise<void> = writeFileAtomic): ZStore {
  const file = join(dataDir, Z_REPORTS_FILE);
  let cache: Report[] | null = null;

  async function list(): Promise<Report[]> {
    if (cache) return cache;
    const text = await readTextIfExists(file);
    if (text === null) return (cache = []);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ZStoreError(msg('zFileDamaged', { file: Z_REPORTS_FILE }));
    }
    const checked = fileSchema.safeParse(parsed);
    if (!checked.success) {
      throw new ZStoreError(msg('zFileDamaged', { file: Z_REPORTS_FILE }));
    }
    return (cache = checked.data.reports);
  }

  return {
    list,
    async append(report) {
      const reports = [...(await list()), report];
      await write(file, `${JSON.stringify({ version: 1, reports }, null, 1)}\n`);
      cache = reports;
    },

    async adopt(fromDatabase) {
      const reports = [...(await list())];
      const sorted = [...fromDatabase].filter((r) => r.kind === 'z' && r.number !== null).sort((a, b) => a.number! - b.number!);
      let added = 0;
      for (const report of sorted) {
        const last = reports.at(-1);
        if (report.number! !== (last?.number ?? 0) + 1 || report.period.fromSeq !== (last?.period.toSeq ?? 0)) continue;
        reports.push(report);
        added += 1;
      }
      if (added === 0) return 0;
      await write(file, `${JSON.stringify({ version: 1, reports }, null, 1)}\n`);
      cache = reports;
      return added;
    },
  };
}
