/**
 * The sandbox's Ecster dates, written from the seed rather than from the client: timestamps are
 * local time with an offset and whole seconds (`2019-10-30T11:05:01+01:00`), `created` in a search
 * result is a date with an offset (`2019-08-12+02:00`), and the search filters marked `(date)` are
 * calendar dates. "Local" is this machine's time zone, like a Swedish service's own clock.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetOf(ms: number): string {
  const minutes = -new Date(ms).getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function localDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2019-10-30T11:05:01+01:00` */
export function ecsterTimestampOf(ms: number): string {
  const d = new Date(ms);
  return `${localDate(ms)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${offsetOf(ms)}`;
}

/** `2019-08-12+02:00`, as search results show `created`. */
export function ecsterDateOf(ms: number): string {
  return `${localDate(ms)}${offsetOf(ms)}`;
}

/**
 * An ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`), seconds required. A time without
 * an offset would mean a different instant on every server, so it is refused.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The instant of a timestamp, or null when it is not one. */
export function parseEcsterTimestamp(text: string): number | null {
  if (!TIMESTAMP.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** A `(date)` filter: the local day it names, as [start, end) in milliseconds, or null when it is not `YYYY-MM-DD`. */
export function parseSearchDate(text: string): { startMs: number; endMs: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  // Date rolls 2026-02-30 over into March; a real date reads back as itself.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return null;
  return { startMs: start.getTime(), endMs: new Date(year, month - 1, day + 1).getTime() };
}
