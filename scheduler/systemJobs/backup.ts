// Backup: SQLite online backup of main, logs, session and each extra database into
// backups/<unix-seconds>/<name>.db, then removal of the oldest backup folders beyond
// server.backup_window_size, as TrailBase v0.33 does (crates/core/src/backup.rs).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backup } from '@photostructure/sqlite';
import { databaseFile, projectPaths } from '../project';
import { throwIfCancelled } from './cancel';
import { messageOf, openDatabase } from './database';
import type { SystemTask, TaskLog } from './task';

const CORE_DATABASES = ['main', 'logs', 'session'] as const;

export async function backupDatabases(task: SystemTask, log: TaskLog): Promise<void> {
  if (task.backupWindowSize === 0) {
    throw new Error('Backups are disabled because server.backup_window_size is 0');
  }
  const paths = projectPaths(task.projectDir);
  const folder = join(paths.backups, String(Math.floor(Date.now() / 1000)));
  mkdirSync(folder, { recursive: true });

  const errors: string[] = [];
  for (const name of [...CORE_DATABASES, ...task.databases]) {
    throwIfCancelled();
    try {
      await backupOne(databaseFile(paths, name), join(folder, `${name}.db`), task.busyTimeoutMs);
      log('info', `backed up ${name}.db to ${folder}`);
    } catch (error) {
      errors.push(messageOf(error));
    }
  }

  try {
    const removed = removeOldBackups(paths.backups, task.backupWindowSize);
    if (removed.length > 0) log('info', `removed old backups: ${removed.join(', ')}`);
  } catch (error) {
    log('warn', `failed to remove old backups in ${paths.backups}: ${messageOf(error)}`);
  }

  if (errors.length > 0) throw new Error(errors.join('; '));
}

// A rate of -1 copies all pages in one step under a single read transaction. In WAL mode that
// does not block writers, and the copy is one consistent snapshot; smaller steps would restart
// whenever another process writes between them.
async function backupOne(source: string, target: string, busyTimeoutMs: number): Promise<void> {
  const db = openDatabase(source, busyTimeoutMs);
  try {
    await backup(db, target, { rate: -1 });
  } catch (error) {
    throw new Error(`backup of ${source} failed: ${messageOf(error)}`, { cause: error });
  } finally {
    db.close();
  }
}

/** Deletes the oldest `<unix-seconds>` folders so that `keep` remain; returns their names. */
export function removeOldBackups(backupsDir: string, keep: number): string[] {
  const folders = readdirSync(backupsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => Number(a) - Number(b));
  const removed = folders.slice(0, Math.max(0, folders.length - keep));
  for (const name of removed) rmSync(join(backupsDir, name), { recursive: true, force: true });
  return removed;
}
