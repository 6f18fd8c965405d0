// `trailcron next` and `trailcron explain`: next runs, descriptions and warnings of a
// schedule, computed by the same engine the language server and the scheduler use.
import {
  describe,
  formatRelative,
  formatRun,
  neverFires,
  nextRuns,
  parse,
  scheduleWarnings,
  type CronDiagnostic,
  type ParseResult,
  type Schedule,
} from '../cron';
import { formatInstant, parseInstant } from '../cron/instant';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command';

const DEFAULT_COUNT = 5;
const MAX_COUNT = 10_000;
/** Output lines of `next --batch` collected before one write to stdout. */
const BATCH_WRITE_LINES = 500;
/**
 * Distinct schedules whose parse results `next --batch` keeps. On 10,000 lines a cache of
 * 10,000 made distinct input slower (retained results cost more garbage collection than
 * reparsing), and 32 was faster than 100 or 256 on both distinct and repeating input.
 */
const PARSE_CACHE_SIZE = 32;

interface ScheduleArgs {
  schedule?: string;
  from: Date;
  fromText: string;
  count: number;
  json: boolean;
  batch: boolean;
}

const NEXT_USAGE =
  'next <schedule> [--from <ISO-8601>] [--count N] [--json] | next --batch [--count N]';
const EXPLAIN_USAGE = 'explain <schedule> [--from <ISO-8601>] [--count N]';

export const runNextCommand: Command = (args) =>
  withUsage(NEXT_USAGE, async () => {
    const options = parseScheduleArgs(args, ['--from', '--count', '--json', '--batch']);
    if (options.batch) {
      if (options.schedule !== undefined) {
        throw new UsageError('--batch reads schedules from stdin; give no schedule argument');
      }
      await runBatch(options.count);
      return EXIT_OK;
    }
    const text = requireSchedule(options);
    if (options.json) {
      const record = batchRecord(text, options.fromText, options.from, options.count);
      process.stdout.write(`${JSON.stringify(record)}\n`);
      return record.ok ? EXIT_OK : EXIT_INVALID;
    }

    const result = parse(text);
    if (result.schedule === undefined) return reportInvalid(text, result.diagnostics);

    const runs = nextRuns(result.schedule, options.from, options.count);
    for (const run of runs) process.stdout.write(`${formatInstant(run)}\n`);
    if (runs.length < options.count) {
      process.stderr.write(`trailcron: ${endOfRuns(result.schedule, runs)}\n`);
    }
    return EXIT_OK;
  });

export const runExplainCommand: Command = (args) =>
  withUsage(EXPLAIN_USAGE, async () => {
    const options = parseScheduleArgs(args, ['--from', '--count']);
    const text = requireSchedule(options);
    const result = parse(text);
    if (result.schedule === undefined) return reportInvalid(text, result.diagnostics);
    process.stdout.write(explain(result.schedule, options.from, options.count));
    return EXIT_OK;
  });

function endOfRuns(schedule: Schedule, runs: Date[]): string {
  const never = neverFires(schedule);
  if (never !== undefined) return `this schedule never fires: ${never.reason}`;
  const last = runs[runs.length - 1];
  const after = last === undefined ? 'the start time' : formatInstant(last);
  return `no runs after ${after}; runs end at 2100-12-31T23:59:59Z or with the year field`;
}

