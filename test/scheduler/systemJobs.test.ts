// Each system job's effect on real SQLite files and uploads/, run in the bundled worker
// (dist/worker.js) exactly as the sidecar runs it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DatabaseSync } from '@photostructure/sqlite';
import type { JobRunContext } from '../../scheduler/job';
import type { LogLevel } from '../../scheduler/protocol';
import type { SystemTask, SystemTaskName } from '../../scheduler/systemJobs/task';
import { buildSystemRegistry } from '../../scheduler/registry';
import { systemJobDefinitions } from '../../scheduler/systemJobs/definitions';
import { runInWorker } from '../../scheduler/workerTask';
import {
  countRows,
  createProject,
  holdWriteLock,
  ONE_DAY_SEC,
  type TempProject,
  WORKER_FILE,
} from './fixtures';

interface Outcome {
  error: string | null;
  logs: string[];
}

async function runTask(
  project: TempProject,
  name: SystemTaskName,
  overrides: Partial<SystemTask> = {},
): Promise<Outcome> {
  const logs: string[] = [];
  const context: JobRunContext = {
    signal: new AbortController().signal,
    timeoutMs: 60_000,
    log: (level: LogLevel, message: string) => logs.push(`${level}: ${message}`),
  };
  const task: SystemTask = {
    name,
    projectDir: project.dir,
    busyTimeoutMs: 5_000,
    logsRetentionSec: ONE_DAY_SEC,
    backupWindowSize: 5,
    databases: [],
    ...overrides,
  };
  try {
    await runInWorker(WORKER_FILE, task, context);
    return { error: null, logs };
  } catch (error) {
    return { error: (error as Error).message, logs };
  }
}

