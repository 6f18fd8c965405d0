// The bundled sidecar (dist/sidecar.js) as the VS Code client runs it: JSON-RPC on stdio,
// notifications, config reload, responses during a job, shutdown, and a SIGKILL mid-run.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  HistoryRequest,
  JobsReloadedNotification,
  ListJobsRequest,
  type ListJobsResult,
  RunFinishedNotification,
  RunJobRequest,
  type RunRecord,
  RunStartedNotification,
  SidecarInfoRequest,
} from '../../scheduler/protocol';
import {
  countRows,
  createProject,
  holdWriteLock,
  SIDECAR_FILE,
  type TempProject,
} from './fixtures';

interface Sidecar {
  process: ChildProcessWithoutNullStreams;
  connection: MessageConnection;
  started: RunRecord[];
  finished: RunRecord[];
  reloads: ListJobsResult[];
  exited: Promise<number | null>;
}

function startSidecar(project: string, extra: string[] = []): Sidecar {
  const child = spawn(
    process.execPath,
    [SIDECAR_FILE, '--stdio', '--project', project, '--no-admin', ...extra],
    { stdio: 'pipe' },
  );
  // Set SIDECAR_STDERR=1 to see the sidecar's log while debugging a test.
  if (process.env.SIDECAR_STDERR) child.stderr.pipe(process.stderr);
  else child.stderr.resume();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const sidecar: Sidecar = {
    process: child,
    connection,
    started: [],
    finished: [],
    reloads: [],
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  connection.onNotification(RunStartedNotification, (run) => {
    sidecar.started.push(run);
  });
  connection.onNotification(RunFinishedNotification, (run) => {
    sidecar.finished.push(run);
  });
  connection.onNotification(JobsReloadedNotification, (result) => {
    sidecar.reloads.push(result);
  });
  connection.onError(() => {});
  connection.listen();
  return sidecar;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('sidecar process', () => {
  let project: TempProject;
  let sidecar: Sidecar | undefined;
  beforeEach(() => {
    project = createProject('server { logs_retention_sec: 86400 }\n');
  });
  afterEach(async () => {
    if (sidecar !== undefined && sidecar.process.exitCode === null) {
      sidecar.process.kill('SIGKILL');
      await sidecar.exited;
    }
    sidecar?.connection.dispose();
    sidecar = undefined;
    project.remove();
  });

  test('lists jobs and reports info', async () => {
    sidecar = startSidecar(project.dir);

    const list = await sidecar.connection.sendRequest(ListJobsRequest);
    const info = await sidecar.connection.sendRequest(SidecarInfoRequest);

    assert.deepEqual(
      list.jobs.map((job) => job.id),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(list.jobs[0]?.enabled, false);
    assert.equal(info.pid, sidecar.process.pid);
    assert.equal(info.adminUrl, null);
    assert.equal(info.historyFile, join(project.dir, '.trailcron', 'history.db'));
  });

  test('runs a job and notifies', async () => {
    sidecar = startSidecar(project.dir);

    const result = await sidecar.connection.sendRequest(RunJobRequest, { id: 3 });
    await waitFor(() => sidecar!.finished.length === 1, 'RunFinished');

    assert.equal(result.error, null);
    assert.equal(sidecar.started[0]?.jobName, 'Logs Cleanup');
    assert.equal(sidecar.finished[0]?.status, 'succeeded');
    assert.equal(countRows(project.dir, 'logs', '_logs'), project.data.logs.fresh);
    const history = await sidecar.connection.sendRequest(HistoryRequest, { id: 3 });
    assert.equal(history[0]?.runId, result.runId);
  });

  test('reloads a changed config', async () => {
    sidecar = startSidecar(project.dir);
    await sidecar.connection.sendRequest(ListJobsRequest);
    const reloadsBefore = sidecar.reloads.length;

    const config = join(project.dir, 'config.textproto');
    const text = `${readFileSync(config, 'utf8')}jobs { system_jobs { id: 1 schedule: "@hourly" } }\n`;
    writeFileSync(config, text);
    await waitFor(() => sidecar!.reloads.length > reloadsBefore, 'JobsReloaded');

    const backup = sidecar.reloads.at(-1)?.jobs.find((job) => job.id === 1);
    assert.equal(backup?.enabled, true);
    assert.equal(backup?.schedule, '@hourly');
  });

  test('corrupt config keeps the last jobs', async () => {
    const config = join(project.dir, 'config.textproto');
    writeFileSync(config, 'jobs { system_jobs { id: 1 schedule: "@hourly" } }\n');
    sidecar = startSidecar(project.dir);
    await sidecar.connection.sendRequest(ListJobsRequest);
    const reloadsBefore = sidecar.reloads.length;

    writeFileSync(config, 'jobs { system_jobs { id: 1 schedule: "@hourly" \n');
    await waitFor(() => sidecar!.reloads.length > reloadsBefore, 'JobsReloaded');

    const list = await sidecar.connection.sendRequest(ListJobsRequest);
    assert.equal(list.jobs.length, 6);
    assert.equal(list.jobs[0]?.enabled, true);
    assert.match(list.problems[0]?.message ?? '', /^Invalid config, TrailBase would not start/);
  });

  test('answers while a job waits', async () => {
    const lock = await holdWriteLock(join(project.dir, 'data', 'logs.db'));
    sidecar = startSidecar(project.dir);
    try {
      const run = sidecar.connection.sendRequest(RunJobRequest, { id: 3 });
      await waitFor(() => sidecar!.started.length === 1, 'RunStarted');

      const list = await sidecar.connection.sendRequest(ListJobsRequest);
      const overlap = await sidecar.connection.sendRequest(RunJobRequest, { id: 3 });

      assert.equal(list.jobs.find((job) => job.id === 3)?.running, true);
      assert.equal(overlap.rejected, 'already running');
      await lock.release();
      assert.equal((await run).error, null);
    } finally {
      await lock.release();
    }
  });

  test('killed mid-run, then restarted', async () => {
    const lock = await holdWriteLock(join(project.dir, 'data', 'logs.db'));
    try {
      sidecar = startSidecar(project.dir);
      await sidecar.connection.sendRequest(RunJobRequest, { id: 2 });
      void sidecar.connection.sendRequest(RunJobRequest, { id: 3 }).catch(() => {});
      await waitFor(() => sidecar!.started.length === 2, 'RunStarted');
      sidecar.process.kill('SIGKILL');
      await sidecar.exited;
      sidecar.connection.dispose();
    } finally {
      await lock.release();
    }

    sidecar = startSidecar(project.dir);
    const history = await sidecar.connection.sendRequest(HistoryRequest, {});

    assert.equal(history.length, 2);
    assert.equal(history[0]?.jobId, 3);
    assert.equal(history[0]?.status, 'interrupted');
    assert.equal(history[1]?.status, 'succeeded');
    // The cut-off run deleted nothing.
    const { logs } = project.data;
    assert.equal(countRows(project.dir, 'logs', '_logs'), logs.old + logs.fresh);
  });

  test('SIGTERM interrupts after grace', async () => {
    const lock = await holdWriteLock(join(project.dir, 'data', 'logs.db'));
    try {
      sidecar = startSidecar(project.dir);
      void sidecar.connection.sendRequest(RunJobRequest, { id: 3 }).catch(() => {});
      await waitFor(() => sidecar!.started.length === 1, 'RunStarted');

      sidecar.process.kill('SIGTERM');
      assert.equal(await sidecar.exited, 0);
    } finally {
      await lock.release();
    }
    sidecar.connection.dispose();

    sidecar = startSidecar(project.dir);
    const [run] = await sidecar.connection.sendRequest(HistoryRequest, { id: 3 });
    assert.equal(run?.status, 'interrupted');
    assert.match(run?.error ?? '', /shut down during the run/);
  });

  test('exits when stdin ends', async () => {
    sidecar = startSidecar(project.dir);
    await sidecar.connection.sendRequest(ListJobsRequest);

    sidecar.process.stdin.end();

    assert.equal(await sidecar.exited, 0);
  });

  test('exits when the parent exits', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const parentExited = new Promise((resolve) => parent.once('exit', resolve));
    sidecar = startSidecar(project.dir, ['--parent-pid', String(parent.pid)]);
    await sidecar.connection.sendRequest(ListJobsRequest);

    parent.kill('SIGKILL');
    await parentExited;

    assert.equal(await sidecar.exited, 0);
  });

  test('rejects invalid arguments', async () => {
    sidecar = startSidecar(project.dir, ['--history-max-runs', 'many']);

    assert.equal(await sidecar.exited, 2);
  });
});
