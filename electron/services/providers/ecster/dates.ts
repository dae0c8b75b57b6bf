/**
 * Ecster's date and time forms, as its seed documents show them: a timestamp is local time with
 * its offset and whole seconds (`validTo: "2019-10-30T11:05:01+01:00"`), and the search filters
 * marked `(date)` (`createdfrom`, `expiredTo`, `activefrom`) are calendar dates (`2019-08-12`).
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `date` in the seed's timestamp form, at the till's offset from UTC (minutes east; by default the
 * machine's own for that instant, so a date across a daylight-saving change gets its own offset).
 * Milliseconds are dropped, never rounded up: a link never outlives the sale's own expiry.
 */
export function ecsterTimestamp(date: Date, offsetMinutes: number = -date.getTimezoneOffset()): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('validTo is not a date');
  const local = new Date(Math.floor(date.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const year = local.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError('validTo is out of range');
  return (
    `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
