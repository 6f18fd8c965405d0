// `trailcron run`, `jobs` and `run-job`: the scheduler of a TrailBase project folder, in this
// process, with system job work in worker threads next to this bundle (dist/worker.js).
import { dirname, join, resolve } from 'node:path';
import { startAdminServer } from '../scheduler/admin/server';
import { createAdminToken } from '../scheduler/adminToken';
import { describeRun, formatLogLine, runLevel } from '../scheduler/logFormat';
import type { JobInfo, JobProblem, LogLevel } from '../scheduler/protocol';
import { Scheduler, type SchedulerListener } from '../scheduler/service';
import { FIRST_USER_JOB_ID } from '../server/config/systemJobs';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command';

const SHUTDOWN_GRACE_MS = 3_000;
const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

interface JobsArgs {
  project: string;
  positionals: string[];
  trust: boolean;
  json: boolean;
  port: number;
  searchRoots: string[];
  runTimeoutMs?: number;
}

const SEARCH_ROOT_USAGE = '[--trust [--search-root <dir>]...]';

export const runRunCommand: Command = (args) =>
  withUsage(`run <project> ${SEARCH_ROOT_USAGE} [--port N] [--run-timeout-sec N]`, async () => {
    const options = parseArgs(args, 1, ['--trust', '--search-root', '--port', '--run-timeout-sec']);
    const scheduler = await Scheduler.start({
      projectDir: options.project,
      trusted: options.trust,
      searchRoots: userJobSearchRoots(options),
      runTimeoutMs: options.runTimeoutMs,
      workerFile: workerFile(),
      listener: liveLog('info'),
    });
    // TrailBase does not start with an invalid config, so neither does its scheduler here.
    if (!scheduler.configValid) {
      printProblems(scheduler.runtime.listJobs().problems, process.stderr);
      await scheduler.close(0);
      process.stderr.write('trailcron run: fix config.textproto and start again\n');
      return EXIT_INVALID;
    }
    const token = createAdminToken(scheduler.paths);
    const admin = await startAdminServer({
      port: options.port,
      token,
      control: scheduler.runtime,
      log: (level, message) => printLog(level, message),
    });

    const out = process.stdout;
    out.write(`Scheduler running for ${scheduler.paths.root}\n`);
    out.write(`Admin API: ${admin.url} (bearer token in ${scheduler.paths.adminToken})\n`);
    printJobs(scheduler.runtime.listJobs().jobs);
    printProblems(scheduler.runtime.listJobs().problems);
    out.write('Press Ctrl-C to stop.\n');

    const signal = await waitForSignal();
    printLog('info', `Received ${signal}; stopping (running jobs get ${SHUTDOWN_GRACE_MS} ms)`);
    await scheduler.close(SHUTDOWN_GRACE_MS);
    await admin.close();
    return EXIT_OK;
  });

export const runJobsCommand: Command = (args) =>
  withUsage(`jobs <project> ${SEARCH_ROOT_USAGE} [--json]`, async () => {
    const options = parseArgs(args, 1, ['--trust', '--search-root', '--json']);
    const scheduler = await Scheduler.start({
      projectDir: options.project,
      trusted: options.trust,
      searchRoots: userJobSearchRoots(options),
      workerFile: workerFile(),
      watchConfig: false,
      timers: false,
    });
    const { jobs, problems } = scheduler.runtime.listJobs();
    await scheduler.close(0);

    if (options.json) {
      // Exactly the admin API's list response.
      const list = jobs.map(({ id, name, schedule, enabled, next, latest }) => {
        return { id, name, schedule, enabled, next, latest };
      });
      process.stdout.write(`${JSON.stringify({ jobs: list })}\n`);
    } else {
      printJobs(jobs);
    }
    printProblems(problems, process.stderr);
    return EXIT_OK;
  });

