import { civilFromSeconds } from './next';
// Reads and writes instants as ISO-8601 text. A time without a zone is read as UTC, because
// schedules run in UTC, unlike `Date.parse`, which reads it as local time.

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME = String.raw`(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?`;
const ZONE = String.raw`(?:([Zz])|([+-])(\d{2}):?(\d{2}))?`;
const ISO_INSTANT = new RegExp(`^${DATE}${TIME}${ZONE}$`);

/** Parses `2026-12-04`, `2026-12-04T15:00`, `2026-12-04T15:00:00.5Z` or `…+01:00`. */
export function parseInstant(text: string): Date | undefined {
  const match = ISO_INSTANT.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`);
  if (
    month === undefined ||
    month < 1 ||
    month > 12 ||
    day === undefined ||
    day < 1 ||
    day > new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate() ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  ) {
    return undefined;
  }
  const offsetSign = match[9] === '-' ? -1 : 1;
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offsetMs = offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;

  const date = new Date(0);
  date.setUTCFullYear(year ?? 0, month - 1, day);
  date.setUTCHours(hour ?? 0, minute ?? 0, second ?? 0, 0);
  return new Date(date.getTime() + Math.floor(fraction * 1000) - offsetMs);
}

/** `2027-01-01T00:00:00Z`: whole seconds, UTC, as in the crate's worked cases. */
export function formatInstant(run: Date): string {
  const time = civilFromSeconds(Math.floor(run.getTime() / 1000));
  if (time.year < 0 || time.year > 9999) return `${run.toISOString().slice(0, -5)}Z`;
  const { year, month, day, hour, minute, second } = time;
  const date = `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
  return `${date}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}Z`;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
