// Worker thread entry (bundled to dist/worker.js): runs one system job's database and file
// work off the main thread, so the sidecar keeps answering JSON-RPC and HTTP meanwhile. The
// main thread cancels a run through a shared flag that the tasks check between statements.
import { parentPort, workerData } from 'node:worker_threads';
import { backupDatabases } from './systemJobs/backup';
import { setCancelFlag } from './systemJobs/cancel';
import { cleanLogs, cleanSessions, optimizeQueries } from './systemJobs/cleanup';
import { messageOf } from './systemJobs/database';
import { deletePendingFiles } from './systemJobs/fileDeletions';
import type { SystemTask, TaskLog, WorkerMessage } from './systemJobs/task';

const TASKS: Record<SystemTask['name'], (task: SystemTask, log: TaskLog) => unknown> = {
  backup: backupDatabases,
  'logs-cleanup': cleanLogs,
  'session-cleanup': cleanSessions,
  'query-optimizer': optimizeQueries,
  'file-deletions': deletePendingFiles,
};

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function main(): Promise<void> {
  const { task, cancelFlag } = workerData as { task: SystemTask; cancelFlag: SharedArrayBuffer };
  setCancelFlag(cancelFlag);
  const log: TaskLog = (level, message) => post({ type: 'log', level, message });
  try {
    await TASKS[task.name](task, log);
    post({ type: 'done', error: null });
  } catch (error) {
    post({ type: 'done', error: messageOf(error) });
  }
}

void main();
