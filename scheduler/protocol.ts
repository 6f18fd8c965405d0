// Messages between the extension (client/) and the scheduler sidecar, over JSON-RPC on
// the sidecar's stdin/stdout. Both sides import these declarations; nothing else
// defines a method name.
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';

/** `[start unix seconds, duration ms, error or null]`, as in TrailBase's admin API. */
export type LatestRun = [number, number, string | null];

export type JobKind = 'system' | 'user';

export interface JobInfo {
  id: number;
  name: string;
  kind: JobKind;
  schedule: string;
  /** Scheduled (true) or stopped (false). */
  enabled: boolean;
  /** Next run in unix seconds; null when stopped or when the schedule never fires again. */
  next: number | null;
  latest: LatestRun | null;
  /** A run of this job is executing now. */
  running: boolean;
  /** Definition site of the job: its config entry or its user job source, when known. */
  source?: SourceLocation;
}

export interface SourceLocation {
  file: string;
  /** Zero-based, as in LSP. */
  line: number;
  character: number;
}

/** A job that could not be registered, e.g. an invalid schedule or a `.wasm` component. */
export interface JobProblem {
  name: string;
  message: string;
  source?: SourceLocation;
}

export interface ListJobsResult {
  project: string;
  jobs: JobInfo[];
  problems: JobProblem[];
}

export type RunTrigger = 'schedule' | 'manual' | 'api' | 'cli';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'timed-out' | 'interrupted';

export interface RunRecord {
  runId: number;
  jobId: number;
  jobName: string;
  status: RunStatus;
  trigger: RunTrigger;
  /** Unix milliseconds. */
  startedAt: number;
  completedAt: number | null;
  durationMs: number | null;
  error: string | null;
}

export interface JobIdParams {
  id: number;
}

export interface RunJobResult {
  /** Null on success, TrailBase's shape. */
  error: string | null;
  /** Set when the run did not start, e.g. "already running". */
  rejected?: string;
  runId?: number;
}

export interface HistoryParams {
  id?: number;
  limit?: number;
}

export interface SidecarInfo {
  pid: number;
  version: string;
  project: string;
  adminUrl: string | null;
  /** Bearer token of the admin API; null when the API is off. */
  adminToken?: string | null;
  historyFile: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogParams {
  level: LogLevel;
  /** Unix milliseconds. */
  time: number;
  message: string;
}

export const ListJobsRequest = new RequestType0<ListJobsResult, void>('jobs/list');
export const RunJobRequest = new RequestType<JobIdParams, RunJobResult, void>('jobs/run');
export const StopJobRequest = new RequestType<JobIdParams, JobInfo, void>('jobs/stop');
export const StartJobRequest = new RequestType<JobIdParams, JobInfo, void>('jobs/start');
export const HistoryRequest = new RequestType<HistoryParams, RunRecord[], void>('jobs/history');
export const SidecarInfoRequest = new RequestType0<SidecarInfo, void>('sidecar/info');
export const ShutdownRequest = new RequestType0<void, void>('sidecar/shutdown');

export const JobChangedNotification = new NotificationType<JobInfo>('jobs/changed');
export const JobsReloadedNotification = new NotificationType<ListJobsResult>('jobs/reloaded');
export const RunStartedNotification = new NotificationType<RunRecord>('runs/started');
export const RunFinishedNotification = new NotificationType<RunRecord>('runs/finished');
export const LogNotification = new NotificationType<LogParams>('sidecar/log');

/**
 * Operations of the runtime, shared by its front ends (JSON-RPC over stdio, the admin HTTP
 * API, the CLI). Each front end translates its own wire format to these calls.
 */
export interface JobControl {
  listJobs(): ListJobsResult;
  /** Resolves when the run ends; `rejected` is set when it could not start (unknown id, already running). */
  runJob(id: number, trigger: RunTrigger): Promise<RunJobResult>;
  /** Undefined for an unknown id. */
  stopJob(id: number): JobInfo | undefined;
  startJob(id: number): JobInfo | undefined;
  history(params: HistoryParams): RunRecord[];
}
