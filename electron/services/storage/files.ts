import fs from 'node:fs';
import path from 'node:path';

/**
 * File-system helpers for the data directory: private permissions and keeping unusable files
 * aside. Nothing here ever deletes a file; a clerk or support decides what to do with a kept copy.
 */

const isPosix = (platform: NodeJS.Platform) => platform !== 'win32';

/** Creates the directory 0700 (POSIX) or tightens it if it already exists with wider bits. */
export function ensurePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!isPosix(platform)) return;
  const mode = fs.statSync(dir).mode & 0o777;
  if (mode !== 0o700) fs.chmodSync(dir, 0o700);
}

/** Tightens an existing file to 0600 (POSIX): a file copied in by hand may be world-readable. */
export function ensurePrivateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  if (!isPosix(platform) || !fs.existsSync(file)) return;
  if ((fs.statSync(file).mode & 0o777) !== 0o600) fs.chmodSync(file, 0o600);
}

/** `2026-11-21T05-33-42-123Z`: sortable, and legal in a Windows file name (no colons). */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function freeAsidePath(file: string, label: string, now: Date): string {
  const base = `${file}.${label}-${fileTimestamp(now)}`;
  let candidate = base;
  for (let n = 1; fs.existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Renames `file` to `<file>.<label>-<timestamp>` and returns the new path. */
export function moveAside(file: string, label: string, now: Date): string {
  const target = freeAsidePath(file, label, now);
  fs.renameSync(file, target);
  return target;
}

/** Copies `file` to `<file>.<label>-<timestamp>` (0600) and returns the copy's path. */
export function copyAside(file: string, label: string, now: Date): string {
  const target = freeAsidePath(file, label, now);
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
  ensurePrivateFile(target);
  return target;
}

export function baseName(file: string): string {
  return path.basename(file);
}
