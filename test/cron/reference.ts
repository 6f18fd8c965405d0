// A slow, obviously correct reference for the schedule engine: checks one instant against
// the field lists, and lists matches by scanning minute by minute.
import type { Schedule } from '../../cron';

/** True when the whole second `instant` matches every field of `schedule` (UTC). */
export function matches(schedule: Schedule, instant: Date): boolean {
  if (instant.getUTCMilliseconds() !== 0) return false;
  return schedule.seconds.includes(instant.getUTCSeconds()) && minuteMatches(schedule, instant);
}

/** True when the minute containing `instant` matches every field but the second. */
export function minuteMatches(schedule: Schedule, instant: Date): boolean {
  const year = instant.getUTCFullYear();
  const yearMatches =
    schedule.years.length === 0 ? year >= 1970 && year <= 2100 : schedule.years.includes(year);
  return (
    yearMatches &&
    schedule.minutes.includes(instant.getUTCMinutes()) &&
    schedule.hours.includes(instant.getUTCHours()) &&
    schedule.daysOfMonth.includes(instant.getUTCDate()) &&
    schedule.months.includes(instant.getUTCMonth() + 1) &&
    // The crate numbers weekdays 1-7 from Sunday; getUTCDay numbers them 0-6.
    schedule.daysOfWeek.includes(instant.getUTCDay() + 1)
  );
}

/** Lists matching seconds strictly after `after` and up to `until`, at most `limit`. */
export function scanMatches(schedule: Schedule, after: Date, until: Date, limit: number): Date[] {
  const found: Date[] = [];
  const seconds = [...schedule.seconds].sort((a, b) => a - b);
  let minute = Math.floor(after.getTime() / 60_000) * 60_000;
  while (minute <= until.getTime() && found.length < limit) {
    if (minuteMatches(schedule, new Date(minute))) {
      for (const second of seconds) {
        const instant = minute + second * 1000;
        if (instant > after.getTime() && instant <= until.getTime() && found.length < limit) {
          found.push(new Date(instant));
        }
      }
    }
    minute += 60_000;
  }
  return found;
}
