// The sidecar that trailcron starts for the example project: its jobs, Run now and Stop,
// driven through trailcron's commands and checked through the admin API and the project's
// SQLite files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from './framework';
import {
  activateTrailcron,
  configUri,
  countRows,
  execute,
  fetchAdminJobs,
  type AdminJob,
} from './project';

const SYSTEM_JOB_NAMES = [
  'Backup',
  'Heartbeat',
  'Logs Cleanup',
  'Session Cleanup',
  'Query Optimizer',
  'File Deletions',
];
const LOGS_CLEANUP_ID = 3;
// The example config keeps request logs for one day (server.logs_retention_sec).
const LOGS_RETENTION_SEC = 86_400;
const SIDECAR_START_TIMEOUT_MS = 30_000;

function waitForJobs(description: string, accept: (jobs: AdminJob[]) => boolean) {
  return waitFor(
    description,
    fetchAdminJobs,
    (jobs) => jobs !== undefined && accept(jobs),
    SIDECAR_START_TIMEOUT_MS,
  ) as Promise<AdminJob[]>;
}

test('sidecar lists the six system jobs', async () => {
  await activateTrailcron();
  const jobs = await waitForJobs('the sidecar admin API', (found) => found.length >= 6);
  const systemJobs = jobs.filter((job) => job.id < 1024);
  assert.deepEqual(
    systemJobs.map((job) => job.name),
    SYSTEM_JOB_NAMES,
  );
  // The example disables Query Optimizer in config.textproto, so it has no next run.
  const optimizer = systemJobs.find((job) => job.name === 'Query Optimizer');
  assert.equal(optimizer?.enabled, false);
  assert.equal(optimizer?.next, null);
});

test('Run now on Logs Cleanup deletes old rows', async () => {
  const extension = await activateTrailcron();
  const cutoff = `unixepoch() - ${LOGS_RETENTION_SEC}`;
  const oldRowsSql = `SELECT COUNT(*) FROM _logs WHERE created < ${cutoff}`;
  const freshRowsSql = `SELECT COUNT(*) FROM _logs WHERE created >= ${cutoff}`;

  // Scheduled runs may already have removed the example's old rows, so the test adds its
  // own, one hour past the retention.
  const oldCreated = Date.now() / 1000 - LOGS_RETENTION_SEC - 3600;
  for (let i = 0; i < 3; i++) {
    execute(
      extension,
      'logs.db',
      'INSERT INTO _logs (created, url) VALUES (?, ?)',
      oldCreated,
      `/old/${i}`,
    );
  }
  assert.ok(countRows(extension, 'logs.db', oldRowsSql) >= 3);
  const freshBefore = countRows(extension, 'logs.db', freshRowsSql);
  const requestedAt = Math.floor(Date.now() / 1000);

  // The command behind the "Run now" code lens. It resolves when the run has finished.
  await vscode.commands.executeCommand('trailcron.runJob', {
    configUri: configUri().toString(),
    jobId: LOGS_CLEANUP_ID,
  });

  const jobs = await waitForJobs('a recorded run of Logs Cleanup', (found) =>
    found.some((job) => job.id === LOGS_CLEANUP_ID && (job.latest?.[0] ?? 0) >= requestedAt),
  );
  const latest = jobs.find((job) => job.id === LOGS_CLEANUP_ID)?.latest;
  assert.ok(latest);
  assert.equal(latest[2], null, `Logs Cleanup failed: ${latest[2]}`);
  assert.equal(countRows(extension, 'logs.db', oldRowsSql), 0);
  assert.equal(countRows(extension, 'logs.db', freshRowsSql), freshBefore);
});

test('Stop removes the next run', async () => {
  await activateTrailcron();
  const before = await waitForJobs('the job list', (found) => found.length > 0);
  const target = before.find((job) => job.next !== null);
  assert.ok(target, 'no scheduled job to stop');

  await vscode.commands.executeCommand('trailcron.jobs.stop', {
    configUri: configUri().toString(),
    jobId: target.id,
  });

  const after = await waitForJobs(`no next run for ${target.name}`, (found) =>
    found.some((job) => job.id === target.id && job.next === null),
  );
  for (const job of after) {
    const scheduledBefore = before.find((item) => item.id === job.id)?.next !== null;
    if (job.id !== target.id && scheduledBefore) {
      assert.notEqual(job.next, null, `${job.name} lost its next run too`);
    }
  }
});
