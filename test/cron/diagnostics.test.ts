// Diagnostics of invalid schedules: stable codes, the range of the offending text, messages
// naming the field and allowed values, and fixes that turn the text into a valid schedule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, type CronDiagnostic, type CronFix } from '../../cron';

function applyFix(text: string, fix: CronFix): string {
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

function onlyError(text: string): CronDiagnostic {
  const result = parse(text);
  assert.equal(result.schedule, undefined, `${text} should be rejected`);
  const errors = result.diagnostics.filter((item) => item.severity === 'error');
  assert.equal(errors.length, 1, JSON.stringify(errors));
  return errors[0]!;
}

interface Case {
  text: string;
  code: string;
  /** The text the diagnostic's range covers. */
  covers: string;
  /** Words the message must contain. */
  messageIncludes?: string[];
  /** The schedule each fix produces, in order. */
  fixed?: string[];
}

const CASES: Case[] = [
  {
    text: '30 4 1,15 * 5',
    code: 'unix-five-fields',
    covers: '30 4 1,15 * 5',
    fixed: ['0 30 4 1,15 * 6'],
  },
  {
    text: '0 9 * * 1-5',
    code: 'unix-five-fields',
    covers: '0 9 * * 1-5',
    fixed: ['0 0 9 * * 2-6'],
  },
  { text: '0 0 * * 0', code: 'unix-five-fields', covers: '0 0 * * 0', fixed: ['0 0 0 * * 1'] },
  { text: '0 0 * * 7', code: 'unix-five-fields', covers: '0 0 * * 7', fixed: ['0 0 0 * * 1'] },
  {
    text: '0 0 * * 5-7',
    code: 'unix-five-fields',
    covers: '0 0 * * 5-7',
    fixed: ['0 0 0 * * 1,6-7'],
  },
  {
    text: '*/5 * * * *',
    code: 'unix-five-fields',
    covers: '*/5 * * * *',
    fixed: ['0 */5 * * * *'],
  },
  {
    text: '0 0 * * MON-FRI',
    code: 'unix-five-fields',
    covers: '0 0 * * MON-FRI',
    fixed: ['0 0 0 * * MON-FRI'],
  },
  {
    text: '0 0 0 * * 0',
    code: 'day-of-week-zero',
    covers: '0',
    messageIncludes: ['day-of-week 0 is out of range 1-7 (1 = Sunday); use 1 or SUN'],
    fixed: ['0 0 0 * * 1', '0 0 0 * * SUN'],
  },
  {
    text: '  0 0 0 * * 0',
    code: 'day-of-week-zero',
    covers: '0',
    fixed: ['  0 0 0 * * 1', '  0 0 0 * * SUN'],
  },
  { text: '0 0 0 * * 0-5', code: 'day-of-week-zero', covers: '0', fixed: ['0 0 0 * * 1-5'] },
  { text: '@midnight', code: 'unsupported-shortcut', covers: '@midnight', fixed: ['@daily'] },
  { text: '@annually', code: 'unsupported-shortcut', covers: '@annually', fixed: ['@yearly'] },
  { text: ' @annually ', code: 'unsupported-shortcut', covers: '@annually', fixed: [' @yearly '] },
  { text: '@DAILY', code: 'shortcut-case', covers: '@DAILY', fixed: ['@daily'] },
  { text: '@Weekly', code: 'shortcut-case', covers: '@Weekly', fixed: ['@weekly'] },
  { text: '@reboot', code: 'unsupported-shortcut', covers: '@reboot', fixed: [] },
  { text: '@every 5m', code: 'unsupported-shortcut', covers: '@every', fixed: [] },
  { text: '@dail', code: 'unknown-shortcut', covers: '@dail', fixed: ['@daily'] },
  { text: '@yearly 0', code: 'shortcut-extra-text', covers: '0', fixed: ['@yearly'] },
  {
    text: '0 0 22-2 * * *',
    code: 'reversed-range',
    covers: '22-2',
    messageIncludes: ['hour', 'wrap'],
    fixed: ['0 0 22-23,0-2 * * *'],
  },
  {
    text: '0 0 0 * * FRI-MON',
    code: 'reversed-range',
    covers: 'FRI-MON',
    fixed: ['0 0 0 * * FRI-SAT,SUN-MON'],
  },
  {
    text: '0 0 0 * * Sat-Sun',
    code: 'reversed-range',
    covers: 'Sat-Sun',
    fixed: ['0 0 0 * * Sat,Sun'],
  },
  { text: '0 0 0 1 12-1 *', code: 'reversed-range', covers: '12-1', fixed: ['0 0 0 1 12,1 *'] },
  { text: '0 0 0 * * 5-1/2', code: 'reversed-range', covers: '5-1/2', fixed: [] },
  {
    text: '0 0 24 * * *',
    code: 'field-out-of-range',
    covers: '24',
    messageIncludes: ['hour 24', '0-23'],
  },
  {
    text: '60 * * * * *',
    code: 'field-out-of-range',
    covers: '60',
    messageIncludes: ['second 60', '0-59'],
  },
  {
    text: '0 0 0 32 * *',
    code: 'field-out-of-range',
    covers: '32',
    messageIncludes: ['day-of-month', '1-31'],
  },
  {
    text: '0 0 0 1 13 *',
    code: 'field-out-of-range',
    covers: '13',
    messageIncludes: ['month', 'JAN-DEC'],
  },
  {
    text: '0 0 0 * * 8',
    code: 'field-out-of-range',
    covers: '8',
    messageIncludes: ['day-of-week', '1 = Sunday'],
  },
  {
    text: '0 0 0 1 1 * 2101',
    code: 'field-out-of-range',
    covers: '2101',
    messageIncludes: ['year', '1970-2100'],
  },
  { text: '0 */0 * * * *', code: 'step-zero', covers: '0', messageIncludes: ['minute'] },
  {
    text: '*/60 * * * * *',
    code: 'step-too-large',
    covers: '60',
    messageIncludes: ['second', '59'],
  },
  {
    text: '0 0 0 * * */8',
    code: 'step-too-large',
    covers: '8',
    messageIncludes: ['day-of-week', '7'],
  },
  {
    text: '0 H * * * *',
    code: 'names-not-allowed',
    covers: 'H',
    messageIncludes: ['minute', 'numbers only'],
  },
  { text: '0 0 0 1 Sept *', code: 'unknown-name', covers: 'Sept', fixed: ['0 0 0 1 SEP *'] },
  { text: '0 0 0 * * Thur', code: 'unknown-name', covers: 'Thur', fixed: ['0 0 0 * * THU'] },
  { text: '0 0 0 1 ? *', code: 'question-mark-position', covers: '?', fixed: ['0 0 0 1 * *'] },
  {
    text: '0 0 0 L * *',
    code: 'unsupported-special',
    covers: 'L',
    messageIncludes: [
      "TrailBase's cron has no last-day syntax",
      '28-31 fires on each of those days',
    ],
  },
  {
    text: '0 0 0 * * L',
    code: 'unsupported-special',
    covers: 'L',
    messageIncludes: ['last-day syntax', '7 or SAT'],
  },
  {
    text: '0 0 0 * * 6L',
    code: 'unsupported-special',
    covers: 'L',
    messageIncludes: ['last-day syntax'],
  },
  {
    text: '0 0 0 15W * *',
    code: 'unsupported-special',
    covers: 'W',
    messageIncludes: ['nearest-weekday syntax', 'no exact equivalent'],
  },
  {
    text: '0 0 0 LW * *',
    code: 'unsupported-special',
    covers: 'LW',
    messageIncludes: ['last-day syntax', 'no exact equivalent'],
  },
  { text: '0 0 0 * * 6#3', code: 'unsupported-special', covers: '#3' },
  { text: '0 0 0 * * 5-Fri', code: 'mixed-range', covers: '5-Fri' },
  { text: '0 0 0 * * Mon-', code: 'incomplete-range', covers: 'Mon-' },
  { text: '-1 * * * * *', code: 'incomplete-range', covers: '-1' },
  { text: '0 5/ * * * *', code: 'missing-step', covers: '5/' },
  { text: '0 0 0 1 Jan/2 *', code: 'named-step', covers: 'Jan/2' },
  { text: '0 1,,2 * * * *', code: 'empty-list-item', covers: ',' },
  { text: '0 */5/2 * * * *', code: 'unexpected-character', covers: '*/5/2' },
  { text: '0 0 0 * * * !', code: 'unexpected-character', covers: '!' },
  { text: '4294967296 * * * * *', code: 'number-too-large', covers: '4294967296' },
  { text: '* * *', code: 'too-few-fields', covers: '* * *' },
  { text: '0 0 0 1 1 1 2027 0', code: 'too-many-fields', covers: '0' },
  { text: '   ', code: 'empty-schedule', covers: '   ' },
];

for (const item of CASES) {
  test(`${item.code}: ${JSON.stringify(item.text)}`, () => {
    const diagnostic = onlyError(item.text);
    assert.equal(diagnostic.code, item.code, diagnostic.message);
    assert.equal(item.text.slice(diagnostic.start, diagnostic.end), item.covers);
    for (const words of item.messageIncludes ?? [])
      assert.ok(diagnostic.message.includes(words), diagnostic.message);
    if (item.fixed === undefined) return;
    const results = diagnostic.fixes.map((fix) => applyFix(item.text, fix));
    assert.deepEqual(results, item.fixed);
    for (const result of results) {
      assert.ok(parse(result).schedule !== undefined, `fix result ${result} should parse`);
    }
  });
}

test('field count explains glued fields', () => {
  const tooMany = onlyError('1e1 * * * * *');
  assert.equal(tooMany.code, 'too-many-fields');
  assert.match(tooMany.message, /'1e1' reads as 3 fields/);
  const tooFew = onlyError('0 0 1e2');
  assert.equal(tooFew.code, 'too-few-fields');
  assert.match(tooFew.message, /'1e2' reads as 3 fields/);
});

test('field is set on field diagnostics', () => {
  assert.equal(onlyError('0 0 24 * * *').field, 'hour');
  assert.equal(onlyError('0 0 0 * * 0').field, 'day-of-week');
  assert.equal(onlyError('0 0 0 1 1 * 2101').field, 'year');
});

test('several errors are all reported', () => {
  const result = parse('60 60 24 * * *');
  const codes = result.diagnostics.map((item) => item.code);
  assert.deepEqual(codes, ['field-out-of-range', 'field-out-of-range', 'field-out-of-range']);
});

test('reversed range fix keeps the values', () => {
  const fixed = parse('0 0 22-23,0-2 * * *').schedule;
  assert.deepEqual(fixed?.hours, [0, 1, 2, 22, 23]);
});

test('Unix fix keeps the weekdays', () => {
  // Unix 1-5 is Monday to Friday, which the crate numbers 2-6.
  const fixed = parse('0 0 9 * * 2-6').schedule;
  const named = parse('0 0 9 * * MON-FRI').schedule;
  assert.deepEqual(fixed?.daysOfWeek, named?.daysOfWeek);
});

test('valid schedules have no diagnostics from parse', () => {
  for (const text of ['0 0 9 * * MON-FRI', '@daily', '0 0 0 1 - 5 * *', '* * * * * 7']) {
    assert.deepEqual(parse(text).diagnostics, [], text);
  }
});

test('parse keeps the source and shortcut', () => {
  const daily = parse(' @daily ').schedule;
  assert.equal(daily?.source, ' @daily ');
  assert.equal(daily?.shortcut, '@daily');
  assert.deepEqual(daily?.hours, [0]);
  const weekly = parse('@weekly').schedule;
  assert.deepEqual(weekly?.daysOfWeek, [1]);
  assert.equal(parse('0 0 0 * * *').schedule?.shortcut, undefined);
});
