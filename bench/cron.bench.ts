// Schedule engine speed, side by side with croner and cron-parser in one run: next runs on
// a corpus of typical schedules, sparse and never-firing schedules, parse throughput, and
// `trailcron next --batch` on 10,000 lines through the built CLI.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import type { Bench, Task } from 'tinybench' with { 'resolution-mode': 'import' };
import { nextRun, nextRuns, parse, type Schedule } from '../cron';
import { formatInstant } from '../cron/instant';
import type { BenchResult } from './run';

const ROOT = resolve(__dirname, '..');
const RUNS_PER_CALL = 10;
const BATCH_LINES = 10_000;
const BATCH_REPEATS = 3;

/** Each schedule in the crate's syntax and in the 0-based weekday syntax of the others. */
const TYPICAL = [
  { ours: '0 */5 * * * *', theirs: '0 */5 * * * *' },
  { ours: '0 0 * * * *', theirs: '0 0 * * * *' },
  { ours: '0 0 9 * * MON-FRI', theirs: '0 0 9 * * MON-FRI' },
  { ours: '0 30 2 * * *', theirs: '0 30 2 * * *' },
  { ours: '0 0 0 1 * *', theirs: '0 0 0 1 * *' },
  { ours: '*/10 * * * * *', theirs: '*/10 * * * * *' },
  { ours: '0 15,45 8-18 * * *', theirs: '0 15,45 8-18 * * *' },
  { ours: '0 0 12 * * 1', theirs: '0 0 12 * * 0' },
  { ours: '0 0 0 1 1 *', theirs: '0 0 0 1 1 *' },
  { ours: '30 0 6 * * 2-6', theirs: '30 0 6 * * 1-5' },
];

/** Start instants spread over 2026-2030, so no engine can reuse a result for one date. */
const STARTS = Array.from(
  { length: 97 },
  (_, index) => new Date(Date.UTC(2026, 11, 4, 15) + index * 19_380_013_000),
);

interface Measured {
  name: string;
  /** Mean time per task call, in microseconds; undefined when not measured. */
  micros?: number;
  relativeMargin?: number;
  note?: string;
}

export default async function run(): Promise<BenchResult> {
  const typical = await measureTypical();
  const sparse = await measureSparse();
  const parsing = await measureParse();
  const batch = measureBatch();
  const markdown = [typical, sparse, parsing, batch].join('\n\n');
  return { title: 'Schedule engine (cron/)', markdown };
}

async function runBench(add: (bench: Bench) => void): Promise<Measured[]> {
  // tinybench is an ES module and this file is CommonJS, so it is loaded with import().
  const { Bench } = await import('tinybench');
  const bench = new Bench({ time: 1000, warmupTime: 200 });
  add(bench);
  await bench.run();
  return bench.tasks.map(resultOf);
}

function resultOf(task: Task): Measured {
  const result = task.result;
  if (result.state !== 'completed') return { name: task.name, note: `failed: ${result.state}` };
  return {
    name: task.name,
    micros: result.latency.mean * 1000,
    relativeMargin: result.latency.rme,
  };
}

