// The seven fields of a schedule with their value ranges and names, as the Rust `cron`
// crate 0.17 defines them (src/time_unit/*.rs).
import type { FieldName } from './types';

export interface FieldSpec {
  name: FieldName;
  min: number;
  max: number;
  /** Lower-case name → value; undefined when the field accepts numbers only. */
  names?: ReadonlyMap<string, number>;
  /** Whether `?` is accepted (day-of-month and day-of-week only). */
  allowsAny: boolean;
  /** Wording of the allowed values for messages. */
  allowed: string;
}

export const MONTH_NAMES: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

// 1 = Sunday, as in the crate; Unix cron numbers Sunday 0 (or 7).
export const WEEKDAY_NAMES: ReadonlyMap<string, number> = new Map([
  ['sun', 1],
  ['sunday', 1],
  ['mon', 2],
  ['monday', 2],
  ['tue', 3],
  ['tues', 3],
  ['tuesday', 3],
  ['wed', 4],
  ['wednesday', 4],
  ['thu', 5],
  ['thurs', 5],
  ['thursday', 5],
  ['fri', 6],
  ['friday', 6],
  ['sat', 7],
  ['saturday', 7],
]);

export const MONTH_LABELS = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const WEEKDAY_LABELS = [
  '',
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;

/** The fields in the order they are written. */
export const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59, allowsAny: false, allowed: '0-59' },
  { name: 'minute', min: 0, max: 59, allowsAny: false, allowed: '0-59' },
  { name: 'hour', min: 0, max: 23, allowsAny: false, allowed: '0-23' },
  { name: 'day-of-month', min: 1, max: 31, allowsAny: true, allowed: '1-31' },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: MONTH_NAMES,
    allowsAny: false,
    allowed: '1-12 or JAN-DEC',
  },
  {
    name: 'day-of-week',
    min: 1,
    max: 7,
    names: WEEKDAY_NAMES,
    allowsAny: true,
    allowed: '1-7 (1 = Sunday) or SUN-SAT',
  },
  {
    name: 'year',
    min: MIN_YEAR,
    max: MAX_YEAR,
    allowsAny: false,
    allowed: `${MIN_YEAR}-${MAX_YEAR}`,
  },
];

/** Day-of-week as Unix crontab reads it (0-7, Sunday = 0 or 7), for the 5-field fix. */
export const UNIX_DAY_OF_WEEK: FieldSpec = {
  name: 'day-of-week',
  min: 0,
  max: 7,
  names: new Map([...WEEKDAY_NAMES].map(([name, value]) => [name, value - 1])),
  allowsAny: true,
  allowed: '0-7',
};

/** The length of `month` in a leap year: the most days it can have. */
export function maxDaysInMonth(month: number): number {
  return daysInMonth(2000, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
