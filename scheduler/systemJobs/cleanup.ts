// Logs Cleanup, Session Cleanup and Query Optimizer: one statement each, as TrailBase runs
// them (v0.33, crates/core/src/scheduler.rs).
import { databaseFile, projectPaths } from '../project';
import { throwIfCancelled } from './cancel';
import { openDatabase, requireTables, withContext } from './database';
import type { SystemTask, TaskLog } from './task';

/** Session rows stay until they have been expired for this long. */
const SESSION_EXPIRY_GRACE_SEC = 60;
const SESSION_TABLES = ['_session', '_authorization_code', '_otp_code'] as const;

export function cleanLogs(task: SystemTask, log: TaskLog): void {
  const file = databaseFile(projectPaths(task.projectDir), 'logs');
  const db = openDatabase(file, task.busyTimeoutMs);
  try {
    requireTables(db, file, ['_logs']);
    // `created` is unix seconds as REAL; TrailBase compares it with whole seconds.
    const cutoff = Math.floor(Date.now() / 1000) - task.logsRetentionSec;
    const result = withContext(file, 'DELETE FROM _logs', () =>
      db.prepare('DELETE FROM _logs WHERE created < ?').run(cutoff),
    );
    log('info', `deleted ${result.changes} row(s) of _logs created before ${iso(cutoff)}`);
  } finally {
    db.close();
  }
}

export function cleanSessions(task: SystemTask, log: TaskLog): void {
  const file = databaseFile(projectPaths(task.projectDir), 'session');
  const db = openDatabase(file, task.busyTimeoutMs);
  try {
    requireTables(db, file, SESSION_TABLES);
    const counts = SESSION_TABLES.map((table) => {
      throwIfCancelled();
      const result = withContext(file, `DELETE FROM ${table}`, () =>
        db
          .prepare(`DELETE FROM ${table} WHERE expires < (unixepoch() - ?)`)
          .run(SESSION_EXPIRY_GRACE_SEC),
      );
      return `${result.changes} from ${table}`;
    });
    log('info', `deleted expired rows: ${counts.join(', ')}`);
  } finally {
    db.close();
  }
}

export function optimizeQueries(task: SystemTask, log: TaskLog): void {
  const file = databaseFile(projectPaths(task.projectDir), 'main');
  const db = openDatabase(file, task.busyTimeoutMs);
  try {
    withContext(file, 'PRAGMA optimize', () => db.exec('PRAGMA optimize'));
    log('info', 'ran PRAGMA optimize on main.db');
  } finally {
    db.close();
  }
}

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
