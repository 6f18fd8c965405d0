// Differential tests against croner and cron-parser on the schedules where all three mean
// the same: 6 fields, no year, at most one of day-of-month and day-of-week restricted (they
// combine with OR elsewhere), and weekdays renumbered from the crate's 1-7 (1 = Sunday) to
// their 0-6 (0 = Sunday). The next 20 runs must agree, all in UTC.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { nextRuns, parse } from '../../cron';
import { instant } from './arbitraries';

const RUNS = 20;
const LAST_INSTANT = Date.UTC(2100, 11, 31, 23, 59, 59);

/** The same field written for the crate and for the 0-based libraries. */
interface FieldPair {
  ours: string;
  theirs: string;
}

function numericField(min: number, max: number, shift = 0, maxStep = max): fc.Arbitrary<FieldPair> {
  const value = fc.integer({ min, max });
  const pair = fc.tuple(value, value).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  const step = fc.integer({ min: 1, max: maxStep });
  const write = (a: number) => String(a - shift);
  const item: fc.Arbitrary<FieldPair> = fc.oneof(
    value.map((a) => ({ ours: String(a), theirs: write(a) })),
    pair.map(([a, b]) => ({ ours: `${a}-${b}`, theirs: `${write(a!)}-${write(b!)}` })),
    step.map((k) => ({ ours: `*/${k}`, theirs: `${write(min)}-${write(max)}/${k}` })),
    fc.tuple(pair, step).map(([[a, b], k]) => ({
      ours: `${a}-${b}/${k}`,
      theirs: `${write(a!)}-${write(b!)}/${k}`,
    })),
  );
  const list = fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => ({
    ours: items.map((entry) => entry.ours).join(','),
    theirs: items.map((entry) => entry.theirs).join(','),
  }));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ ours: '*', theirs: '*' }) },
    { weight: 2, arbitrary: list },
  );
}

const weekdayNames = fc
  .constantFrom('MON-FRI', 'SAT,SUN', 'TUE', 'SUN-WED', 'FRI')
  .map((names) => ({ ours: names, theirs: names }));

const sharedSchedule = fc
  .tuple(
    numericField(0, 59),
    numericField(0, 59),
    numericField(0, 23),
    numericField(1, 31),
    numericField(1, 12),
    fc.oneof(numericField(1, 7, 1, 6), weekdayNames),
    fc.boolean(),
  )
  .map(([second, minute, hour, dayOfMonth, month, dayOfWeek, keepDayOfMonth]) => {
    // Only one of the two day fields may be restricted.
    const days = keepDayOfMonth
      ? [dayOfMonth, { ours: '*', theirs: '*' }]
      : [{ ours: '*', theirs: '*' }, dayOfWeek];
    const fields = [second, minute, hour, days[0]!, month, days[1]!];
    return {
      ours: fields.map((field) => field.ours).join(' '),
      theirs: fields.map((field) => field.theirs).join(' '),
    };
  });

function ourRuns(text: string, from: Date): string[] {
  const result = parse(text);
  assert.ok(result.schedule !== undefined, `${text}: ${JSON.stringify(result.diagnostics)}`);
  return nextRuns(result.schedule, from, RUNS).map((run) => run.toISOString());
}

// The other libraries search past 2100; the crate stops there.
function untilLastInstant(runs: Date[]): string[] {
  return runs
    .filter((run) => run.getTime() <= LAST_INSTANT)
    .slice(0, RUNS)
    .map((run) => run.toISOString());
}

test('next 20 runs agree with croner', () => {
  fc.assert(
    fc.property(sharedSchedule, instant, (schedule, from) => {
      const croner = new Cron(schedule.theirs, { timezone: 'UTC', paused: true, mode: '6-part' });
      const expected = untilLastInstant(croner.nextRuns(RUNS, from));
      assert.deepEqual(
        ourRuns(schedule.ours, from),
        expected,
        `${schedule.ours} / ${schedule.theirs}`,
      );
    }),
    { numRuns: 300 },
  );
});

// cron-parser rejects lists with repeated values (`1-5,3`), so it gets each field as the plain
// list of values the crate expands it to. This compares the stepping through time.
function expandedForCronParser(text: string): string {
  const schedule = parse(text).schedule;
  assert.ok(schedule !== undefined, text);
  const write = (values: readonly number[], count: number, shift = 0) =>
    values.length === count ? '*' : values.map((value) => value - shift).join(',');
  return [
    write(schedule.seconds, 60),
    write(schedule.minutes, 60),
    write(schedule.hours, 24),
    write(schedule.daysOfMonth, 31),
    write(schedule.months, 12),
    write(schedule.daysOfWeek, 7, 1),
  ].join(' ');
}

test('next 20 runs agree with cron-parser', () => {
  let compared = 0;
  fc.assert(
    fc.property(sharedSchedule, instant, (schedule, from) => {
      const theirsText = expandedForCronParser(schedule.ours);
      let theirs: Date[];
      try {
        const expression = CronExpressionParser.parse(theirsText, { currentDate: from, tz: 'UTC' });
        theirs = expression.take(RUNS).map((run) => run.toDate());
      } catch {
        // cron-parser rejects some day and month combinations, such as 30 with February.
        return;
      }
      compared++;
      const expected = untilLastInstant(theirs);
      assert.deepEqual(ourRuns(schedule.ours, from), expected, `${schedule.ours} / ${theirsText}`);
    }),
    { numRuns: 300 },
  );
  assert.ok(compared > 250, `only ${compared} of 300 schedules were compared`);
});

test('named weekday ranges agree with croner', () => {
  const from = new Date('2026-12-04T15:00:00Z');
  const croner = new Cron('0 30 9 * * MON-FRI', { timezone: 'UTC', paused: true });
  const expected = untilLastInstant(croner.nextRuns(RUNS, from));
  assert.deepEqual(ourRuns('0 30 9 * * MON-FRI', from), expected);
});
