// The contract between the runtime and a job of any kind (system or user).
import type { JobKind, LogLevel, SourceLocation } from './protocol';

export interface JobRunContext {
  /** Aborted when the run times out or the scheduler shuts down. */
  signal: AbortSignal;
  timeoutMs: number;
  log(level: LogLevel, message: string): void;
}

export interface JobDefinition {
  id: number;
  name: string;
  kind: JobKind;
  /** The schedule as written. */
  schedule: string;
  /** Whether the job is scheduled when it is first registered. */
  enabled: boolean;
  source?: SourceLocation;
  /** First occurrence strictly after `after`; undefined when the schedule never fires again. */
  nextRun(after: Date): Date | undefined;
  /** Rejects with an Error whose message is the job's error. */
  run(context: JobRunContext): Promise<void>;
}
