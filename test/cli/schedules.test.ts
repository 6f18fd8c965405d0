// `trailcron next` and `trailcron explain` through the built CLI bundle (dist/cli.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve(__dirname, '../../dist/cli.js');
const FROM = '2026-12-04T15:00:00Z';

function trailcron(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  assert.ok(existsSync(CLI), `${CLI} is missing; build with node esbuild.mjs`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('next prints runs in UTC', () => {
  const result = trailcron(['next', '0 0 9 * * MON-FRI', '--from', FROM, '--count', '3']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.stdout.trim().split('\n'), [
    '2026-12-07T09:00:00Z',
    '2026-12-08T09:00:00Z',
    '2026-12-09T09:00:00Z',
  ]);
  assert.equal(result.stderr, '');
});

test('next joins an unquoted schedule', () => {
  const result = trailcron(['next', '--from', FROM, '--count', '1', '0', '0', '0', '1', '1', '?']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '2027-01-01T00:00:00Z\n');
});

test('next --json', () => {
  const result = trailcron(['next', '@yearly', '--from', FROM, '--count', '2', '--json']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), {
    schedule: '@yearly',
    from: FROM,
    ok: true,
    next: ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z'],
  });
});

test('next --json with an invalid schedule', () => {
  const result = trailcron(['next', '0 0 0 * * 0', '--from', FROM, '--json']);
  assert.equal(result.status, 1);
  const record = JSON.parse(result.stdout);
  assert.equal(record.ok, false);
  assert.deepEqual(record.diagnostics, [
    {
      code: 'day-of-week-zero',
      message: 'day-of-week 0 is out of range 1-7 (1 = Sunday); use 1 or SUN',
      start: 10,
      end: 11,
    },
  ]);
});

test('next with an invalid schedule exits 1', () => {
  const result = trailcron(['next', '0 9 * * 1-5']);
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^trailcron: invalid schedule "0 9 \* \* 1-5": found 5 fields/);
  assert.match(lines[0]!, /fix: 0 0 9 \* \* 2-6$/);
});

test('next of a never-firing schedule', () => {
  const result = trailcron(['next', '0 0 0 30 2 *', '--from', FROM]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, 'trailcron: this schedule never fires: February has no day 30\n');
});

test('next stops at the last year', () => {
  const result = trailcron(['next', '0 0 0 1 1 * 2027-2028', '--from', FROM]);
  assert.equal(result.status, 0);
  assert.deepEqual(result.stdout.trim().split('\n'), [
    '2027-01-01T00:00:00Z',
    '2028-01-01T00:00:00Z',
  ]);
  assert.match(result.stderr, /no runs after 2028-01-01T00:00:00Z/);
});

test('usage errors exit 2', () => {
  const cases = [
    ['next'],
    ['next', '* * * * * *', '--count', '0'],
    ['next', '* * * * * *', '--count', 'x'],
    ['next', '* * * * * *', '--from', 'yesterday'],
    ['next', '* * * * * *', '--from'],
    ['next', '* * * * * *', '--bogus'],
    ['next', '--batch', '* * * * * *'],
    ['explain'],
    ['explain', '* * * * * *', '--json'],
  ];
  for (const args of cases) {
    const result = trailcron(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /^trailcron: .+ Usage: trailcron /, args.join(' '));
  }
});

