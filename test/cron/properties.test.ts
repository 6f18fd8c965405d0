// Property tests. For random valid schedules, the runs match every field, strictly increase,
// skip nothing (compared with a minute-by-minute scan), and previousRun undoes nextRun. For
// random text, the parser never throws and keeps its ranges inside the input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  describe,
  nextRun,
  nextRuns,
  parse,
  previousRun,
  scheduleWarnings,
  type ParseResult,
  type Schedule,
} from '../../cron';
import { instant, scheduleText } from './arbitraries';
import { matches, scanMatches } from './reference';

const WINDOW_MS = 2 * 24 * 3600 * 1000;
const RUNS = 40;
const LAST_INSTANT = Date.UTC(2100, 11, 31, 23, 59, 59);

function parseValid(text: string): Schedule {
  const result = parse(text);
  assert.ok(result.schedule !== undefined, `${text}: ${JSON.stringify(result.diagnostics)}`);
  return result.schedule;
}

test('generated schedules all parse', () => {
  fc.assert(
    fc.property(scheduleText, (text) => {
      parseValid(text);
    }),
    { numRuns: 500 },
  );
});

test('runs match every field and increase', () => {
  fc.assert(
    fc.property(scheduleText, instant, (text, start) => {
      const schedule = parseValid(text);
      const runs = nextRuns(schedule, start, RUNS);
      let previous = start.getTime();
      for (const run of runs) {
        assert.ok(matches(schedule, run), `${text}: ${run.toISOString()} does not match`);
        assert.ok(
          run.getTime() > previous,
          `${text}: ${run.toISOString()} is not after ${previous}`,
        );
        assert.ok(run.getTime() <= LAST_INSTANT, `${text}: ${run.toISOString()} is after 2100`);
        previous = run.getTime();
      }
    }),
    { numRuns: 400 },
  );
});

test('runs agree with a minute-by-minute scan', () => {
  fc.assert(
    fc.property(scheduleText, instant, (text, start) => {
      const schedule = parseValid(text);
      const until = new Date(start.getTime() + WINDOW_MS);
      const expected = scanMatches(schedule, start, until, RUNS).map((run) => run.toISOString());
      const runs = nextRuns(schedule, start, RUNS)
        .filter((run) => run.getTime() <= until.getTime())
        .map((run) => run.toISOString());
      assert.deepEqual(runs, expected, text);
    }),
    { numRuns: 250 },
  );
});

test('nothing matches just before a sparse run', () => {
  fc.assert(
    fc.property(scheduleText, instant, (text, start) => {
      const schedule = parseValid(text);
      const first = nextRun(schedule, start);
      if (first === undefined) return;
      const windowStart = new Date(Math.max(start.getTime(), first.getTime() - WINDOW_MS));
      const justBefore = new Date(first.getTime() - 1000);
      assert.deepEqual(scanMatches(schedule, windowStart, justBefore, 1), [], text);
    }),
    { numRuns: 250 },
  );
});

test('previousRun undoes nextRun', () => {
  fc.assert(
    fc.property(scheduleText, instant, (text, start) => {
      const schedule = parseValid(text);
      const runs = nextRuns(schedule, start, 10);
      for (let index = 1; index < runs.length; index++) {
        const before = previousRun(schedule, runs[index]!);
        assert.equal(before?.toISOString(), runs[index - 1]!.toISOString(), text);
      }
      const last = previousRun(schedule, start);
      if (last !== undefined) {
        assert.ok(matches(schedule, last), `${text}: ${last.toISOString()} does not match`);
        assert.ok(last.getTime() < start.getTime(), text);
        const following = nextRun(schedule, last);
        // No run lies between the previous run and the start; the schedule may also end.
        assert.ok(following === undefined || following.getTime() >= start.getTime(), text);
      }
    }),
    { numRuns: 300 },
  );
});

test('warnings and descriptions of random schedules', () => {
  fc.assert(
    fc.property(scheduleText, instant, (text, now) => {
      const schedule = parseValid(text);
      assert.ok(describe(schedule).length > 0, text);
      for (const warning of scheduleWarnings(schedule, now)) {
        assert.notEqual(warning.severity, 'error', text);
        assert.ok(warning.start >= 0, `${text}: ${warning.code}`);
        assert.ok(warning.start < warning.end, `${text}: ${warning.code}`);
        assert.ok(warning.end <= text.length, `${text}: ${warning.code}`);
      }
    }),
    { numRuns: 300 },
  );
});

function assertRangesInside(text: string, result: ParseResult): void {
  const errors = result.diagnostics.filter((item) => item.severity === 'error');
  assert.equal(result.schedule === undefined, errors.length > 0, JSON.stringify(text));
  for (const diagnostic of result.diagnostics) {
    assert.ok(diagnostic.start >= 0, JSON.stringify(text));
    assert.ok(diagnostic.start <= diagnostic.end, JSON.stringify(text));
    assert.ok(diagnostic.end <= text.length, `${JSON.stringify(text)}: ${diagnostic.code}`);
    assert.ok(diagnostic.message.length > 0);
    for (const edit of diagnostic.fixes.flatMap((fix) => fix.edits)) {
      assert.ok(edit.start >= 0, JSON.stringify(text));
      assert.ok(edit.start <= edit.end, JSON.stringify(text));
      assert.ok(edit.end <= text.length, JSON.stringify(text));
    }
  }
}

test('parse never throws on any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
      assertRangesInside(text, parse(text));
    }),
    { numRuns: 2000 },
  );
});

test('parse never throws on near-schedules', () => {
  // Schedule tokens, separators, unsupported syntax, tabs, newlines and non-ASCII digits.
  const tokens = '0 1 5 7 9 12 24 31 60 2100 * ? , - / L W # @ MON Fri jan Sept @daily @DAILY ½ ٣';
  const pieces = fc.constantFrom(...tokens.split(' '), ' ', '\t', '\n', '\u00a0');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 25 }), (parts) => {
      const text = parts.join('');
      assertRangesInside(text, parse(text));
    }),
    { numRuns: 3000 },
  );
});
