// File Deletions: TrailBase's triggers queue the files of deleted or updated records in
// _file_deletions. Rows older than 15 minutes are taken out of the table and their files are
// deleted from uploads/. A row whose deletion failed for a reason other than "not found" goes
// back in with attempts + 1 and the error, up to 10 attempts. Source: TrailBase v0.33,
// crates/core/src/records/files.rs.
import { unlinkSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import type { DatabaseSyncInstance } from '@photostructure/sqlite';
import { databaseFile, projectPaths } from '../project';
import { throwIfCancelled } from './cancel';
import { messageOf, openDatabase, requireTables, withContext } from './database';
import type { SystemTask, TaskLog } from './task';

const PENDING_AGE_SEC = 15 * 60;
const ATTEMPTS_LIMIT = 10;

interface FileDeletionRow {
  id: number;
  deleted: number;
  attempts: number;
  errors: string | null;
  table_name: string;
  record_rowid: number;
  column_name: string;
  json: string;
  updated_json?: string | null;
}

interface FileUpload {
  id?: string;
}

interface Outcome {
  deleted: number;
  dropped: number;
  retried: number;
  abandoned: number;
}

export function deletePendingFiles(task: SystemTask, log: TaskLog): void {
  const paths = projectPaths(task.projectDir);
  const errors: string[] = [];
  for (const name of ['main', ...task.databases]) {
    throwIfCancelled();
    try {
      const outcome = processDatabase(databaseFile(paths, name), paths.uploads, task, log);
      log(
        'info',
        `${name}.db: deleted ${outcome.deleted} file(s), dropped ${outcome.dropped} missing, ` +
          `kept ${outcome.retried} for retry, abandoned ${outcome.abandoned}`,
      );
    } catch (error) {
      errors.push(messageOf(error));
    }
  }
  if (errors.length > 0) throw new Error(errors.join('; '));
}

function processDatabase(
  file: string,
  uploadsDir: string,
  task: SystemTask,
  log: TaskLog,
): Outcome {
  const db = openDatabase(file, task.busyTimeoutMs);
  try {
    requireTables(db, file, ['_file_deletions']);
    const rows = withContext(file, 'DELETE FROM _file_deletions', () =>
      db
        .prepare('DELETE FROM _file_deletions WHERE deleted < (unixepoch() - ?) RETURNING *')
        .all(PENDING_AGE_SEC),
    ) as unknown as FileDeletionRow[];

    const outcome: Outcome = { deleted: 0, dropped: 0, retried: 0, abandoned: 0 };
    const failed: FileDeletionRow[] = [];
    for (const row of rows) {
      const errors = deleteRowFiles(row, uploadsDir, outcome, log);
      if (errors.length === 0) continue;
      if (row.attempts < ATTEMPTS_LIMIT) {
        failed.push({ ...row, attempts: row.attempts + 1, errors: errors.join('; ') });
        outcome.retried++;
      } else {
        outcome.abandoned++;
        log('warn', `abandoning file deletion after ${ATTEMPTS_LIMIT} attempts: ${errors[0]}`);
      }
    }
    if (failed.length > 0) requeue(db, file, failed);
    return outcome;
  } finally {
    db.close();
  }
}

/** Deletes the files a row refers to and returns the errors that deserve a retry. */
function deleteRowFiles(
  row: FileDeletionRow,
  uploadsDir: string,
  outcome: Outcome,
  log: TaskLog,
): string[] {
  const files = parseUploads(row.json);
  if (files === undefined) {
    log('error', `row ${row.id} of _file_deletions has unparsable json, dropped: ${row.json}`);
    return [];
  }
  // After an update the new value may still refer to some of the same objects; those stay.
  const stillUsed = new Set((parseUploads(row.updated_json ?? null) ?? []).map((f) => f.id));
  const errors: string[] = [];
  for (const upload of files) {
    if (stillUsed.has(upload.id)) continue;
    const path = objectPath(uploadsDir, upload.id);
    if (path === undefined) {
      outcome.dropped++;
      log('info', `row ${row.id}: invalid object id ${JSON.stringify(upload.id)}, dropped`);
      continue;
    }
    try {
      unlinkSync(path);
      outcome.deleted++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        outcome.dropped++;
        log('info', `row ${row.id}: ${path} does not exist, dropped`);
      } else {
        errors.push(`${path}: ${messageOf(error)}`);
      }
    }
  }
  return errors;
}

/** Parses one upload (`{"id": ...}`) or a list of them; undefined when the text is neither. */
function parseUploads(json: string | null): FileUpload[] | undefined {
  if (json === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'object' && item !== null)) return undefined;
  return items as FileUpload[];
}

// Object ids are UUIDs in practice. Anything that would leave uploads/ counts as an invalid
// path, which TrailBase's object store also drops without retrying.
function objectPath(uploadsDir: string, id: string | undefined): string | undefined {
  if (id === undefined || id === '' || isAbsolute(id) || id.includes('\\')) return undefined;
  if (id.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return undefined;
  }
  const root = resolve(uploadsDir);
  const path = resolve(join(root, id));
  return path.startsWith(root + sep) ? path : undefined;
}

// NOTE: TrailBase v0.33 names the column `record_row_id` in this INSERT, which does not exist,
// so its retries never get stored. This writes to `record_rowid`, the column its schema has.
function requeue(db: DatabaseSyncInstance, file: string, rows: FileDeletionRow[]): void {
  const hasUpdatedJson = db
    .prepare("SELECT 1 FROM pragma_table_info('_file_deletions') WHERE name = 'updated_json'")
    .get();
  const columns = 'deleted, attempts, errors, table_name, record_rowid, column_name, json';
  const statement = hasUpdatedJson
    ? db.prepare(`INSERT INTO _file_deletions (${columns}, updated_json)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    : db.prepare(`INSERT INTO _file_deletions (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  withContext(file, 'INSERT INTO _file_deletions', () => {
    for (const row of rows) {
      const values = [
        row.deleted,
        row.attempts,
        row.errors,
        row.table_name,
        row.record_rowid,
        row.column_name,
        row.json,
      ];
      if (hasUpdatedJson) statement.run(...values, row.updated_json ?? null);
      else statement.run(...values);
    }
  });
}
