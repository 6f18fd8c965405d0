// The job runtime: TrailBase's scheduler semantics on top of one timer queue. A running
// (enabled) job waits for its next occurrence strictly after now, runs, and only then looks
// for the following occurrence, so a job never overlaps itself and a late timer (sleep, clock
// jump) fires a missed occurrence once instead of catching up.
import type { HistoryStore } from './history';
import type { JobDefinition } from './job';
import type {
  HistoryParams,
  JobControl,
  JobInfo,
  JobProblem,
  LatestRun,
  ListJobsResult,
  LogLevel,
  RunJobResult,
  RunRecord,
  RunStatus,
  RunTrigger,
} from './protocol';
import { TimerQueue } from './timerQueue';

export const DEFAULT_RUN_TIMEOUT_MS = 10 * 60_000;

export interface RuntimeListener {
  jobChanged?(job: JobInfo): void;
  runStarted?(run: RunRecord): void;
  runFinished?(run: RunRecord): void;
  log?(level: LogLevel, message: string): void;
}

export interface RuntimeOptions {
  project: string;
  history?: HistoryStore;
  runTimeoutMs?: number;
  listener?: RuntimeListener;
  /** Wall clock in unix ms. */
  now?: () => number;
  /**
   * Arm timers for enabled jobs (default true). One-shot commands turn this off: they still
   * show next runs but never start a scheduled run.
   */
  timers?: boolean;
}

interface ActiveRun {
  record: RunRecord;
  controller: AbortController;
  done: Promise<RunJobResult>;
}

interface JobState {
  definition: JobDefinition;
  enabled: boolean;
  next: number | null;
  latest: LatestRun | null;
  active: ActiveRun | undefined;
}

class TimeoutError extends Error {}
class ShutdownError extends Error {}

export class JobRuntime implements JobControl {
  private jobs = new Map<number, JobState>();
  private problems: JobProblem[] = [];
  private readonly timers: TimerQueue;
  private readonly runTimeoutMs: number;
  private readonly now: () => number;
  private readonly listener: RuntimeListener;
  private readonly restoredLatest = new Map<number, LatestRun>();
  private nextRunId = 1;
  private closing = false;

  constructor(private readonly options: RuntimeOptions) {
    this.now = options.now ?? Date.now;
    this.runTimeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    this.listener = options.listener ?? {};
    this.timers = new TimerQueue((id) => this.onDue(id), this.now);
    this.restoreLatest();
  }

  /**
   * Replaces the registry. A job whose id stays keeps its latest result and its active run;
   * it takes the new definition's enabled state only when its schedule or enabled flag in the
   * definition changed, so a job stopped by hand stays stopped across unrelated edits.
   */
  setJobs(definitions: readonly JobDefinition[], problems: readonly JobProblem[]): void {
    const previous = this.jobs;
    this.jobs = new Map();
    this.problems = [...problems];

    for (const definition of definitions) {
      const old = previous.get(definition.id);
      const changed =
        old === undefined ||
        old.definition.schedule !== definition.schedule ||
        old.definition.enabled !== definition.enabled;
      this.jobs.set(definition.id, {
        definition,
        enabled: changed ? definition.enabled : old.enabled,
        next: null,
        latest: old?.latest ?? this.restoredLatest.get(definition.id) ?? null,
        active: old?.active,
      });
    }

    for (const id of previous.keys()) {
      if (!this.jobs.has(id)) this.timers.delete(id);
    }
    for (const job of this.jobs.values()) this.reschedule(job);
  }

  listJobs(): ListJobsResult {
    const jobs = [...this.jobs.values()].sort((a, b) => a.definition.id - b.definition.id);
    return { project: this.options.project, jobs: jobs.map(toJobInfo), problems: this.problems };
  }

