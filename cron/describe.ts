// Describes a schedule in short English, in UTC: "every 5 minutes",
// "at 09:00:00 UTC, Monday to Friday", "at second 17 of every minute".
import { MONTH_LABELS, WEEKDAY_LABELS } from './fields';
import type { Schedule } from './types';

/** Hours listed one by one as clock times up to this many; more become a range or list. */
const MAX_LISTED_TIMES = 6;

export function describe(schedule: Schedule): string {
  const time = describeTime(schedule);
  const date = describeDate(schedule);
  // "at 12:00:00 UTC" alone could read as once, so name the days unless a day field does.
  const everyDay =
    time.atClockTimes && isAll(schedule.daysOfMonth, 1, 31) && isAll(schedule.daysOfWeek, 1, 7);
  const timeText = everyDay ? `every day ${time.text}` : time.text;
  return [timeText, ...date].join(', ');
}

interface TimeDescription {
  text: string;
  /** True for "at 09:00:00 UTC": the schedule fires at listed clock times of a day. */
  atClockTimes: boolean;
}

function describeTime(schedule: Schedule): TimeDescription {
  const { seconds, minutes, hours } = schedule;
  const second = single(seconds);
  const minute = single(minutes);
  if (second !== undefined && minute !== undefined && !isAll(hours, 0, 23)) {
    if (hours.length <= MAX_LISTED_TIMES) {
      const times = hours.map((hour) => clock(hour, minute, second));
      return { text: `at ${joinList(times)} UTC`, atClockTimes: true };
    }
  }
  const withinHour = describeWithinHour(seconds, minutes, isAll(hours, 0, 23));
  const describeHours = (text: string) => ({ text, atClockTimes: false });
  if (isAll(hours, 0, 23)) return describeHours(withinHour);

  const step = evenStep(hours, 24);
  if (step !== undefined && withinHour === 'every hour')
    return describeHours(`every ${step} hours`);
  const first = hours[0] ?? 0;
  const last = hours[hours.length - 1] ?? 0;
  if (isContiguous(hours)) {
    return describeHours(`${withinHour}, between ${clock(first, 0)} and ${clock(last, 59)} UTC`);
  }
  return describeHours(`${withinHour}, in hours ${numberSet(hours)} UTC`);
}

// The part of the time inside one hour: seconds and minutes.
// `everyHour` is false when the hours are restricted, so the hour part follows.
function describeWithinHour(
  seconds: readonly number[],
  minutes: readonly number[],
  everyHour: boolean,
): string {
  const ofEveryHour = everyHour ? ' of every hour' : '';
  const allSeconds = isAll(seconds, 0, 59);
  const allMinutes = isAll(minutes, 0, 59);
  const second = single(seconds);
  const minute = single(minutes);
  const secondStep = evenStep(seconds, 60);
  const minuteStep = evenStep(minutes, 60);

  if (allSeconds) {
    return allMinutes ? 'every second' : `every second, in ${minutePhrase(minutes)}`;
  }
  if (allMinutes) {
    if (second === 0) return 'every minute';
    if (second !== undefined) return `at second ${second} of every minute`;
    if (secondStep !== undefined) return `every ${secondStep} seconds`;
    return `at seconds ${numberSet(seconds)} of every minute`;
  }
  if (second === 0) {
    if (minute === 0) return 'every hour';
    if (minuteStep !== undefined) return `every ${minuteStep} minutes`;
    return `at ${minutePhrase(minutes)}${ofEveryHour}`;
  }
  const secondText = second !== undefined ? `second ${second}` : `seconds ${numberSet(seconds)}`;
  return `at ${secondText} of ${minutePhrase(minutes)}${ofEveryHour}`;
}

function minutePhrase(minutes: readonly number[]): string {
  const minute = single(minutes);
  return minute !== undefined ? `minute ${minute}` : `minutes ${numberSet(minutes)}`;
}

function describeDate(schedule: Schedule): string[] {
  const parts: string[] = [];
  const { daysOfMonth, months, daysOfWeek, years } = schedule;
  const dayRestricted = !isAll(daysOfMonth, 1, 31);
  const weekdayRestricted = !isAll(daysOfWeek, 1, 7);
  const day = single(daysOfMonth);
  const month = single(months);

  if (day !== undefined && month !== undefined) {
    parts.push(`on ${MONTH_LABELS[month]} ${day}`);
  } else {
    if (day !== undefined) {
      parts.push(`on day ${day} of the month`);
    } else if (dayRestricted) {
      parts.push(`on days ${numberSet(daysOfMonth)} of the month`);
    }
    if (!isAll(months, 1, 12)) parts.push(`in ${labelSet(months, MONTH_LABELS)}`);
  }
  if (weekdayRestricted) {
    const weekdays = labelSet(daysOfWeek, WEEKDAY_LABELS);
    // Day-of-month and day-of-week combine with AND, so the weekday reads as a condition.
    if (dayRestricted) {
      parts.push(`only when it falls on ${weekdays.replace(/ and /, ' or ')}`);
    } else if (isContiguous(daysOfWeek) && daysOfWeek.length > 2) {
      parts.push(weekdays);
    } else {
      parts.push(`on ${weekdays}`);
    }
  }
  if (years.length > 0) parts.push(`in ${numberSet(years)}`);
  return parts;
}

function single(values: readonly number[]): number | undefined {
  return values.length === 1 ? values[0] : undefined;
}

function isAll(values: readonly number[], min: number, max: number): boolean {
  return values.length === max - min + 1;
}

function isContiguous(values: readonly number[]): boolean {
  const first = values[0];
  const last = values[values.length - 1];
  return first !== undefined && last !== undefined && last - first + 1 === values.length;
}

/** Returns k when the values are 0, k, 2k, … and cover a cycle of `cycle` evenly. */
function evenStep(values: readonly number[], cycle: number): number | undefined {
  const step = (values[1] ?? 0) - (values[0] ?? 0);
  if (values.length < 2 || values[0] !== 0 || cycle % step !== 0) return undefined;
  if (values.length !== cycle / step) return undefined;
  return values.every((value, index) => value === index * step) ? step : undefined;
}

/** "5", "1 to 7", "0, 15 and 45", "0, 7, …, 56". */
function numberSet(values: readonly number[]): string {
  return formatSet(values, String);
}

function labelSet(values: readonly number[], labels: readonly string[]): string {
  return formatSet(values, (value) => labels[value] ?? String(value));
}

function formatSet(values: readonly number[], label: (value: number) => string): string {
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  if (values.length === 1) return label(first);
  if (values.length > 2 && isContiguous(values)) return `${label(first)} to ${label(last)}`;
  const step = (values[1] ?? 0) - first;
  const progression = values.every((value, index) => value === first + index * step);
  if (values.length > 3 && progression) {
    return `${label(first)}, ${label(first + step)}, …, ${label(last)}`;
  }
  const parts = runsOf(values).flatMap(([start, end]) => {
    if (start === end) return [label(start)];
    if (end === start + 1) return [label(start), label(end)];
    return [`${label(start)} to ${label(end)}`];
  });
  return joinList(parts);
}

function runsOf(values: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const value of values) {
    const run = runs[runs.length - 1];
    if (run !== undefined && run[1] === value - 1) run[1] = value;
    else runs.push([value, value]);
  }
  return runs;
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function clock(hour: number, minute: number, second?: number): string {
  const parts = [hour, minute, ...(second === undefined ? [] : [second])];
  return parts.map((part) => String(part).padStart(2, '0')).join(':');
}
