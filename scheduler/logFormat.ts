// Human-readable log lines shared by the sidecar's stderr and the CLI's live log.
import type { LogLevel, RunRecord } from './protocol';

export function formatLogLine(level: LogLevel, time: number, message: string): string {
  return `${new Date(time).toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
}

/** `job 3 'Logs Cleanup' (schedule) succeeded in 12 ms`, with the error when it failed. */
export function describeRun(run: RunRecord): string {
  const subject = `job ${run.jobId} '${run.jobName}' (${run.trigger})`;
  if (run.status === 'running') return `${subject} started`;
  const outcome = `${run.status} in ${run.durationMs ?? 0} ms`;
  return run.error === null ? `${subject} ${outcome}` : `${subject} ${outcome}: ${run.error}`;
}

export function runLevel(run: RunRecord): LogLevel {
  if (run.status === 'succeeded' || run.status === 'running') return 'info';
  return run.status === 'interrupted' ? 'warn' : 'error';
}
