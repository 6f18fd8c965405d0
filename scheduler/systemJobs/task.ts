// The work order a system job sends to a worker thread. Plain data, so it survives
// structured cloning.
import type { LogLevel } from '../protocol';

export type SystemTaskName =
  'backup' | 'logs-cleanup' | 'session-cleanup' | 'query-optimizer' | 'file-deletions';

export interface SystemTask {
  name: SystemTaskName;
  projectDir: string;
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs: number;
  logsRetentionSec: number;
  backupWindowSize: number;
  /** Extra databases from `databases { name: ... }`. */
  databases: string[];
}

export type TaskLog = (level: LogLevel, message: string) => void;

/** Messages from the worker to the main thread. */
export type WorkerMessage =
  { type: 'log'; level: LogLevel; message: string } | { type: 'done'; error: string | null };
