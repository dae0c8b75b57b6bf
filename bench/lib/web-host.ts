import { readFile, writeFile } from 'node:fs/promises';
import { startWebHostProcess, type WebHostProcess } from '../../test/support/web-host';

export { repoRoot } from '../../test/support/web-host';

/** The web host as `npm run web` runs it (after the build); its pid lets a benchmark read its memory from /proc. */
export type BenchHost = WebHostProcess;

export const startHost = (dataDir: string): Promise<BenchHost> => startWebHostProcess({ dataDir, readyTimeoutMs: 60_000 });

/** A memory line of /proc/<pid>/status in MB; null where /proc is not there. */
async function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** Peak resident memory (VmHWM) of a process in MB. */
export const peakRssMb = (pid: number): Promise<number | null> => procStatusMb(pid, 'VmHWM');
/** Current resident memory (VmRSS) of a process in MB. */
export const currentRssMb = (pid: number): Promise<number | null> => procStatusMb(pid, 'VmRSS');

/** Resets VmHWM to the current RSS (Linux clear_refs 5), so a later peak belongs to what ran since. */
export async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
