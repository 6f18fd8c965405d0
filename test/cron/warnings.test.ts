// Warnings for valid but likely wrong schedules, and the reasons a schedule never fires.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  neverFires,
  nextRun,
  nextRuns,
  parse,
  previousRun,
  scheduleWarnings,
  type Schedule,
} from '../../cron';

const NOW = new Date('2026-12-04T15:00:00Z');

function scheduleOf(text: string): Schedule {
  const schedule = parse(text).schedule;
  assert.ok(schedule !== undefined, text);
  return schedule;
}

function warningsOf(text: string) {
  return scheduleWarnings(scheduleOf(text), NOW);
}

test('neverFires reasons', () => {
  assert.deepEqual(neverFires(scheduleOf('0 0 0 30 2 *')), { reason: 'February has no day 30' });
  assert.deepEqual(neverFires(scheduleOf('0 0 0 30,31 2 *')), {
    reason: 'February has no day 30 or 31',
  });
  assert.deepEqual(neverFires(scheduleOf('0 0 0 31 4,6,9,11 *')), {
    reason: 'April, June, September and November have no day 31',
  });
  assert.match(neverFires(scheduleOf('0 0 0 29 2 * 2027'))?.reason ?? '', /leap year/);
  // February 29 of 2028 is a Tuesday, the only leap day in these years.
  assert.match(neverFires(scheduleOf('0 0 0 29 2 MON 2027-2030'))?.reason ?? '', /Monday/);
});

test('neverFires is undefined for schedules that fire', () => {
  for (const text of ['0 0 0 29 2 *', '0 0 0 29 2 MON', '0 0 0 1 1 * 1970', '@daily']) {
    assert.equal(neverFires(scheduleOf(text)), undefined, text);
  }
});

test('never and past schedules have no next run', () => {
  assert.equal(nextRun(scheduleOf('0 0 0 30 2 *'), NOW), undefined);
  assert.equal(previousRun(scheduleOf('0 0 0 30 2 *'), NOW), undefined);
  assert.equal(nextRun(scheduleOf('0 0 0 1 1 * 2020'), NOW), undefined);
  assert.equal(
    previousRun(scheduleOf('0 0 0 1 1 * 2020'), NOW)?.toISOString(),
    '2020-01-01T00:00:00.000Z',
  );
});

test('nothing runs after 2100', () => {
  const schedule = scheduleOf('59 59 23 31 12 *');
  assert.equal(
    nextRun(schedule, new Date('2100-12-31T23:59:58Z'))?.toISOString(),
    '2100-12-31T23:59:59.000Z',
  );
  assert.equal(nextRun(schedule, new Date('2100-12-31T23:59:59Z')), undefined);
  assert.equal(nextRun(schedule, new Date('2500-01-01T00:00:00Z')), undefined);
  assert.equal(
    previousRun(schedule, new Date('2500-01-01T00:00:00Z'))?.toISOString(),
    '2100-12-31T23:59:59.000Z',
  );
});

test('nextRuns ends with the schedule', () => {
  const yearly = scheduleOf('0 0 0 1 1 *');
  assert.equal(nextRuns(yearly, new Date(0), Infinity).length, 130);
  assert.deepEqual(nextRuns(yearly, NOW, 0), []);
  assert.deepEqual(nextRuns(yearly, new Date(NaN), 3), []);
});

test('fractions of a second', () => {
  const schedule = scheduleOf('* * * * * *');
  assert.equal(
    nextRun(schedule, new Date('2026-12-04T10:00:00.500Z'))?.toISOString(),
    '2026-12-04T10:00:01.000Z',
  );
  assert.equal(
    previousRun(schedule, new Date('2026-12-04T10:00:00.500Z'))?.toISOString(),
    '2026-12-04T10:00:00.000Z',
  );
  assert.equal(
    previousRun(schedule, new Date('2026-12-04T10:00:00Z'))?.toISOString(),
    '2026-12-04T09:59:59.000Z',
  );
});

test('never-fires warning', () => {
  const warnings = warningsOf('0 0 0 30 2 *');
  const warning = warnings.find((item) => item.code === 'never-fires');
  assert.ok(warning !== undefined);
  assert.equal(warning.severity, 'warning');
  assert.match(warning.message, /February has no day 30/);
  assert.equal(warning.start, 0);
  assert.equal(warning.end, '0 0 0 30 2 *'.length);
});

test('only-past warning points at the year', () => {
  const text = '0 0 0 1 1 * 2020';
  const warning = warningsOf(text).find((item) => item.code === 'only-past');
  assert.ok(warning !== undefined);
  assert.equal(text.slice(warning.start, warning.end), '2020');
  assert.match(warning.message, /2020-01-01 00:00:00 UTC/);
  assert.equal(warningsOf('0 0 0 1 1 * 2027').length, 0);
});

test('every-second warning with a fix', () => {
  const text = '* * 9 * * *';
  const warning = warningsOf(text).find((item) => item.code === 'every-second');
  assert.ok(warning !== undefined);
  assert.equal(text.slice(warning.start, warning.end), '*');
  assert.deepEqual(warning.fixes[0]?.edits, [{ start: 0, end: 1, newText: '0' }]);
});

test('day-of-month and day-of-week warning', () => {
  const text = '0 0 0 13 * FRI';
  const warning = warningsOf(text).find((item) => item.code === 'day-of-month-and-week');
  assert.ok(warning !== undefined);
  assert.equal(warning.severity, 'info');
  assert.equal(text.slice(warning.start, warning.end), '13 * FRI');
  assert.match(warning.message, /AND/);
});

test('day-of-week 7 warning', () => {
  const text = '0 0 0 * * 2,7';
  const warning = warningsOf(text).find((item) => item.code === 'day-of-week-seven');
  assert.ok(warning !== undefined);
  assert.equal(text.slice(warning.start, warning.end), '7');
  assert.match(warning.message, /Saturday/);
  assert.deepEqual(
    warning.fixes.map((fix) => fix.edits[0]?.newText),
    ['SAT', '1'],
  );
  assert.equal(warningsOf('0 0 0 * * 1-7').length, 0);
});

test('spaces-in-field warning', () => {
  const text = '0 0 0 * * Mon - Fri';
  const warning = warningsOf(text).find((item) => item.code === 'spaces-in-field');
  assert.ok(warning !== undefined);
  assert.equal(text.slice(warning.start, warning.end), 'Mon - Fri');
  assert.deepEqual(warning.fixes[0]?.edits, [{ start: 10, end: 19, newText: 'Mon-Fri' }]);
});

test('ordinary schedules have no warnings', () => {
  for (const text of ['0 0 9 * * MON-FRI', '@daily', '0 */5 * * * *', '0 0 0 1 * *']) {
    assert.deepEqual(warningsOf(text), [], text);
  }
});
