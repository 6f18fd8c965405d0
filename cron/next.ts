// Finds the runs of a schedule in UTC by jumping field by field (year, month, day, hour,
// minute, second) to the next allowed value, the way the Rust `cron` crate 0.17 walks its
// ordinal sets (src/schedule.rs). A search visits at most a few steps per month up to
// 2100, so sparse and never-firing schedules return as fast as frequent ones.
import { MAX_YEAR, MIN_YEAR, daysInMonth } from './fields';
import {
  masksOf,
  nextBit,
  nextBitOfPair,
  previousBit,
  previousBitOfPair,
  type ScheduleMasks,
} from './masks';
import type { Schedule } from './types';

const SECONDS_PER_DAY = 86400;
export const MAX_RUNS = 1_000_000;
/** 1970-01-01T00:00:00Z and 2100-12-31T23:59:59Z, in seconds since the epoch. */
const FIRST_SECOND = 0;
const LAST_SECOND = daysFromCivil(MAX_YEAR, 12, 31) * SECONDS_PER_DAY + SECONDS_PER_DAY - 1;

/** Finds the first matching whole second strictly after `after`; undefined if none by 2100. */
export function nextRun(schedule: Schedule, after: Date): Date | undefined {
  const seconds = nextRunSeconds(masksOf(schedule), after.getTime());
  return seconds === undefined ? undefined : new Date(seconds * 1000);
}

/**
 * Lists up to `count` runs after `after`, fewer when the schedule ends before 2101. At most
 * MAX_RUNS are returned, so an unbounded count cannot exhaust memory on `* * * * * *`.
 */
export function nextRuns(schedule: Schedule, after: Date, count: number): Date[] {
  const masks = masksOf(schedule);
  const runs: Date[] = [];
  const limit = Math.min(count, MAX_RUNS);
  let cursor = after.getTime();
  while (runs.length < limit) {
    const seconds = nextRunSeconds(masks, cursor);
    if (seconds === undefined) break;
    runs.push(new Date(seconds * 1000));
    cursor = seconds * 1000;
  }
  return runs;
}

/** Finds the last matching whole second strictly before `before`, or undefined. */
export function previousRun(schedule: Schedule, before: Date): Date | undefined {
  const seconds = previousRunSeconds(masksOf(schedule), before.getTime());
  return seconds === undefined ? undefined : new Date(seconds * 1000);
}

