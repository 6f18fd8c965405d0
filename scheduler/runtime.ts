// The job runtime: TrailBase's scheduler semantics on top of one timer queue. A running
// (enabled) job waits for its next occurrence strictly after now and runs. Only after the run
// does it look for the following occurrence. So a job never overlaps itself, and a late timer
// (sleep, clock jump) fires a missed occurrence once instead of catching up.
import { ActiveRun, RunDeadlines, type RunOutcome, type RunOwner } from './activeRun';
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
  RunTrigger,
} from './protocol';
import { TimerQueue } from './timerQueue';

export const DEFAULT_RUN_TIMEOUT_MS = 10 * 60_000;

// Scheduled runs have no caller waiting for their result.
const SCHEDULED: Promise<RunJobResult> = Promise.resolve({ error: null });

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

interface JobState {
  definition: JobDefinition;
  enabled: boolean;
  next: number | null;
  latest: LatestRun | null;
  active: ActiveRun<JobState> | undefined;
}

export class JobRuntime implements JobControl, RunOwner<JobState> {
  private jobs = new Map<number, JobState>();
  private problems: JobProblem[] = [];
  private readonly timers: TimerQueue;
  private readonly deadlines: RunDeadlines<JobState>;
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
    const timeoutMessage = `timed out after ${formatSeconds(this.runTimeoutMs)}`;
    this.deadlines = new RunDeadlines((run) => run.abort('timed-out', timeoutMessage), this.now);
    this.restoreLatest();
  }

  /**
   * Replaces the registry. A job whose id stays keeps its latest result and its active run.
   * It takes the new definition's enabled state only when the schedule or the enabled flag
   * changed, so a job stopped by hand stays stopped across unrelated edits.
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
    const active = this.deadlines.list();
    if (active.length === 0) return;

    this.log('info', `Waiting up to ${graceMs} ms for ${active.length} running job(s)`);
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(active.map((run) => run.completion())), graceOver]);
    clearTimeout(graceTimer);

    for (const run of active) run.abort('interrupted', 'the scheduler shut down during the run');
    this.deadlines.close();
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

  // The job is called synchronously, so when many jobs are due together each starts as soon
  // as the loop in the timer queue reaches it; bookkeeping after the run happens later.
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
    const deadline = startedAt + this.runTimeoutMs;
    const run = new ActiveRun(record, job, deadline, this.runTimeoutMs, this);
    job.active = run;
    this.deadlines.add(run);
    this.listener.runStarted?.(record);
    if (this.listener.jobChanged !== undefined) this.emitChanged(job);

    run.start(definition.run);
    return trigger === 'schedule' ? SCHEDULED : run.completion();
  }

  /** Records a run's outcome; called by the run once, when it ends or is aborted. */
  finish(run: ActiveRun<JobState>, outcome: RunOutcome): RunJobResult {
    this.deadlines.remove(run);
    const { record } = run;
    const { status, error } = outcome;
    const completedAt = this.now();
    const durationMs = Math.max(0, completedAt - record.startedAt);
    record.status = status;
    record.completedAt = completedAt;
    record.durationMs = durationMs;
    record.error = error;
    this.options.history?.finish(record.runId, { status, completedAt, durationMs, error });

    // The registry may have been rebuilt during the run: the result goes to the job that now
    // has this id, if any.
    const current = this.jobs.get(record.jobId) ?? run.state;
    current.latest = [Math.floor(record.startedAt / 1000), durationMs, error];
    if (current.active === run) current.active = undefined;
    this.listener.runFinished?.(record);
    this.reschedule(current);
    if (this.listener.jobChanged !== undefined) this.emitChanged(current);
    return { error, runId: record.runId };
  }

  logRun(run: ActiveRun<JobState>, level: LogLevel, message: string): void {
    this.log(level, `${label(run.state.definition)}: ${message}`);
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

function label(definition: JobDefinition): string {
  return `job ${definition.id} '${definition.name}'`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
