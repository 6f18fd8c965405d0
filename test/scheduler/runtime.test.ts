// The job runtime with in-process jobs and a real history file: outcomes, timeouts, overlap,
// stop and start, registry rebuilds, shutdown and the no-catch-up rule.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { HistoryStore } from '../../scheduler/history';
import type { JobDefinition, JobRunContext } from '../../scheduler/job';
import type { RunRecord } from '../../scheduler/protocol';
import { JobRuntime } from '../../scheduler/runtime';

function everySecond(after: Date): Date {
  return new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
}

function job(
  id: number,
  run: (context: JobRunContext) => Promise<void>,
  overrides: Partial<JobDefinition> = {},
): JobDefinition {
  return {
    id,
    name: `Job ${id}`,
    kind: 'system',
    schedule: '* * * * * *',
    enabled: false,
    nextRun: everySecond,
    run,
    ...overrides,
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('job runtime', () => {
  let dir: string;
  let history: HistoryStore;
  let finished: RunRecord[];
  let runtime: JobRuntime;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trailcron-runtime-'));
    history = new HistoryStore(join(dir, 'history.db'), 50);
    finished = [];
    runtime = new JobRuntime({
      project: dir,
      history,
      runTimeoutMs: 200,
      listener: { runFinished: (run) => finished.push({ ...run }) },
    });
  });
  afterEach(async () => {
    await runtime.shutdown(0);
    history.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('failing job records its error', async () => {
    runtime.setJobs([job(1, () => Promise.reject(new Error('boom')))], []);

    const result = await runtime.runJob(1, 'manual');

    assert.equal(result.error, 'boom');
    assert.equal(runtime.getJob(1)?.latest?.[2], 'boom');
    const [run] = runtime.history({ id: 1 });
    assert.equal(run?.status, 'failed');
    assert.equal(run?.error, 'boom');
    assert.equal(run?.trigger, 'manual');
  });

  test('hanging job times out', async () => {
    let aborted = false;
    const hang = (context: JobRunContext) =>
      new Promise<void>(() => {
        context.signal.addEventListener('abort', () => (aborted = true));
      });
    runtime.setJobs([job(1, hang)], []);

    const result = await runtime.runJob(1, 'api');

    assert.equal(result.error, 'timed out after 0.2 s');
    assert.equal(aborted, true);
    assert.equal(runtime.history({ id: 1 })[0]?.status, 'timed-out');
    assert.equal(runtime.getJob(1)?.running, false);
  });

  test('overlapping run is rejected', async () => {
    let release = () => {};
    const slow = () => new Promise<void>((resolve) => (release = resolve));
    runtime.setJobs([job(1, slow)], []);

    const first = runtime.runJob(1, 'manual');
    await flush();
    const second = await runtime.runJob(1, 'manual');
    assert.equal(runtime.getJob(1)?.running, true);
    release();
    const firstResult = await first;

    assert.equal(second.rejected, 'already running');
    assert.match(second.error ?? '', /already running/);
    assert.equal(firstResult.error, null);
    assert.equal(runtime.history({ id: 1 }).length, 1);
  });

  test('unknown id is rejected', async () => {
    const result = await runtime.runJob(42, 'api');

    assert.equal(result.rejected, 'No job with id 42');
    assert.equal(runtime.stopJob(42), undefined);
  });

  test('stop and start set next', () => {
    runtime.setJobs([job(1, async () => {}, { enabled: true })], []);
    assert.notEqual(runtime.getJob(1)?.next, null);

    const stopped = runtime.stopJob(1);
    assert.equal(stopped?.enabled, false);
    assert.equal(stopped?.next, null);

    const started = runtime.startJob(1);
    assert.equal(started?.enabled, true);
    assert.ok((started?.next ?? 0) > Date.now() / 1000);
  });

  test('rebuild keeps latest and stop', async () => {
    runtime.setJobs([job(1, async () => {}, { enabled: true })], []);
    await runtime.runJob(1, 'manual');
    runtime.stopJob(1);

    runtime.setJobs([job(1, async () => {}, { enabled: true, name: 'Renamed' })], []);

    const info = runtime.getJob(1);
    assert.equal(info?.name, 'Renamed');
    assert.notEqual(info?.latest, null);
    assert.equal(info?.enabled, false);
  });

  test('rebuild with new schedule re-enables', () => {
    runtime.setJobs([job(1, async () => {}, { enabled: true })], []);
    runtime.stopJob(1);

    runtime.setJobs([job(1, async () => {}, { enabled: true, schedule: '@hourly' })], []);

    assert.equal(runtime.getJob(1)?.enabled, true);
  });

  test('shutdown interrupts running jobs', async () => {
    runtime.setJobs([job(1, () => new Promise<void>(() => {}))], []);
    const run = runtime.runJob(1, 'manual');
    await flush();

    await runtime.shutdown(10);
    const result = await run;

    assert.match(result.error ?? '', /shut down during the run/);
    assert.equal(runtime.history({ id: 1 })[0]?.status, 'interrupted');
  });

  test('history keeps the newest runs', async () => {
    const small = new HistoryStore(join(dir, 'small.db'), 3);
    const bounded = new JobRuntime({ project: dir, history: small });
    bounded.setJobs([job(1, async () => {})], []);

    for (let index = 0; index < 5; index++) await bounded.runJob(1, 'manual');

    const runs = bounded.history({ limit: 10 });
    assert.deepEqual(
      runs.map((run) => run.runId),
      [5, 4, 3],
    );
    await bounded.shutdown(0);
    small.close();
  });

  test('latest survives a restart', async () => {
    runtime.setJobs([job(1, () => Promise.reject(new Error('disk full')))], []);
    await runtime.runJob(1, 'manual');

    const restarted = new JobRuntime({ project: dir, history });
    restarted.setJobs([job(1, async () => {})], []);

    assert.equal(restarted.getJob(1)?.latest?.[2], 'disk full');
  });
});

describe('job runtime schedule', () => {
  const start = Date.UTC(2030, 0, 1, 0, 0, 0, 500);
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: start }));
  afterEach(() => mock.timers.reset());

  test('runs on schedule', async () => {
    let runs = 0;
    const runtime = new JobRuntime({ project: 'p' });
    runtime.setJobs([job(1, async () => void runs++, { enabled: true })], []);

    for (let second = 0; second < 3; second++) {
      mock.timers.tick(1_000);
      await flush();
    }

    assert.equal(runs, 3);
    await runtime.shutdown(0);
  });

  test('sleep does not cause catch-up', async () => {
    let runs = 0;
    const runtime = new JobRuntime({ project: 'p' });
    runtime.setJobs([job(1, async () => void runs++, { enabled: true })], []);

    // The machine sleeps for an hour: the wall clock moves on, the timer does not.
    mock.timers.setTime(start + 3_600_000);
    mock.timers.tick(600);
    await flush();

    assert.equal(runs, 1);
    assert.equal(runtime.getJob(1)?.next, Math.floor((start + 3_600_600) / 1000) + 1);
    await runtime.shutdown(0);
  });
});