async function measureTypical(): Promise<string> {
  const ours = TYPICAL.map((entry) => mustParse(entry.ours));
  const croners = TYPICAL.map((entry) => new Cron(entry.theirs, { timezone: 'UTC', paused: true }));
  const parsers = TYPICAL.map((entry) =>
    CronExpressionParser.parse(entry.theirs, { currentDate: STARTS[0], tz: 'UTC' }),
  );
  let index = 0;
  const nextStart = () => STARTS[index++ % STARTS.length]!;
  const results = await runBench((bench) => {
    bench.add('trailcron', () => {
      const from = nextStart();
      for (const schedule of ours) nextRuns(schedule, from, RUNS_PER_CALL);
    });
    bench.add('croner', () => {
      const from = nextStart();
      for (const cron of croners) cron.nextRuns(RUNS_PER_CALL, from);
    });
    bench.add('cron-parser', () => {
      const from = nextStart();
      for (const expression of parsers) {
        expression.reset(from);
        expression.take(RUNS_PER_CALL);
      }
    });
  });

  const runsPerCall = TYPICAL.length * RUNS_PER_CALL;
  const cronerMicros = results.find((result) => result.name === 'croner')?.micros;
  const rows = results.map((result) => {
    const perRun = result.micros === undefined ? undefined : result.micros / runsPerCall;
    const ratio =
      cronerMicros === undefined || result.micros === undefined
        ? 'n/a'
        : `${(cronerMicros / result.micros).toFixed(1)}×`;
    const perSecond = perRun === undefined ? 'n/a' : formatCount(1e6 / perRun);
    const margin = `±${(result.relativeMargin ?? 0).toFixed(1)}%`;
    return `| ${result.name} | ${formatMicros(perRun)} | ${perSecond} | ${ratio} | ${margin} |`;
  });
  return [
    `### Next ${RUNS_PER_CALL} runs, typical schedules`,
    '',
    `${TYPICAL.length} schedules (${TYPICAL.map((entry) => `\`${entry.ours}\``).join(', ')}),`,
    `each asked for its next ${RUNS_PER_CALL} runs from one of ${STARTS.length} start instants;`,
    'schedules are parsed once beforehand. Target: at least 10× croner.',
    '',
    '| engine | µs per next run | next runs per second | speed vs croner | margin |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function measureSparse(): Promise<string> {
  const from = new Date('2026-12-04T15:00:00Z');
  const cases = [
    {
      label: '`0 0 0 29 2 MON` (leap day on a Monday)',
      ours: '0 0 0 29 2 MON',
      croner: '0 0 0 29 2 MON',
      cronParser: undefined,
      parserNote: 'combines day-of-month and day-of-week with OR',
    },
    {
      label: '`0 0 0 1 1 * 2099` (one year)',
      ours: '0 0 0 1 1 * 2099',
      croner: '0 0 0 1 1 * 2099',
      cronParser: undefined,
      parserNote: 'has no year field',
    },
    {
      label: '`0 0 0 30 2 *` (never fires)',
      ours: '0 0 0 30 2 *',
      croner: '0 0 0 30 2 *',
      cronParser: undefined,
      parserNote: 'rejects the schedule',
    },
    {
      label: '`0 0 0 31 4,6,9,11 *` (never fires)',
      ours: '0 0 0 31 4,6,9,11 *',
      croner: '0 0 0 31 4,6,9,11 *',
      cronParser: undefined,
      parserNote: 'rejects the schedule',
    },
  ];
  const rows: string[] = [];
  for (const entry of cases) {
    const parsed = mustParse(entry.ours);
    const results = await runBench((bench) => {
      bench.add('trailcron, parse + next run', () => {
        const schedule = parse(entry.ours).schedule;
        if (schedule !== undefined) nextRun(schedule, from);
      });
      bench.add('trailcron, next run', () => {
        nextRun(parsed, from);
      });
      bench.add('croner, new Cron + next run', () => {
        new Cron(entry.croner, { timezone: 'UTC', paused: true, domAndDow: true }).nextRun(from);
      });
    });
    const cells = results.map((result) => formatMicros(result.micros));
    const found = nextRun(parsed, from);
    const answer = found === undefined ? 'none' : formatInstant(found);
    rows.push(`| ${entry.label} | ${answer} | ${cells.join(' | ')} | n/a (${entry.parserNote}) |`);
  }
  return [
    '### Sparse and never-firing schedules',
    '',
    'Time for one next run after 2026-12-04T15:00:00Z. croner runs with `domAndDow: true` so',
    'that it combines the day fields with AND like the crate. Target: under 100 µs for us.',
    '',
    '| schedule | next run | trailcron parse + next (µs) | trailcron next (µs) ' +
      '| croner new + next (µs) | cron-parser |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function measureParse(): Promise<string> {
  const texts = TYPICAL.map((entry) => entry.theirs);
  const ourTexts = TYPICAL.map((entry) => entry.ours);
  const results = await runBench((bench) => {
    bench.add('trailcron parse', () => {
      for (const text of ourTexts) parse(text);
    });
    bench.add('croner new Cron', () => {
      for (const text of texts) new Cron(text, { timezone: 'UTC', paused: true });
    });
    bench.add('cron-parser parse', () => {
      for (const text of texts) CronExpressionParser.parse(text, { tz: 'UTC' });
    });
  });
  const rows = results.map((result) => {
    const perParse = result.micros === undefined ? undefined : result.micros / texts.length;
    const perSecond = perParse === undefined ? 'n/a' : formatCount(1e6 / perParse);
    return `| ${result.name} | ${formatMicros(perParse)} | ${perSecond} |`;
  });
  return [
    '### Parse throughput',
    '',
    `The ${TYPICAL.length} typical schedules above, parsed from text.`,
    '',
    '| engine | µs per schedule | schedules per second |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

function measureBatch(): string {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);

  const inputs = [
    { label: '15 schedules, repeated', input: repeatedInput() },
    { label: '10,000 distinct schedules', input: distinctInput() },
  ];
  const rows = inputs.map(({ label, input }) => {
    const times = timeBatch(input);
    const median = times[Math.floor(times.length / 2)];
    return `| ${label} | ${formatMs(times[0])} | ${formatMs(median)} | ${formatMs(times.at(-1))} |`;
  });
  return [
    '### `trailcron next --batch`, 10,000 lines',
    '',
    'Wall time of `node dist/cli.js next --batch` (5 runs per line, Node start-up included),',
    `${BATCH_REPEATS} runs per input. The repeated input mixes typical, sparse and invalid`,
    'schedules; the CLI parses each distinct schedule once. Target: under 2 s.',
    '',
    '| input | fastest | median | slowest |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Sorted wall times in milliseconds of `next --batch` on `input`. */
function timeBatch(input: string): number[] {
  const times: number[] = [];
  for (let repeat = 0; repeat < BATCH_REPEATS; repeat++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['dist/cli.js', 'next', '--batch'], {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const lines = result.stdout.trim().split('\n');
    if (result.status !== 0 || lines.length !== BATCH_LINES) {
      throw new Error(`next --batch failed: status ${result.status}, ${lines.length} lines`);
    }
  }
  return times.sort((a, b) => a - b);
}

function repeatedInput(): string {
  const schedules = [
    ...TYPICAL.map((entry) => entry.ours),
    '0 0 0 29 2 MON',
    '0 0 0 1 1 * 2099',
    '0 0 0 30 2 *',
    '0 0 0 * * 0',
    '0 9 * * 1-5',
  ];
  return batchInput((index) => schedules[index % schedules.length] ?? '');
}

// Every line a different schedule: seconds, minutes and hours vary, a third restrict the
// weekdays and a fifth the day of the month.
function distinctInput(): string {
  return batchInput((index) => {
    const second = index % 60;
    const minute = Math.floor(index / 60) % 60;
    const hours = `${Math.floor(index / 3600) % 24}-23`;
    const day = index % 5 === 0 ? `${(index % 28) + 1}` : '*';
    const weekday = index % 3 === 0 ? 'MON-FRI' : '*';
    return `${second} ${minute} ${hours} ${day} * ${weekday}`;
  });
}

function batchInput(scheduleAt: (index: number) => string): string {
  const lines: string[] = [];
  for (let index = 0; index < BATCH_LINES; index++) {
    const from = STARTS[index % STARTS.length]!.toISOString();
    lines.push(`${scheduleAt(index)}\t${from}`);
  }
  return `${lines.join('\n')}\n`;
}

function mustParse(text: string): Schedule {
  const schedule = parse(text).schedule;
  if (schedule === undefined) throw new Error(`benchmark schedule ${text} does not parse`);
  return schedule;
}

function formatMicros(micros: number | undefined): string {
  if (micros === undefined) return 'n/a';
  if (micros < 10) return micros.toFixed(2);
  if (micros < 1000) return micros.toFixed(1);
  return micros.toFixed(0);
}

function formatMs(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`;
}

function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}
