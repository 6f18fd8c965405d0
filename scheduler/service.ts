// The scheduler for one project: reads config.textproto, loads user jobs, opens the history
// and keeps the runtime's registry in step with the config file. Shared by the sidecar and
// the CLI.
import { type FSWatcher, readFileSync, statSync, watch } from 'node:fs';
import { nextRun, parse } from './cron';
import { FIRST_USER_JOB_ID } from '../server/config/systemJobs';
import { HistoryStore } from './history';
import type { JobDefinition } from './job';
import { projectPaths, type ProjectPaths } from './project';
import { acquireProjectLock, type ProjectLock } from './projectLock';
import type { JobProblem, ListJobsResult, LogLevel } from './protocol';
import { buildSystemRegistry, type SystemRegistry } from './registry';
import { JobRuntime, type RuntimeListener } from './runtime';
import { systemJobDefinitions } from './systemJobs/definitions';
import { type LoadedUserJobs, loadUserJobs } from './userJobs';
import { drainWorkers } from './workerTask';

// TrailBase configs are a few kilobytes. Parsing a file of many megabytes would block the
// event loop for minutes, so a larger file is rejected as not a config, like the editor does.
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const RELOAD_DEBOUNCE_MS = 150;

export interface SchedulerListener extends RuntimeListener {
  jobsReloaded?(result: ListJobsResult): void;
}

export interface SchedulerOptions {
  projectDir: string;
  trusted: boolean;
  searchRoots?: string[];
  workerFile: string;
  historyMaxRuns?: number;
  runTimeoutMs?: number;
  busyTimeoutMs?: number;
  /** Rebuild the registry when config.textproto changes (default true). */
  watchConfig?: boolean;
  /** Run jobs on their schedules (default true); one-shot commands turn this off. */
  timers?: boolean;
  listener?: SchedulerListener;
}

export class Scheduler {
  private watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastValid: SystemRegistry | undefined;
  private latestValid = true;
  private userJobs: LoadedUserJobs | undefined;
  private lock: ProjectLock | undefined;

  private constructor(
    readonly paths: ProjectPaths,
    readonly runtime: JobRuntime,
    readonly history: HistoryStore,
    private readonly options: SchedulerOptions,
  ) {}

