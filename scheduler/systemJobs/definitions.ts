// Turns the registry's system jobs into runnable job definitions. Heartbeat only logs, on the
// main thread; every other job sends its task to a worker thread.
import { nextRun } from '../cron';
import type { JobDefinition } from '../job';
import type { RegisteredSystemJob, SystemJobSettings } from '../registry';
import { runInWorker } from '../workerTask';
import type { SystemTask, SystemTaskName } from './task';

const HEARTBEAT_ID = 2;

// TrailBase v0.33's scheduled Backup always keeps the 5 newest backups; the config's
// server.backup_window_size only applies to a backup triggered from its admin UI.
const SCHEDULED_BACKUP_WINDOW = 5;

const TASK_BY_JOB_ID: ReadonlyMap<number, SystemTaskName> = new Map([
  [1, 'backup'],
  [3, 'logs-cleanup'],
  [4, 'session-cleanup'],
  [5, 'query-optimizer'],
  [6, 'file-deletions'],
]);

export interface SystemJobOptions {
  projectDir: string;
  /** Path of the bundled worker entry (dist/worker.js). */
  workerFile: string;
  busyTimeoutMs: number;
}

export function systemJobDefinitions(
  jobs: readonly RegisteredSystemJob[],
  settings: SystemJobSettings,
  options: SystemJobOptions,
): JobDefinition[] {
  return jobs.map((job) => {
    const definition: JobDefinition = {
      id: job.id,
      name: job.name,
      kind: 'system',
      schedule: job.schedule,
      enabled: job.enabled,
      nextRun: (after) => nextRun(job.parsed, after),
      run: runnerFor(job.id, settings, options),
    };
    if (job.source !== undefined) definition.source = job.source;
    return definition;
  });
}

function runnerFor(
  id: number,
  settings: SystemJobSettings,
  options: SystemJobOptions,
): JobDefinition['run'] {
  if (id === HEARTBEAT_ID) {
    return async (context) => context.log('info', 'alive');
  }
  const name = TASK_BY_JOB_ID.get(id);
  if (name === undefined) {
    return () => Promise.reject(new Error(`System job ${id} has no implementation`));
  }
  const task: SystemTask = {
    name,
    projectDir: options.projectDir,
    busyTimeoutMs: options.busyTimeoutMs,
    logsRetentionSec: settings.logsRetentionSec,
    backupWindowSize: SCHEDULED_BACKUP_WINDOW,
    databases: settings.databases,
  };
  return (context) => runInWorker(options.workerFile, task, context);
}