export function nextRunSeconds(masks: ScheduleMasks, afterMs: number): number | undefined {
  if (masks.empty || Number.isNaN(afterMs)) return undefined;
  // Like the crate, add one second and drop the fraction: from 10:00:00.5 the first
  // candidate is 10:00:01.
  const start = Math.max(Math.floor(afterMs / 1000) + 1, FIRST_SECOND);
  if (start > LAST_SECOND) return undefined;

  let { year, month, day, hour, minute, second } = civilFromSeconds(start);
  for (;;) {
    if (year > MAX_YEAR) return undefined;
    const allowedYear = masks.nextYear[year - MIN_YEAR] ?? -1;
    if (allowedYear < 0) return undefined;
    if (allowedYear > year) {
      year = allowedYear;
      month = day = 1;
      hour = minute = second = 0;
    }

    const monthBit = nextBit(masks.months, month - 1);
    if (monthBit < 0) {
      year++;
      month = day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (monthBit + 1 > month) {
      month = monthBit + 1;
      day = 1;
      hour = minute = second = 0;
    }

    const dayBit = nextBit(dayMask(masks, year, month), day - 1);
    if (dayBit < 0) {
      month++;
      day = 1;
      hour = minute = second = 0;
      if (month > 12) {
        year++;
        month = 1;
      }
      continue;
    }
    if (dayBit + 1 > day) {
      day = dayBit + 1;
      hour = minute = second = 0;
    }

    const nextHour = nextBit(masks.hours, hour);
    if (nextHour < 0) {
      day++;
      hour = minute = second = 0;
      continue;
    }
    if (nextHour > hour) {
      hour = nextHour;
      minute = second = 0;
    }

    const nextMinute = nextBitOfPair(masks.minutesLow, masks.minutesHigh, minute);
    if (nextMinute < 0) {
      hour++;
      minute = second = 0;
      continue;
    }
    if (nextMinute > minute) {
      minute = nextMinute;
      second = 0;
    }

    const nextSecond = nextBitOfPair(masks.secondsLow, masks.secondsHigh, second);
    if (nextSecond < 0) {
      minute++;
      second = 0;
      continue;
    }
    return toSeconds(year, month, day, hour, minute, nextSecond);
  }
}

export function previousRunSeconds(masks: ScheduleMasks, beforeMs: number): number | undefined {
  if (masks.empty || Number.isNaN(beforeMs)) return undefined;
  // Like the crate, a fraction is dropped; a whole second steps back by one.
  const wholeSecond = beforeMs % 1000 === 0;
  const start = Math.min(Math.floor(beforeMs / 1000) - (wholeSecond ? 1 : 0), LAST_SECOND);
  if (start < FIRST_SECOND) return undefined;

  let { year, month, day, hour, minute, second } = civilFromSeconds(start);
  for (;;) {
    if (year < MIN_YEAR) return undefined;
    const allowedYear = masks.previousYear[year - MIN_YEAR] ?? -1;
    if (allowedYear < 0) return undefined;
    if (allowedYear < year) {
      year = allowedYear;
      month = 12;
      day = 31;
      hour = 23;
      minute = second = 59;
    }

    const monthBit = previousBit(masks.months, month - 1);
    if (monthBit < 0) {
      year--;
      month = 12;
      day = 31;
      hour = 23;
      minute = second = 59;
      continue;
    }
    if (monthBit + 1 < month) {
      month = monthBit + 1;
      day = 31;
      hour = 23;
      minute = second = 59;
    }

    const lastDay = Math.min(day, daysInMonth(year, month));
    const dayBit = previousBit(dayMask(masks, year, month), lastDay - 1);
    if (dayBit < 0) {
      month--;
      day = 31;
      hour = 23;
      minute = second = 59;
      if (month < 1) {
        year--;
        month = 12;
      }
      continue;
    }
    if (dayBit + 1 < day) {
      day = dayBit + 1;
      hour = 23;
      minute = second = 59;
    }

    const previousHour = previousBit(masks.hours, hour);
    if (previousHour < 0) {
      day--;
      hour = 23;
      minute = second = 59;
      continue;
    }
    if (previousHour < hour) {
      hour = previousHour;
      minute = second = 59;
    }

    const previousMinute = previousBitOfPair(masks.minutesLow, masks.minutesHigh, minute);
    if (previousMinute < 0) {
      hour--;
      minute = second = 59;
      continue;
    }
    if (previousMinute < minute) {
      minute = previousMinute;
      second = 59;
    }

    const previousSecond = previousBitOfPair(masks.secondsLow, masks.secondsHigh, second);
    if (previousSecond < 0) {
      minute--;
      second = 59;
      continue;
    }
    return toSeconds(year, month, day, hour, minute, previousSecond);
  }
}

/** Allowed days of one month: day-of-month AND day-of-week, within the month's length. */
function dayMask(masks: ScheduleMasks, year: number, month: number): number {
  const firstWeekday = weekdayOf(daysFromCivil(year, month, 1));
  const byWeekday = masks.dayMasksByFirstWeekday[firstWeekday] ?? 0;
  const length = daysInMonth(year, month);
  return length === 31 ? byWeekday : byWeekday & ((1 << length) - 1);
}

/** 0 = Sunday; 1970-01-01 was a Thursday. */
export function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

// Days since 1970-01-01 for a proleptic Gregorian date, counted in 400-year eras that
// start on March 1 so the leap day is the last day of an era's year.
export function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Splits seconds since the epoch into UTC fields; the inverse of `daysFromCivil`. */
export function civilFromSeconds(total: number) {
  const days = Math.floor(total / SECONDS_PER_DAY);
  let rest = total - days * SECONDS_PER_DAY;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;

  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, hour, minute, second };
}

function toSeconds(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  return daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
}