export const runRunJobCommand: Command = (args) =>
  withUsage(`run-job <project> <id> ${SEARCH_ROOT_USAGE} [--run-timeout-sec N]`, async () => {
    const options = parseArgs(args, 2, ['--trust', '--search-root', '--run-timeout-sec']);
    const idText = options.positionals[1] ?? '';
    const id = Number(idText);
    if (!Number.isInteger(id)) throw new UsageError(`job id must be an integer, got '${idText}'`);

    const scheduler = await Scheduler.start({
      projectDir: options.project,
      trusted: options.trust,
      searchRoots: userJobSearchRoots(options),
      runTimeoutMs: options.runTimeoutMs,
      workerFile: workerFile(),
      watchConfig: false,
      timers: false,
      listener: liveLog('info'),
    });
    const onSignal = (): void => void scheduler.close(SHUTDOWN_GRACE_MS);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    const result = await scheduler.runtime.runJob(id, 'cli');
    await scheduler.close(SHUTDOWN_GRACE_MS);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);

    if (result.rejected !== undefined) {
      process.stderr.write(`trailcron run-job: ${result.error ?? result.rejected}\n`);
      if (id >= FIRST_USER_JOB_ID && !options.trust) {
        process.stderr.write('User jobs (ids from 1024) load only with --trust.\n');
      }
      printProblems(scheduler.runtime.listJobs().problems, process.stderr);
      return EXIT_INVALID;
    }
    return result.error === null ? EXIT_OK : EXIT_INVALID;
  });

async function withUsage(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`trailcron: ${error.message}\nUsage: trailcron ${usage}\n`);
    return EXIT_USAGE;
  }
}

function parseArgs(args: string[], positionalCount: number, flags: string[]): JobsArgs {
  const options: JobsArgs = {
    project: '',
    positionals: [],
    trust: false,
    json: false,
    port: 0,
    searchRoots: [],
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg.startsWith('--') && !flags.includes(arg)) {
      throw new UsageError(`unknown option '${arg}'`);
    }
    if (arg === '--trust') options.trust = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--run-timeout-sec') {
      const text = args[++index];
      const seconds = Number(text);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        throw new UsageError(`--run-timeout-sec expects a positive number, got '${text ?? ''}'`);
      }
      options.runTimeoutMs = seconds * 1000;
    } else if (arg === '--search-root') {
      const root = args[++index];
      if (root === undefined || root.startsWith('--')) {
        throw new UsageError('--search-root expects a folder');
      }
      options.searchRoots.push(root);
    } else if (arg === '--port') {
      const text = args[++index];
      const port = Number(text);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new UsageError(`--port expects a port number 0-65535, got '${text ?? ''}'`);
      }
      options.port = port;
    } else options.positionals.push(arg);
  }
  if (options.positionals.length !== positionalCount) {
    throw new UsageError(
      `expected ${positionalCount} argument(s), got ${options.positionals.length}`,
    );
  }
  options.project = options.positionals[0]!;
  return options;
}

// Guest code usually lives beside traildepot/ (the app's repository), so without explicit
// roots a trusted run searches the project's parent folder, as the extension searches the
// workspace folder.
function userJobSearchRoots(options: JobsArgs): string[] {
  if (!options.trust) return [];
  if (options.searchRoots.length > 0) return options.searchRoots.map((root) => resolve(root));
  return [dirname(resolve(options.project))];
}

function workerFile(): string {
  return join(__dirname, 'worker.js');
}

function liveLog(minimum: LogLevel): SchedulerListener {
  const shown = (level: LogLevel): boolean =>
    LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minimum);
  return {
    log: (level, message) => {
      if (shown(level)) printLog(level, message);
    },
    runFinished: (run) => printLog(runLevel(run), describeRun(run)),
  };
}

function printLog(level: LogLevel, message: string): void {
  process.stdout.write(`${formatLogLine(level, Date.now(), message)}\n`);
}

function printJobs(jobs: readonly JobInfo[]): void {
  const rows = jobs.map((job) => [
    String(job.id),
    job.name,
    job.schedule,
    job.enabled ? 'enabled' : 'disabled',
    job.next === null ? '-' : new Date(job.next * 1000).toISOString(),
    formatLatest(job),
  ]);
  const header = ['ID', 'NAME', 'SCHEDULE', 'STATE', 'NEXT RUN (UTC)', 'LAST RUN'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  for (const row of [header, ...rows]) {
    const line = row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
    process.stdout.write(`${line.trimEnd()}\n`);
  }
}

function formatLatest(job: JobInfo): string {
  if (job.latest === null) return '-';
  const [start, durationMs, error] = job.latest;
  const when = new Date(start * 1000).toISOString();
  return error === null ? `${when} ok (${durationMs} ms)` : `${when} failed: ${error}`;
}

function printProblems(
  problems: readonly JobProblem[],
  stream: NodeJS.WritableStream = process.stdout,
): void {
  for (const problem of problems) {
    const where =
      problem.source === undefined
        ? ''
        : ` (${problem.source.file}:${problem.source.line + 1}:${problem.source.character + 1})`;
    stream.write(`warning: ${problem.name}: ${problem.message}${where}\n`);
  }
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}