  getJob(id: number): JobInfo | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : toJobInfo(job);
  }

  runJob(id: number, trigger: RunTrigger): Promise<RunJobResult> {
    const job = this.jobs.get(id);
    if (job === undefined) {
      const message = `No job with id ${id}`;
      return Promise.resolve({ error: message, rejected: message });
    }
    if (job.active !== undefined) {
      const message = `Job ${id} '${job.definition.name}' is already running`;
      return Promise.resolve({ error: message, rejected: 'already running' });
    }
    if (this.closing) {
      return Promise.resolve({ error: 'The scheduler is shutting down', rejected: 'shutdown' });
    }
    return this.startRun(job, trigger);
  }

  stopJob(id: number): JobInfo | undefined {
    const job = this.jobs.get(id);
    if (job === undefined) return undefined;
    job.enabled = false;
    this.reschedule(job);
    this.emitChanged(job);
    return toJobInfo(job);
  }

  startJob(id: number): JobInfo | undefined {
    const job = this.jobs.get(id);
    if (job === undefined) return undefined;
    job.enabled = true;
    this.reschedule(job);
    this.emitChanged(job);
    return toJobInfo(job);
  }

  history(params: HistoryParams): RunRecord[] {
    return this.options.history?.list(params) ?? [];
  }

  /** Number of runs executing now. */
  get activeRuns(): number {
    let count = 0;
    for (const job of this.jobs.values()) if (job.active !== undefined) count++;
    return count;
  }

  /**
   * Stops scheduling, waits up to `graceMs` for active runs, then aborts the rest; their
   * history rows end as `interrupted`.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    this.timers.close();
    const active = [...this.jobs.values()].flatMap((job) => (job.active ? [job.active] : []));
    if (active.length === 0) return;

    this.log('info', `Waiting up to ${graceMs} ms for ${active.length} running job(s)`);
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(active.map((run) => run.done)), graceOver]);
    clearTimeout(graceTimer);

    for (const run of active) {
      run.controller.abort(new ShutdownError('the scheduler shut down during the run'));
    }
    await Promise.all(active.map((run) => run.done));
  }

  private onDue(id: number): void {
    const job = this.jobs.get(id);
    if (job === undefined || !job.enabled) return;
    job.next = null;
    // A run started by hand is still active: this occurrence is skipped and the next one is
    // scheduled when that run ends.
    if (job.active !== undefined) return;
    void this.startRun(job, 'schedule');
  }

  private startRun(job: JobState, trigger: RunTrigger): Promise<RunJobResult> {
    const definition = job.definition;
    const startedAt = this.now();
    const runId =
      this.options.history?.start({
        jobId: definition.id,
        jobName: definition.name,
        trigger,
        startedAt,
      }) ?? this.nextRunId++;
    const record: RunRecord = {
      runId,
      jobId: definition.id,
      jobName: definition.name,
      status: 'running',
      trigger,
      startedAt,
      completedAt: null,
      durationMs: null,
      error: null,
    };
    const controller = new AbortController();
    const done = this.execute(job, record, controller);
    job.active = { record, controller, done };
    this.listener.runStarted?.(record);
    this.emitChanged(job);
    return done;
  }

  private async execute(
    job: JobState,
    record: RunRecord,
    controller: AbortController,
  ): Promise<RunJobResult> {
    // Let startRun register the active run before any outcome is recorded.
    await Promise.resolve();
    const definition = job.definition;
    const timeoutMs = this.runTimeoutMs;
    const timeout = setTimeout(() => {
      controller.abort(new TimeoutError(`timed out after ${formatSeconds(timeoutMs)}`));
    }, timeoutMs);

    let status: RunStatus = 'succeeded';
    let error: string | null = null;
    try {
      await Promise.race([
        definition.run({
          signal: controller.signal,
          timeoutMs,
          log: (level, message) => this.log(level, `${label(definition)}: ${message}`),
        }),
        rejectOnAbort(controller.signal),
      ]);
    } catch (caught) {
      const reason = controller.signal.aborted ? controller.signal.reason : caught;
      status = statusOf(reason);
      error = reason instanceof Error ? reason.message : String(reason);
    } finally {
      clearTimeout(timeout);
    }

    return this.finishRun(job, record, status, error);
  }

  private finishRun(
    job: JobState,
    record: RunRecord,
    status: Exclude<RunStatus, 'running'>,
    error: string | null,
  ): RunJobResult {
    const completedAt = this.now();
    const durationMs = Math.max(0, completedAt - record.startedAt);
    Object.assign(record, { status, completedAt, durationMs, error });
    this.options.history?.finish(record.runId, { status, completedAt, durationMs, error });

    // The registry may have been rebuilt during the run: the result goes to the job that now
    // holds this id, if any.
    const current = this.jobs.get(record.jobId) ?? job;
    current.latest = [Math.floor(record.startedAt / 1000), durationMs, error];
    current.active = undefined;
    this.listener.runFinished?.(record);
    this.reschedule(current);
    this.emitChanged(current);
    return { error, runId: record.runId };
  }

  private reschedule(job: JobState): void {
    const id = job.definition.id;
    if (!job.enabled || this.closing) {
      job.next = null;
      this.timers.delete(id);
      return;
    }
    if (job.active !== undefined) return;
    const next = job.definition.nextRun(new Date(this.now()));
    job.next = next?.getTime() ?? null;
    if (job.next === null || this.options.timers === false) this.timers.delete(id);
    else this.timers.set(id, job.next);
  }

  // TrailBase keeps the latest result in memory only; here it survives a restart through the
  // history file.
  private restoreLatest(): void {
    for (const run of this.options.history?.latestFinished() ?? []) {
      const startSeconds = Math.floor(run.startedAt / 1000);
      this.restoredLatest.set(run.jobId, [startSeconds, run.durationMs ?? 0, run.error]);
    }
  }

  private emitChanged(job: JobState): void {
    this.listener.jobChanged?.(toJobInfo(job));
  }

  private log(level: LogLevel, message: string): void {
    this.listener.log?.(level, message);
  }
}

function toJobInfo(job: JobState): JobInfo {
  const definition = job.definition;
  const info: JobInfo = {
    id: definition.id,
    name: definition.name,
    kind: definition.kind,
    schedule: definition.schedule,
    enabled: job.enabled,
    next: job.next === null ? null : Math.floor(job.next / 1000),
    latest: job.latest,
    running: job.active !== undefined,
  };
  if (definition.source !== undefined) info.source = definition.source;
  return info;
}

function statusOf(reason: unknown): Exclude<RunStatus, 'running'> {
  if (reason instanceof TimeoutError) return 'timed-out';
  if (reason instanceof ShutdownError) return 'interrupted';
  return 'failed';
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function label(definition: JobDefinition): string {
  return `job ${definition.id} '${definition.name}'`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
