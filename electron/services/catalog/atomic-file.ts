import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Whole-file replacement that never leaves a half-written file under the real name: write a
 * temp file beside it, fsync, rename over the old one, fsync the directory. A crash at any point
 * leaves either the old file or the new one, plus at worst a stray temp file that
 * `removeStaleTemps` sweeps up at the next start.
 */

/** The step a test replaces to simulate a crash between writing the temp file and renaming it. */
export interface AtomicFileOps {
  rename(from: string, to: string): Promise<void>;
  /** Best-effort removal of the temp file after a failure; a real crash never gets to run it. */
  unlink(file: string): Promise<void>;
}

export const nodeFileOps: AtomicFileOps = {
  rename: (from, to) => fs.rename(from, to),
  unlink: (file) => fs.unlink(file),
};

const TEMP_MARK = '.tmp-';

export async function writeFileAtomic(file: string, data: string | Uint8Array, ops: AtomicFileOps = nodeFileOps): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await (typeof data === 'string' ? handle.writeFile(data, 'utf8') : handle.writeFile(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(temp, file);
  } catch (error) {
    await ops.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable. Windows cannot open a directory for fsync; NTFS journals renames. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the data file itself is already synced.
  } finally {
    await handle?.close();
  }
}

export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function readBytesIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes temp files a crash left beside `file`. */
export async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + TEMP_MARK;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => fs.unlink(path.join(dir, n)).catch(() => undefined)));
}

/** Keeps an unreadable file for support instead of overwriting it: `<file>.corrupt-<time>`. */
export async function moveAside(file: string, now: Date): Promise<string> {
  const target = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await fs.rename(file, target);
  return target;
}
