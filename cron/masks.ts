// Bit sets of a schedule's fields, so the search for the next run finds each field's next
// allowed value with a few bit operations. JavaScript bit operations work on 32-bit
// integers, so every mask uses bits 0-30 only and seconds and minutes (0-59) are split into
// two halves of 30 values.
import { MAX_YEAR, MIN_YEAR, maxDaysInMonth } from './fields';
import type { Schedule } from './types';

export interface ScheduleMasks {
  secondsLow: number;
  secondsHigh: number;
  minutesLow: number;
  minutesHigh: number;
  hours: number;
  /** Bit d-1 for day d of the month. */
  daysOfMonth: number;
  /**
   * Bit m-1 for month m, leaving out months too short for every allowed day (April for
   * day 31), so the search never visits a month that cannot match.
   */
  months: number;
  /** Bit w-1 for weekday w (1 = Sunday). */
  daysOfWeek: number;
  /**
   * Days of the month (bit d-1) that fall on an allowed weekday, indexed by the weekday of
   * the month's first day (0 = Sunday). Day-of-month and day-of-week combine with AND.
   */
  dayMasksByFirstWeekday: Int32Array;
  /** True when some field allows no value at all, so the schedule never fires. */
  empty: boolean;
  /** For year y: the first allowed year ≥ y, at index y - 1970, or -1; index 131 is -1. */
  nextYear: Int16Array;
  /** For year y: the last allowed year ≤ y, at index y - 1970, or -1. */
  previousYear: Int16Array;
}

const HALF = 30;
/** Bits 0, 7, 14, 21 and 28: days 1, 8, 15, 22 and 29 of a month. */
const EVERY_SEVENTH_DAY = 0b1_0000001_0000001_0000001_0000001;
/** Days 1-31 as bits 0-30. */
const ALL_DAYS = 0x7fffffff;
const YEAR_COUNT = MAX_YEAR - MIN_YEAR + 1;

const cache = new WeakMap<Schedule, ScheduleMasks>();

/** Returns the masks of `schedule`, computed once per schedule object. */
export function masksOf(schedule: Schedule): ScheduleMasks {
  let masks = cache.get(schedule);
  if (masks === undefined) {
    masks = buildMasks(schedule);
    cache.set(schedule, masks);
  }
  return masks;
}

function buildMasks(schedule: Schedule): ScheduleMasks {
  const [secondsLow, secondsHigh] = splitMask(schedule.seconds);
  const [minutesLow, minutesHigh] = splitMask(schedule.minutes);
  const daysOfWeek = maskOf(schedule.daysOfWeek, 1, 7);
  const daysOfMonth = maskOf(schedule.daysOfMonth, 1, 31);
  const dayMasksByFirstWeekday = new Int32Array(7);
  for (let firstWeekday = 0; firstWeekday < 7; firstWeekday++) {
    let mask = 0;
    for (let weekday = 0; weekday < 7; weekday++) {
      if ((daysOfWeek & (1 << weekday)) === 0) continue;
      // The first day of the month with this weekday, as a bit index, and every 7th after.
      mask |= EVERY_SEVENTH_DAY << ((weekday - firstWeekday + 7) % 7);
    }
    dayMasksByFirstWeekday[firstWeekday] = mask & daysOfMonth & ALL_DAYS;
  }
  const hours = maskOf(schedule.hours, 0, 23);
  const months = maskOf(schedule.months, 1, 12) & monthsWithDays(daysOfMonth);
  const years = yearTables(schedule.years);
  const empty =
    (secondsLow | secondsHigh) === 0 ||
    (minutesLow | minutesHigh) === 0 ||
    hours === 0 ||
    months === 0 ||
    daysOfWeek === 0 ||
    (years.nextYear[0] ?? -1) < 0;
  return {
    secondsLow,
    secondsHigh,
    minutesLow,
    minutesHigh,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayMasksByFirstWeekday,
    empty,
    ...years,
  };
}

/** Months (bit m-1) that have at least one of the days in any year, leap years included. */
function monthsWithDays(daysOfMonth: number): number {
  let months = 0;
  for (let month = 1; month <= 12; month++) {
    const length = maxDaysInMonth(month);
    const days = length === 31 ? daysOfMonth : daysOfMonth & ((1 << length) - 1);
    if (days !== 0) months |= 1 << (month - 1);
  }
  return months;
}

/** Bit value-offset for each value in [min, max]; other values are ignored. */
function maskOf(values: readonly number[], offset: number, max: number): number {
  let mask = 0;
  for (const value of values) {
    if (Number.isInteger(value) && value >= offset && value <= max) mask |= 1 << (value - offset);
  }
  return mask;
}

function splitMask(values: readonly number[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const value of values) {
    if (!Number.isInteger(value) || value < 0 || value > 59) continue;
    if (value < HALF) low |= 1 << value;
    else high |= 1 << (value - HALF);
  }
  return [low, high];
}

interface YearTables {
  nextYear: Int16Array;
  previousYear: Int16Array;
}

let everyYearTables: YearTables | undefined;

function yearTables(years: readonly number[]): YearTables {
  // Most schedules have no year field, so they share one pair of tables, read only.
  if (years.length === 0) {
    everyYearTables ??= buildYearTables(years);
    return everyYearTables;
  }
  return buildYearTables(years);
}

function buildYearTables(years: readonly number[]): YearTables {
  const allowed = new Uint8Array(YEAR_COUNT);
  if (years.length === 0) allowed.fill(1);
  for (const year of years) {
    if (Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) {
      allowed[year - MIN_YEAR] = 1;
    }
  }
  const nextYear = new Int16Array(YEAR_COUNT + 1).fill(-1);
  for (let index = YEAR_COUNT - 1; index >= 0; index--) {
    nextYear[index] = allowed[index] === 1 ? MIN_YEAR + index : (nextYear[index + 1] ?? -1);
  }
  const previousYear = new Int16Array(YEAR_COUNT).fill(-1);
  for (let index = 0; index < YEAR_COUNT; index++) {
    const before = index > 0 ? (previousYear[index - 1] ?? -1) : -1;
    previousYear[index] = allowed[index] === 1 ? MIN_YEAR + index : before;
  }
  return { nextYear, previousYear };
}

/** Returns the lowest set bit at or above `from`, or -1. Masks use bits 0-30. */
export function nextBit(mask: number, from: number): number {
  if (from > 30) return -1;
  const candidates = mask & (-1 << from);
  if (candidates === 0) return -1;
  return 31 - Math.clz32(candidates & -candidates);
}

/** Returns the highest set bit at or below `from`, or -1. */
export function previousBit(mask: number, from: number): number {
  if (from < 0) return -1;
  const candidates = from >= 30 ? mask : mask & ((1 << (from + 1)) - 1);
  if (candidates === 0) return -1;
  return 31 - Math.clz32(candidates);
}

/** `nextBit` over a 0-59 set stored as two 30-bit halves. */
export function nextBitOfPair(low: number, high: number, from: number): number {
  if (from < HALF) {
    const found = nextBit(low, from);
    if (found >= 0) return found;
    from = HALF;
  }
  const found = nextBit(high, from - HALF);
  return found < 0 ? -1 : found + HALF;
}

/** `previousBit` over a 0-59 set stored as two 30-bit halves. */
export function previousBitOfPair(low: number, high: number, from: number): number {
  if (from >= HALF) {
    const found = previousBit(high, Math.min(from, 59) - HALF);
    if (found >= 0) return found + HALF;
    from = HALF - 1;
  }
  return previousBit(low, from);
}