function explain(schedule: Schedule, now: Date, count: number): string {
  const timeZone = localTimeZone();
  const lines = [`Schedule:  ${schedule.source.trim()}`, `Meaning:   ${describe(schedule)}`];
  const runs = nextRuns(schedule, now, count);
  if (runs.length === 0) {
    lines.push(`Next runs: none (${endOfRuns(schedule, runs)})`);
  } else {
    // With a UTC machine zone the local column would repeat the UTC one.
    const showLocal = timeZone !== 'UTC' && timeZone !== 'Etc/UTC';
    const zones = showLocal
      ? `UTC, then local time in ${timeZone}`
      : 'UTC, which is also the local time zone';
    lines.push(`Next runs (${zones}):`);
    for (const run of runs) {
      const local = showLocal ? `${formatRun(run, timeZone)}   ` : '';
      lines.push(`  ${formatRun(run)}   ${local}${formatRelative(run, now)}`);
    }
    if (runs.length < count) lines.push('  (no further runs until 2100-12-31 23:59:59 UTC)');
  }
  const warnings = scheduleWarnings(schedule, now);
  if (warnings.length > 0) {
    lines.push('Warnings:');
    for (const warning of warnings) lines.push(`  ${warning.severity}: ${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}

// The zone of TZ when set, else the machine's; Node resolves TZ into the Intl default.
function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function reportInvalid(text: string, diagnostics: CronDiagnostic[]): number {
  for (const diagnostic of diagnostics.filter((item) => item.severity === 'error')) {
    const column = diagnostic.start + 1;
    const fix = diagnostic.fixes[0];
    const fixText = fix === undefined ? '' : `; fix: ${applyEdits(text, fix.edits).trim()}`;
    process.stderr.write(
      `trailcron: invalid schedule ${JSON.stringify(text)}: ` +
        `${diagnostic.message} (column ${column})${fixText}\n`,
    );
  }
  return EXIT_INVALID;
}

function applyEdits(
  text: string,
  edits: ReadonlyArray<{ start: number; end: number; newText: string }>,
): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

interface BatchRecord {
  schedule: string;
  from: string;
  ok: boolean;
  next?: string[];
  diagnostics?: Array<Pick<CronDiagnostic, 'code' | 'message' | 'start' | 'end'>>;
}

function batchRecord(
  schedule: string,
  fromText: string,
  from: Date | undefined,
  count: number,
  cache?: ParseCache,
): BatchRecord {
  if (from === undefined) {
    const message =
      `invalid start time ${JSON.stringify(fromText)}; ` +
      'use ISO-8601 such as 2026-12-04T15:00:00Z';
    // NOTE: the start time is not part of the schedule text, so the range is empty at 0.
    return {
      schedule,
      from: fromText,
      ok: false,
      diagnostics: [{ code: 'invalid-from', message, start: 0, end: 0 }],
    };
  }
  const result = cache === undefined ? parse(schedule) : cache.parse(schedule);
  if (result.schedule === undefined) {
    const diagnostics = result.diagnostics
      .filter((item) => item.severity === 'error')
      .map(({ code, message, start, end }) => ({ code, message, start, end }));
    return { schedule, from: fromText, ok: false, diagnostics };
  }
  const next = nextRuns(result.schedule, from, count).map(formatInstant);
  return { schedule, from: fromText, ok: true, next };
}

// Each line is `schedule<TAB>from`, split at the last tab, so a schedule that contains tabs
// needs a start time after it. Without a tab or with an empty start time, runs count from now.
async function runBatch(count: number): Promise<void> {
  const now = new Date();
  const cache = new ParseCache();
  let pending: string[] = [];
  let partial = '';
  const handleLine = async (line: string) => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return;
    pending.push(JSON.stringify(batchLine(text, now, count, cache)));
    if (pending.length >= BATCH_WRITE_LINES) {
      await write(`${pending.join('\n')}\n`);
      pending = [];
    }
  };

  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) await handleLine(line);
  }
  await handleLine(partial);
  if (pending.length > 0) await write(`${pending.join('\n')}\n`);
}

function batchLine(line: string, now: Date, count: number, cache: ParseCache): BatchRecord {
  const tab = line.lastIndexOf('\t');
  const schedule = tab < 0 ? line : line.slice(0, tab);
  const fromText = tab < 0 ? '' : line.slice(tab + 1).trim();
  if (fromText === '') return batchRecord(schedule, now.toISOString(), now, count, cache);
  return batchRecord(schedule, fromText, parseInstant(fromText), count, cache);
}

/** Parse results by schedule text: batch input often repeats a few schedules. */
class ParseCache {
  private readonly results = new Map<string, ParseResult>();

  parse(text: string): ParseResult {
    let result = this.results.get(text);
    if (result === undefined) {
      if (this.results.size >= PARSE_CACHE_SIZE) this.results.clear();
      result = parse(text);
      this.results.set(text, result);
    }
    return result;
  }
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

function parseScheduleArgs(args: string[], allowed: string[]): ScheduleArgs {
  const positionals: string[] = [];
  const options: ScheduleArgs = {
    from: new Date(),
    fromText: '',
    count: DEFAULT_COUNT,
    json: false,
    batch: false,
  };
  options.fromText = options.from.toISOString();
  let optionsEnded = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--' && !optionsEnded) {
      optionsEnded = true;
      continue;
    }
    if (optionsEnded || !arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name = '', inlineValue] = arg.split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${name}`);
    const takeValue = () => {
      const value = inlineValue ?? args[++index];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      return value;
    };
    if (name === '--json') options.json = true;
    else if (name === '--batch') options.batch = true;
    else if (name === '--count') options.count = parseCount(takeValue());
    else if (name === '--from') {
      const text = takeValue();
      const from = parseInstant(text);
      if (from === undefined)
        throw new UsageError(
          `invalid --from ${JSON.stringify(text)}; use ISO-8601 such as 2026-12-04T15:00:00Z`,
        );
      options.from = from;
      options.fromText = text;
    }
  }
  // An unquoted schedule arrives as several arguments; join them back with spaces.
  if (positionals.length > 0) options.schedule = positionals.join(' ');
  return options;
}

function parseCount(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_COUNT) {
    throw new UsageError(
      `invalid --count ${JSON.stringify(text)}; use a whole number from 1 to ${MAX_COUNT}`,
    );
  }
  return count;
}

function requireSchedule(options: ScheduleArgs): string {
  if (options.schedule === undefined) throw new UsageError('missing schedule');
  return options.schedule;
}

async function withUsage(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`trailcron: ${error.message}. Usage: trailcron ${usage}\n`);
    return EXIT_USAGE;
  }
}
