// Warnings for schedules that parse but are likely wrong: they never fire, fire only in the
// past, fire every second, combine day-of-month and day-of-week with AND, use 7 for
// Sunday, or have spaces inside a field.
import { makeDiagnostic, replaceFix } from './diagnostics';
import {
  MAX_YEAR,
  MIN_YEAR,
  MONTH_LABELS,
  WEEKDAY_LABELS,
  isLeapYear,
  maxDaysInMonth,
} from './fields';
import { formatRun } from './format';
import { masksOf } from './masks';
import { nextRunSeconds, previousRun } from './next';
import { readFields, type FieldSyntax } from './syntax';
import type { CronDiagnostic, Schedule } from './types';

const neverFiresCache = new WeakMap<Schedule, { reason: string } | null>();

/** Returns why `schedule` has no run at all from 1970 to 2100, or undefined if it has one. */
export function neverFires(schedule: Schedule): { reason: string } | undefined {
  let cached = neverFiresCache.get(schedule);
  if (cached === undefined) {
    const firstRun = nextRunSeconds(masksOf(schedule), Date.UTC(MIN_YEAR, 0, 1) - 1000);
    cached = firstRun === undefined ? { reason: reasonForNoRun(schedule) } : null;
    neverFiresCache.set(schedule, cached);
  }
  return cached ?? undefined;
}

function reasonForNoRun(schedule: Schedule): string {
  const { daysOfMonth, months, daysOfWeek, years } = schedule;
  const tooShort = (month: number) => daysOfMonth.every((day) => day > maxDaysInMonth(month));
  const shortMonths = months.filter(tooShort);
  if (shortMonths.length === months.length) {
    const names = joinWith(
      shortMonths.map((month) => MONTH_LABELS[month] ?? ''),
      'and',
    );
    const verb = shortMonths.length === 1 ? 'has' : 'have';
    return `${names} ${verb} no day ${joinWith(daysOfMonth.map(String), 'or')}`;
  }
  // Every month but February is too short and the days start at 29: only February 29 fits.
  const onlyLeapDay =
    months.every((month) => month === 2 || tooShort(month)) &&
    daysOfMonth.every((day) => day >= 29);
  if (onlyLeapDay && years.length > 0 && !years.some(isLeapYear)) {
    return 'February 29 occurs only in leap years, and none of the allowed years is a leap year';
  }
  if (daysOfWeek.length < 7) {
    const weekdays = joinWith(
      daysOfWeek.map((day) => WEEKDAY_LABELS[day] ?? ''),
      'or',
    );
    return (
      `none of the allowed days of the month falls on a ${weekdays} ` +
      'in the allowed months and years'
    );
  }
  return `no time from ${MIN_YEAR} to ${MAX_YEAR} matches every field`;
}

/** Warnings for `schedule` as of `now`, with offsets into `schedule.source`. */
export function scheduleWarnings(schedule: Schedule, now: Date): CronDiagnostic[] {
  const source = schedule.source;
  const fields = schedule.shortcut === undefined ? readFields(source).fields : [];
  const whole = wholeRange(source);
  const rangeOf = (index: number) => {
    const field = fields[index];
    return field === undefined ? whole : { start: field.start, end: field.end };
  };
  const warnings: CronDiagnostic[] = [];

  const never = neverFires(schedule);
  if (never !== undefined) {
    const message = `this schedule never fires: ${never.reason}`;
    warnings.push(makeDiagnostic({ code: 'never-fires', severity: 'warning', message, ...whole }));
  } else if (nextRunSeconds(masksOf(schedule), now.getTime()) === undefined) {
    const last = previousRun(schedule, now);
    const when = last === undefined ? '' : `; its last run was ${formatRun(last)}`;
    const message = `this schedule fires only in the past${when}`;
    const place = schedule.years.length > 0 ? rangeOf(6) : whole;
    warnings.push(makeDiagnostic({ code: 'only-past', severity: 'warning', message, ...place }));
  }

  if (schedule.seconds.length === 60) {
    const place = rangeOf(0);
    const message =
      'this schedule fires every second; write 0 as the first field to fire once a minute';
    const fixes =
      fields[0] === undefined ? [] : [replaceFix('Fire at second 0', place.start, place.end, '0')];
    warnings.push(
      makeDiagnostic({
        code: 'every-second',
        severity: 'warning',
        message,
        fixes,
        ...place,
        field: 'second',
      }),
    );
  }

  if (schedule.daysOfMonth.length < 31 && schedule.daysOfWeek.length < 7) {
    const start = rangeOf(3).start;
    const end = rangeOf(5).end;
    const message =
      'day-of-month and day-of-week are both restricted, so a day must match both (AND); ' +
      'Unix cron fires when either matches';
    warnings.push(
      makeDiagnostic({ code: 'day-of-month-and-week', severity: 'info', message, start, end }),
    );
  }

  const dayOfWeek = fields[5];
  if (dayOfWeek !== undefined) warnings.push(...sevenWarnings(dayOfWeek));
  for (const field of fields) {
    const spaced = spacesWarning(source, field);
    if (spaced !== undefined) warnings.push(spaced);
  }
  return warnings;
}

function sevenWarnings(field: FieldSyntax): CronDiagnostic[] {
  const warnings: CronDiagnostic[] = [];
  for (const item of field.items) {
    if (item.kind !== 'point' && item.kind !== 'range') continue;
    // `1-7` means every day whatever 7 is taken for, so it needs no warning.
    if (item.kind === 'range' && item.first?.value === 1) continue;
    for (const token of [item.first, item.last]) {
      if (token === undefined || token.value !== 7) continue;
      const message = 'day-of-week 7 is Saturday here (1 = Sunday); for Sunday write 1 or SUN';
      const fixes = [
        replaceFix('Write SAT (same meaning)', token.start, token.end, 'SAT'),
        replaceFix('Use 1 (Sunday)', token.start, token.end, '1'),
      ];
      const where = { start: token.start, end: token.end, field: 'day-of-week' as const };
      warnings.push(
        makeDiagnostic({
          code: 'day-of-week-seven',
          severity: 'warning',
          message,
          fixes,
          ...where,
        }),
      );
    }
  }
  return warnings;
}

function spacesWarning(source: string, field: FieldSyntax): CronDiagnostic | undefined {
  const text = source.slice(field.start, field.end);
  if (!/[ \t\r\n]/.test(text)) return undefined;
  const compact = text.replace(/[ \t\r\n]+/g, '');
  const message = `spaces inside a list or range are unusual; write ${compact}`;
  const fixes = [replaceFix('Remove the spaces', field.start, field.end, compact)];
  const place = { start: field.start, end: field.end };
  return makeDiagnostic({ code: 'spaces-in-field', severity: 'warning', message, fixes, ...place });
}

function wholeRange(source: string): { start: number; end: number } {
  const start = source.length - source.trimStart().length;
  const end = source.trimEnd().length;
  return end > start ? { start, end } : { start: 0, end: source.length };
}

function joinWith(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