test('next --batch writes one JSON line per input line', () => {
  const input = [
    `0 0 0 1 1 *\t${FROM}`,
    `0 0 0 * * 0\t${FROM}`,
    `0 0 0 30 2 *\t${FROM}`,
    `0 0 0 * * *\tnot-a-date`,
    `@daily\t2026-13-01`,
    '',
    `0\t0\t0\t*\t*\t*\t${FROM}`,
  ].join('\n');

  const result = trailcron(['next', '--batch', '--count', '2'], `${input}\n`);
  assert.equal(result.status, 0, result.stderr);

  const records = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(records.length, 6);
  assert.deepEqual(records[0], {
    schedule: '0 0 0 1 1 *',
    from: FROM,
    ok: true,
    next: ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z'],
  });

  assert.equal(records[1].ok, false);
  assert.equal(records[1].diagnostics[0].code, 'day-of-week-zero');
  assert.deepEqual(records[2], { schedule: '0 0 0 30 2 *', from: FROM, ok: true, next: [] });
  assert.equal(records[3].schedule, '0 0 0 * * *');
  assert.equal(records[3].from, 'not-a-date');
  assert.equal(records[3].ok, false);
  assert.equal(records[3].diagnostics[0].code, 'invalid-from');
  assert.equal(records[4].ok, false);
  assert.equal(records[4].diagnostics[0].code, 'invalid-from');
  assert.deepEqual(records[5].next, ['2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z']);
});

test('next --batch splits at the last tab', () => {
  const input = ['@hourly\tgarbage', `@hourly\t`, '@hourly'].join('\n');
  const result = trailcron(['next', '--batch', '--count', '1'], `${input}\n`);
  assert.equal(result.status, 0, result.stderr);
  const records = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(records.length, 3);

  assert.equal(records[0].schedule, '@hourly');
  assert.equal(records[0].from, 'garbage');
  assert.equal(records[0].ok, false);
  assert.equal(records[0].diagnostics.length, 1);
  assert.equal(records[0].diagnostics[0].code, 'invalid-from');
  assert.match(records[0].diagnostics[0].message, /"garbage"/);
  assert.match(records[0].diagnostics[0].message, /ISO-8601 such as 2026-12-04T15:00:00Z/);

  // An empty start time after the tab means now, as on a line without a tab.
  assert.equal(records[1].schedule, '@hourly');
  assert.equal(records[1].ok, true);
  assert.equal(records[1].next.length, 1);
  assert.equal(records[2].schedule, '@hourly');
  assert.equal(records[2].ok, true);
});

test('next --batch with no input writes nothing', () => {
  const result = trailcron(['next', '--batch'], '');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
});

test('explain shows meaning, runs in UTC and local time, warnings', () => {
  const result = trailcron(['explain', '0 0 9 * * 7', '--from', FROM, '--count', '2'], undefined, {
    TZ: 'Europe/Berlin',
  });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines[0], 'Schedule:  0 0 9 * * 7');
  assert.equal(lines[1], 'Meaning:   at 09:00:00 UTC, on Saturday');
  assert.match(lines[2]!, /Europe\/Berlin/);
  assert.match(
    lines[3]!,
    /2026-12-05 09:00:00 UTC +2026-12-05 10:00:00 CET \(Europe\/Berlin\) +in 18 h/,
  );
  assert.match(lines[4]!, /2026-12-12 09:00:00 UTC/);
  assert.equal(lines[5], 'Warnings:');
  assert.match(lines[6]!, /warning: day-of-week 7 is Saturday/);
});

test('explain in UTC shows one column', () => {
  const result = trailcron(['explain', '@daily', '--from', FROM, '--count', '1'], undefined, {
    TZ: 'UTC',
  });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines[2], 'Next runs (UTC, which is also the local time zone):');
  assert.equal(lines[3], '  2026-12-05 00:00:00 UTC   in 9 h');
  assert.equal(lines.length, 4);
});

test('explain of a never-firing schedule', () => {
  const result = trailcron(['explain', '0 0 0 31 4 *', '--from', FROM]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Next runs: none \(this schedule never fires: April has no day 31\)/);
});

test('explain of an invalid schedule exits 1', () => {
  const result = trailcron(['explain', '@midnight']);
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.equal(
    result.stderr,
    'trailcron: invalid schedule "@midnight": @midnight is not supported by TrailBase; ' +
      'use @daily, which means the same (column 1); fix: @daily\n',
  );
});
