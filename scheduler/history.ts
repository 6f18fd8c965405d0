// Run history in a database file of our own (<project>/.trailcron/history.db), never in
// TrailBase's databases. Writes are single-row statements of well under a millisecond, so
// they run on the main thread; the job work itself runs in workers.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite';
import type { HistoryParams, RunRecord, RunStatus, RunTrigger } from './protocol';

export const DEFAULT_HISTORY_MAX_RUNS = 10_000;
const DEFAULT_HISTORY_LIMIT = 100;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS job_executions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL,
  job_name TEXT NOT NULL,
  status TEXT NOT NULL,
  trigger TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  completed_at INTEGER,
  duration_ms INTEGER,
  error TEXT,
  owner_pid INTEGER
);
CREATE INDEX IF NOT EXISTS job_executions_job_id ON job_executions (job_id, id);
`;

interface HistoryRow {
  id: number;
  job_id: number;
  job_name: string;
  status: string;
  trigger: string;
  started_at: number;
  completed_at: number | null;
  duration_ms: number | null;
  error: string | null;
}

export interface RunStart {
  jobId: number;
  jobName: string;
  trigger: RunTrigger;
  startedAt: number;
}

export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  completedAt: number;
  durationMs: number;
  error: string | null;
}

export class HistoryStore {
  private readonly db: DatabaseSyncInstance;

  /** Opens or creates the history file; `maxRuns` bounds the table to the newest runs. */
  constructor(
    readonly file: string,
    private readonly maxRuns: number = DEFAULT_HISTORY_MAX_RUNS,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file, { timeout: 5_000 });
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  /**
   * Marks runs left in `running` by a process that no longer exists (a crash or SIGKILL) as
   * interrupted. Runs of another live scheduler on the same project stay as they are.
   */
  markInterrupted(now: number): number {
    const running = this.db
      .prepare("SELECT id, owner_pid FROM job_executions WHERE status = 'running'")
      .all() as unknown as { id: number; owner_pid: number | null }[];
    const update = this.db.prepare(
      `UPDATE job_executions SET status = 'interrupted', completed_at = ?,
         error = 'the scheduler process ended during the run' WHERE id = ?`,
    );
    let count = 0;
    for (const run of running) {
      if (run.owner_pid !== null && run.owner_pid !== process.pid && isAlive(run.owner_pid)) {
        continue;
      }
      update.run(now, run.id);
      count++;
    }
    return count;
  }

  /** Inserts a run in state `running` and returns its id. */
  start(run: RunStart): number {
    const result = this.db
      .prepare(
        `INSERT INTO job_executions (job_id, job_name, status, trigger, started_at, owner_pid)
         VALUES (?, ?, 'running', ?, ?, ?)`,
      )
      .run(run.jobId, run.jobName, run.trigger, run.startedAt, process.pid);
    const runId = Number(result.lastInsertRowid);
    this.trim(runId);
    return runId;
  }

  finish(runId: number, end: RunEnd): void {
    this.db
      .prepare(
        `UPDATE job_executions SET status = ?, completed_at = ?, duration_ms = ?, error = ?
         WHERE id = ?`,
      )
      .run(end.status, end.completedAt, end.durationMs, end.error, runId);
  }

  /** Newest runs first. */
  list(params: HistoryParams): RunRecord[] {
    const limit = Math.max(1, Math.min(params.limit ?? DEFAULT_HISTORY_LIMIT, this.maxRuns));
    const rows =
      params.id === undefined
        ? this.db.prepare('SELECT * FROM job_executions ORDER BY id DESC LIMIT ?').all(limit)
        : this.db
            .prepare('SELECT * FROM job_executions WHERE job_id = ? ORDER BY id DESC LIMIT ?')
            .all(params.id, limit);
    return (rows as unknown as HistoryRow[]).map(toRunRecord);
  }

  /** Returns the newest finished run of each job, which seeds `latest` after a restart. */
  latestFinished(): RunRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM job_executions WHERE id IN (
           SELECT MAX(id) FROM job_executions WHERE status != 'running' GROUP BY job_id)`,
      )
      .all();
    return (rows as unknown as HistoryRow[]).map(toRunRecord);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private trim(newestId: number): void {
    this.db.prepare('DELETE FROM job_executions WHERE id <= ?').run(newestId - this.maxRuns);
  }
}

// NOTE: a reused process id makes a dead scheduler's run look alive; it is then marked
// interrupted on a later start instead.
/** Reports whether a process with this id exists (EPERM: it belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function toRunRecord(row: HistoryRow): RunRecord {
  return {
    runId: row.id,
    jobId: row.job_id,
    jobName: row.job_name,
    status: row.status as RunStatus,
    trigger: row.trigger as RunTrigger,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    durationMs: row.duration_ms,
    error: row.error,
  };
}