  static async start(options: SchedulerOptions): Promise<Scheduler> {
    const paths = projectPaths(options.projectDir);
    if (!statSync(paths.root, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(
        `Project folder not found: ${paths.root}. Pass the folder of config.textproto.`,
      );
    }
    // Only a scheduler that fires jobs on their schedules takes the lock. One-shot commands
    // (jobs, run-job) may run beside it, as TrailBase's admin UI runs a job beside its loop.
    const lock = options.timers === false ? undefined : acquireProjectLock(paths);
    const history = new HistoryStore(paths.history, options.historyMaxRuns);
    const interrupted = history.markInterrupted(Date.now());
    const listener = options.listener ?? {};
    if (interrupted > 0) {
      listener.log?.(
        'warn',
        `Marked ${interrupted} run(s) cut off by an earlier exit as interrupted`,
      );
    }
    const runtime = new JobRuntime({
      project: paths.root,
      history,
      runTimeoutMs: options.runTimeoutMs,
      listener,
      timers: options.timers,
    });
    const scheduler = new Scheduler(paths, runtime, history, options);
    scheduler.lock = lock;
    scheduler.userJobs = await loadUserJobs({
      projectDir: paths.root,
      searchRoots: options.searchRoots ?? [],
      trusted: options.trusted,
    });
    scheduler.reload();
    if (options.watchConfig !== false) scheduler.watchConfig();
    return scheduler;
  }

  /** Re-reads config.textproto and replaces the registry, keeping results and active runs. */
  reload(): ListJobsResult {
    const registry = this.readRegistry();
    // An invalid config keeps the jobs of the last valid one, as a running TrailBase server
    // keeps its config when an edit fails validation.
    const effective = registry.valid ? registry : (this.lastValid ?? registry);
    if (registry.valid) this.lastValid = registry;
    else this.reportInvalidConfig(registry);
    this.latestValid = registry.valid;

    const userProblems: JobProblem[] = [...(this.userJobs?.problems ?? [])];
    const definitions = [
      ...systemJobDefinitions(effective.jobs, effective.settings, {
        projectDir: this.paths.root,
        workerFile: this.options.workerFile,
        busyTimeoutMs: this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      }),
      ...this.userJobDefinitions(userProblems),
    ];
    const problems: JobProblem[] = [...registry.problems, ...userProblems];
    this.runtime.setJobs(definitions, problems);
    const result = this.runtime.listJobs();
    this.options.listener?.jobsReloaded?.(result);
    return result;
  }

  /** False when the config file on disk has errors that keep TrailBase from starting. */
  get configValid(): boolean {
    return this.latestValid;
  }

  async close(graceMs: number): Promise<void> {
    this.watcher?.close();
    clearTimeout(this.reloadTimer);
    await this.runtime.shutdown(graceMs);
    // Cancelled workers finish their current statement within the busy timeout.
    await drainWorkers((this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS) + 2_000);
    await this.userJobs?.dispose();
    this.history.close();
    this.lock?.release();
  }

  private reportInvalidConfig(registry: SystemRegistry): void {
    const first = registry.problems[0]?.message ?? 'unknown error';
    const fallback =
      this.lastValid === undefined
        ? 'no system job runs until it is fixed'
        : 'the jobs of the last valid config keep running';
    this.log(
      'error',
      `${this.paths.config} has ${registry.problems.length} error(s); ${fallback}. ${first}`,
    );
  }

  private readRegistry(): SystemRegistry {
    let text: string | undefined;
    try {
      const bytes = statSync(this.paths.config).size;
      if (bytes > MAX_CONFIG_BYTES) {
        const size = (bytes / (1024 * 1024)).toFixed(1);
        return this.unreadableConfig(
          `${this.paths.config} is ${size} MB, more than the ${MAX_CONFIG_BYTES / (1024 * 1024)} ` +
            'MB trailcron reads; a TrailBase config is a few KB, so check that this is the right file',
        );
      }
      text = readFileSync(this.paths.config, 'utf8');
      if (text.includes('\u0000')) {
        return this.unreadableConfig(
          `${this.paths.config} is a binary file, not protobuf text format; TrailBase would not start`,
        );
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        return this.unreadableConfig(
          `Cannot read ${this.paths.config}: ${(error as Error).message}`,
        );
      }
    }
    return buildSystemRegistry(text, this.paths.config);
  }

  private unreadableConfig(message: string): SystemRegistry {
    const invalid = buildSystemRegistry('', this.paths.config);
    return { ...invalid, valid: false, problems: [{ name: 'config.textproto', message }] };
  }

  /** User jobs get ids from 1024 upward in the loader's order, as TrailBase numbers them. */
  private userJobDefinitions(problems: JobProblem[]): JobDefinition[] {
    const loaded = this.userJobs;
    if (loaded === undefined) return [];
    const mainDbPath = `${this.paths.data}/main.db`;
    return loaded.jobs.flatMap((job, index) => {
      const parsed = parse(job.schedule).schedule;
      if (parsed === undefined) {
        const message = `Invalid schedule ${JSON.stringify(job.schedule)}; the job is not registered`;
        problems.push({ name: job.name, message, source: job.source });
        return [];
      }
      return [
        {
          id: FIRST_USER_JOB_ID + index,
          name: job.name,
          kind: 'user' as const,
          schedule: job.schedule,
          enabled: true,
          source: job.source,
          nextRun: (after: Date) => nextRun(parsed, after),
          run: (context) =>
            loaded.run(job, {
              mainDbPath,
              timeoutMs: context.timeoutMs,
              signal: context.signal,
              // A method of the run: called detached, it would lose its `this`.
              log: (level, message) => context.log(level, message),
            }),
        },
      ];
    });
  }

  // Watches the folder, not the file: editors that save by writing a new file and renaming it
  // over the old one would leave a file watcher attached to the deleted inode.
  private watchConfig(): void {
    try {
      this.watcher = watch(this.paths.root, (_event, filename) => {
        if (filename !== null && filename !== 'config.textproto') return;
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => {
          this.log('info', 'config.textproto changed; rebuilding the job registry');
          this.reload();
        }, RELOAD_DEBOUNCE_MS);
      });
      this.watcher.on('error', (error) =>
        this.log('warn', `Config watch failed: ${error.message}`),
      );
    } catch (error) {
      this.log('warn', `Cannot watch ${this.paths.root}: ${(error as Error).message}`);
    }
  }

  private log(level: LogLevel, message: string): void {
    this.options.listener?.log?.(level, message);
  }
}