describe('system jobs', () => {
  let project: TempProject;
  beforeEach(() => {
    project = createProject();
  });
  afterEach(() => project.remove());

  test('logs cleanup deletes old rows only', async () => {
    const { logs } = project.data;
    assert.equal(countRows(project.dir, 'logs', '_logs'), logs.old + logs.fresh);

    const outcome = await runTask(project, 'logs-cleanup');

    assert.equal(outcome.error, null);
    assert.equal(countRows(project.dir, 'logs', '_logs'), logs.fresh);
  });

  test('logs cleanup honours retention', async () => {
    // Ten years of retention keeps every row.
    const outcome = await runTask(project, 'logs-cleanup', {
      logsRetentionSec: 3650 * ONE_DAY_SEC,
    });

    assert.equal(outcome.error, null);
    const { logs } = project.data;
    assert.equal(countRows(project.dir, 'logs', '_logs'), logs.old + logs.fresh);
  });

  test('session cleanup keeps grace and valid', async () => {
    const outcome = await runTask(project, 'session-cleanup');

    assert.equal(outcome.error, null);
    assert.equal(countRows(project.dir, 'session', '_session'), project.data.sessions.kept);
    const codes = project.data.authorizationCodes.kept;
    assert.equal(countRows(project.dir, 'session', '_authorization_code'), codes);
    assert.equal(countRows(project.dir, 'session', '_otp_code'), project.data.otpCodes.kept);
  });

  test('query optimizer succeeds on main.db', async () => {
    const outcome = await runTask(project, 'query-optimizer');

    assert.equal(outcome.error, null);
    assert.ok(outcome.logs.some((line) => line.includes('PRAGMA optimize')));
  });

  test('file deletions remove files and rows', async () => {
    const uploads = join(project.dir, 'uploads');
    const { filesToDelete, filesToKeep, undeletableFile } = project.data;

    const outcome = await runTask(project, 'file-deletions');

    assert.equal(outcome.error, null);
    for (const id of filesToDelete) assert.equal(existsSync(join(uploads, id)), false, id);
    for (const id of filesToKeep) assert.equal(existsSync(join(uploads, id)), true, id);
    const remaining = countRows(project.dir, 'main', '_file_deletions');
    assert.equal(remaining, project.data.fileDeletionsAfterRun);

    const db = new DatabaseSync(join(project.dir, 'data', 'main.db'), { readOnly: true });
    const retried = db
      .prepare('SELECT attempts, errors, record_rowid FROM _file_deletions WHERE json LIKE ?')
      .get(`%${undeletableFile}%`) as { attempts: number; errors: string; record_rowid: number };
    db.close();
    assert.equal(retried.attempts, 1);
    assert.match(retried.errors, new RegExp(undeletableFile));
    assert.equal(retried.record_rowid, 7);
  });

  test('file deletions give up after ten attempts', async () => {
    const db = new DatabaseSync(join(project.dir, 'data', 'main.db'));
    db.exec('UPDATE _file_deletions SET attempts = 10');
    db.close();

    const outcome = await runTask(project, 'file-deletions');

    assert.equal(outcome.error, null);
    // Only the row queued 5 minutes ago remains; the failing one is abandoned.
    assert.equal(countRows(project.dir, 'main', '_file_deletions'), 1);
    assert.ok(outcome.logs.some((line) => line.startsWith('warn: abandoning')));
  });

  test('backup copies databases and rotates', async () => {
    const backups = join(project.dir, 'backups');
    for (const stamp of ['1000', '2000', '3000']) mkdirSync(join(backups, stamp));

    const outcome = await runTask(project, 'backup', { backupWindowSize: 2 });

    assert.equal(outcome.error, null);
    const folders = readdirSync(backups).sort((a, b) => Number(a) - Number(b));
    assert.equal(folders.length, 2);
    assert.equal(folders[0], '3000');
    const newest = join(backups, folders[1]!);
    assert.deepEqual(readdirSync(newest).sort(), ['logs.db', 'main.db', 'session.db']);
    const copy = new DatabaseSync(join(newest, 'logs.db'), { readOnly: true });
    const { count } = copy.prepare('SELECT COUNT(*) AS count FROM _logs').get() as {
      count: number;
    };
    copy.close();
    assert.equal(count, project.data.logs.old + project.data.logs.fresh);
  });

  test('scheduled backup keeps five', async () => {
    const backups = join(project.dir, 'backups');
    for (const stamp of ['1000', '2000', '3000', '4000', '5000']) mkdirSync(join(backups, stamp));
    const config =
      'server { backup_window_size: 2 }\njobs { system_jobs { id: 1 schedule: "@daily" } }';
    const registry = buildSystemRegistry(config, join(project.dir, 'config.textproto'));
    const [backup] = systemJobDefinitions(
      registry.jobs.filter((job) => job.id === 1),
      registry.settings,
      { projectDir: project.dir, workerFile: WORKER_FILE, busyTimeoutMs: 5_000 },
    );
    assert.equal(registry.settings.backupWindowSize, 2);
    assert.ok(backup);

    await backup.run({ signal: new AbortController().signal, timeoutMs: 60_000, log: () => {} });

    // TrailBase's scheduled Backup keeps 5 folders; the window setting only applies to a
    // backup triggered from the admin UI.
    const folders = readdirSync(backups).sort((a, b) => Number(a) - Number(b));
    assert.equal(folders.length, 5);
    assert.equal(folders[0], '2000');
  });

  test('backup rejects window size zero', async () => {
    const outcome = await runTask(project, 'backup', { backupWindowSize: 0 });

    assert.match(outcome.error ?? '', /backup_window_size is 0/);
    assert.deepEqual(readdirSync(join(project.dir, 'backups')), []);
  });

  test('missing database names the file', async () => {
    rmSync(join(project.dir, 'data', 'logs.db'));

    const outcome = await runTask(project, 'logs-cleanup');

    assert.match(outcome.error ?? '', /logs\.db not found at .*data[/\\]logs\.db/);
    assert.equal(existsSync(join(project.dir, 'data', 'logs.db')), false);
  });

  test('missing table names the table', async () => {
    const db = new DatabaseSync(join(project.dir, 'data', 'session.db'));
    db.exec('DROP TABLE _otp_code');
    db.close();

    const outcome = await runTask(project, 'session-cleanup');

    assert.match(outcome.error ?? '', /Table _otp_code not found in .*session\.db/);
    // Nothing was deleted before the check failed.
    assert.equal(
      countRows(project.dir, 'session', '_session'),
      project.data.sessions.expired + project.data.sessions.kept,
    );
  });

  test('missing extra database is reported', async () => {
    const outcome = await runTask(project, 'backup', { databases: ['analytics'] });

    assert.match(outcome.error ?? '', /analytics\.db not found/);
    const [folder] = readdirSync(join(project.dir, 'backups'));
    assert.deepEqual(readdirSync(join(project.dir, 'backups', folder!)).sort(), [
      'logs.db',
      'main.db',
      'session.db',
    ]);
  });

  test('locked database fails cleanly', async () => {
    const lock = await holdWriteLock(join(project.dir, 'data', 'logs.db'));

    const outcome = await runTask(project, 'logs-cleanup', { busyTimeoutMs: 200 });

    await lock.release();
    assert.match(outcome.error ?? '', /logs\.db: DELETE FROM _logs failed: database is locked/);
    const { logs } = project.data;
    assert.equal(countRows(project.dir, 'logs', '_logs'), logs.old + logs.fresh);
    const check = new DatabaseSync(join(project.dir, 'data', 'logs.db'), { readOnly: true });
    const integrity = check.prepare('PRAGMA integrity_check').get() as Record<string, string>;
    check.close();
    assert.equal(Object.values(integrity)[0], 'ok');
  });
});
