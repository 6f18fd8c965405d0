// English descriptions, formatted run times and relative times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe, formatRelative, formatRun, parse } from '../../cron';
import { formatInstant, parseInstant } from '../../cron/instant';

const DESCRIPTIONS: Array<[string, string]> = [
  ['* * * * * *', 'every second'],
  ['0 * * * * *', 'every minute'],
  ['17 * * * * *', 'at second 17 of every minute'],
  ['*/10 * * * * *', 'every 10 seconds'],
  ['0 */5 * * * *', 'every 5 minutes'],
  ['0 0 * * * *', 'every hour'],
  ['@hourly', 'every hour'],
  ['0 30 * * * *', 'at minute 30 of every hour'],
  ['0 0 */2 * * *', 'every 2 hours'],
  ['0 0 9 * * MON-FRI', 'at 09:00:00 UTC, Monday to Friday'],
  ['0 30 9 * * 2-6', 'at 09:30:00 UTC, Monday to Friday'],
  ['@daily', 'every day at 00:00:00 UTC'],
  ['@weekly', 'at 00:00:00 UTC, on Sunday'],
  ['@monthly', 'at 00:00:00 UTC, on day 1 of the month'],
  ['@yearly', 'at 00:00:00 UTC, on January 1'],
  ['0 0 9,17 * * *', 'every day at 09:00:00 and 17:00:00 UTC'],
  ['0 */15 9-17 * * *', 'every 15 minutes, between 09:00 and 17:59 UTC'],
  ['0 0 0 13 * FRI', 'at 00:00:00 UTC, on day 13 of the month, only when it falls on Friday'],
  ['0 0 0 1-7 * SUN', 'at 00:00:00 UTC, on days 1 to 7 of the month, only when it falls on Sunday'],
  ['0 0 0 1,15 * *', 'at 00:00:00 UTC, on days 1 and 15 of the month'],
  ['0 0 12 * JAN,JUL *', 'every day at 12:00:00 UTC, in January and July'],
  ['0 0 12 * * * 2025', 'every day at 12:00:00 UTC, in 2025'],
  ['0 0 0 1 1 * 2027-2030', 'at 00:00:00 UTC, on January 1, in 2027 to 2030'],
  ['0 0 0 * * MON,WED,FRI', 'at 00:00:00 UTC, on Monday, Wednesday and Friday'],
  ['0 0 0 * * 7', 'at 00:00:00 UTC, on Saturday'],
  ['* 0 * * * *', 'every second, in minute 0'],
  ['0 0 0 */5 * *', 'at 00:00:00 UTC, on days 1, 6, …, 31 of the month'],
];

for (const [text, expected] of DESCRIPTIONS) {
  test(`describe ${text}`, () => {
    const schedule = parse(text).schedule;
    assert.ok(schedule !== undefined, text);
    assert.equal(describe(schedule), expected);
  });
}

test('formatRun in UTC', () => {
  assert.equal(formatRun(new Date('2026-12-05T00:00:00Z')), '2026-12-05 00:00:00 UTC');
  assert.equal(formatRun(new Date('2026-12-05T00:00:00Z'), 'UTC'), '2026-12-05 00:00:00 UTC');
});

test('formatRun in a time zone', () => {
  const run = new Date('2026-12-05T00:00:00Z');
  assert.equal(formatRun(run, 'Europe/Berlin'), '2026-12-05 01:00:00 CET (Europe/Berlin)');
  const summer = new Date('2026-07-05T00:00:00Z');
  assert.equal(formatRun(summer, 'Europe/Berlin'), '2026-07-05 02:00:00 CEST (Europe/Berlin)');
  assert.equal(formatRun(run, 'America/New_York'), '2026-12-04 19:00:00 EST (America/New_York)');
});

test('formatRun with an unknown zone uses UTC', () => {
  assert.equal(
    formatRun(new Date('2026-12-05T00:00:00Z'), 'Mars/Olympus'),
    '2026-12-05 00:00:00 UTC',
  );
});

test('formatRelative', () => {
  const now = new Date('2026-12-04T15:00:00Z');
  const at = (iso: string) => formatRelative(new Date(iso), now);
  assert.equal(at('2026-12-04T15:00:12Z'), 'in 12 s');
  assert.equal(at('2026-12-04T15:05:03Z'), 'in 5 min 3 s');
  assert.equal(at('2026-12-04T18:12:00Z'), 'in 3 h 12 min');
  assert.equal(at('2026-12-06T19:00:00Z'), 'in 2 d 4 h');
  assert.equal(at('2026-12-04T15:00:00Z'), 'now');
  assert.equal(at('2026-12-04T14:59:00Z'), '1 min ago');
});

test('parseInstant reads ISO-8601 as UTC by default', () => {
  assert.equal(parseInstant('2026-12-04T15:00:00Z')?.toISOString(), '2026-12-04T15:00:00.000Z');
  assert.equal(parseInstant('2026-12-04T15:00:00')?.toISOString(), '2026-12-04T15:00:00.000Z');
  assert.equal(parseInstant('2026-12-04')?.toISOString(), '2026-12-04T00:00:00.000Z');
  assert.equal(
    parseInstant('2026-12-04T16:00:00+01:00')?.toISOString(),
    '2026-12-04T15:00:00.000Z',
  );
  assert.equal(parseInstant('2026-12-04T15:00:00.5Z')?.toISOString(), '2026-12-04T15:00:00.500Z');
});

test('parseInstant rejects invalid dates', () => {
  for (const text of ['2026-13-01', '2026-02-30', 'tomorrow', '2026-12-04T24:00:00Z', '']) {
    assert.equal(parseInstant(text), undefined, text);
  }
});

test('formatInstant writes whole seconds with Z', () => {
  assert.equal(formatInstant(new Date('2027-01-01T00:00:00Z')), '2027-01-01T00:00:00Z');
});
