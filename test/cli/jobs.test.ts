// `trailcron run`, `jobs` and `run-job` through the bundled CLI (dist/cli.js) on real project
// folders.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CLI_FILE, countRows, createProject, type TempProject } from '../scheduler/fixtures';

const CONFIG = `server { logs_retention_sec: 86400 }
jobs {
  system_jobs { id: BACKUP schedule: "@hourly" }
  system_jobs { id: 2 schedule: "*/5 * * * * *" }
  system_jobs { id: HEARTBEAT schedule: "@daily" }
}
`;

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI_FILE, ...args], { encoding: 'utf8', timeout: 60_000 });
}

interface RunningCli {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Standard output so far. */
  output(): string;
}

/** Starts `trailcron run` on a project and waits until it prints that it is ready. */
async function startRun(dir: string): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI_FILE, 'run', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (let attempt = 0; attempt < 400 && !output.includes('Press Ctrl-C'); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { child, exited, output: () => output };
}

describe('trailcron jobs commands', () => {
  let project: TempProject;
  beforeEach(() => {
    project = createProject(CONFIG);
  });
  afterEach(() => project.remove());

  test('jobs --json matches the admin API', () => {
    const result = cli('jobs', project.dir, '--json');

    assert.equal(result.status, 0);
    const body = JSON.parse(result.stdout) as { jobs: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(body), ['jobs']);
    assert.equal(body.jobs.length, 6);
    for (const job of body.jobs) {
      assert.deepEqual(Object.keys(job), ['id', 'name', 'schedule', 'enabled', 'next', 'latest']);
    }
    const backup = body.jobs[0]!;
    assert.equal(backup.name, 'Backup');
    assert.equal(backup.enabled, true);
    assert.equal(typeof backup.next, 'number');
    assert.equal(body.jobs[1]!.schedule, '*/5 * * * * *');
  });

  test('jobs table warns about duplicates', () => {
    const result = cli('jobs', project.dir);

    assert.equal(result.status, 0);
    assert.match(result.stdout, /^ID +NAME +SCHEDULE/);
    assert.match(result.stdout, /3 +Logs Cleanup +@hourly +enabled/);
    assert.match(result.stderr, /Duplicate job definition for 'Heartbeat'/);
  });

  test('run-job deletes rows', () => {
    const result = cli('run-job', project.dir, '3');

    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /job 3 'Logs Cleanup' \(cli\) succeeded/);
    assert.equal(countRows(project.dir, 'logs', '_logs'), project.data.logs.fresh);
  });

  test('run-job job error exits 1', () => {
    rmSync(join(project.dir, 'data', 'session.db'));

    const result = cli('run-job', project.dir, '4');

    assert.equal(result.status, 1);
    assert.match(result.stdout, /failed in \d+ ms: Database session\.db not found/);
  });

  test('run-job unknown id exits 1', () => {
    const result = cli('run-job', project.dir, '99');

    assert.equal(result.status, 1);
    assert.match(result.stderr, /No job with id 99/);
  });

  test('run-job invalid id is usage', () => {
    const result = cli('run-job', project.dir, 'backup');

    assert.equal(result.status, 2);
    assert.match(result.stderr, /job id must be an integer, got 'backup'/);
  });

  test('run-job runs a trusted user job', () => {
    const guests = join(__dirname, '..', '..', 'examples', 'guests');

    const result = cli('run-job', project.dir, '1024', '--trust', '--search-root', guests);

    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /job 1024 'Expire share links' \(cli\) succeeded/);
    assert.equal(countRows(project.dir, 'main', 'article_shares'), project.data.shares.kept);
  });

  test('run-job of a user job needs trust', () => {
    const result = cli('run-job', project.dir, '1024');

    assert.equal(result.status, 1);
    assert.match(result.stderr, /User jobs \(ids from 1024\) load only with --trust/);
  });

  test('jobs without trust lists no user job', () => {
    const guests = join(__dirname, '..', '..', 'examples', 'guests');

    const result = cli('jobs', project.dir, '--json', '--search-root', guests);

    assert.equal(result.status, 0, result.stderr);
    const body = JSON.parse(result.stdout) as { jobs: { id: number }[] };
    assert.deepEqual(
      body.jobs.map((job) => job.id),
      [1, 2, 3, 4, 5, 6],
    );
  });

  test('jobs with trust lists the user job', () => {
    const guests = join(__dirname, '..', '..', 'examples', 'guests');

    const result = cli('jobs', project.dir, '--json', '--trust', '--search-root', guests);

    assert.equal(result.status, 0, result.stderr);
    const body = JSON.parse(result.stdout) as { jobs: { id: number; name: string }[] };
    assert.equal(body.jobs.length, 7);
    assert.deepEqual(body.jobs[6], { ...body.jobs[6], id: 1024, name: 'Expire share links' });
    assert.match(result.stderr, /Weekly draft report: invalid job spec '0 8 \* \* 1'/);
    // Monday is 1 in a Unix crontab and 2 in TrailBase's numbering.
    assert.match(result.stderr, /renumber day-of-week \(1 = Sunday\): '0 0 8 \* \* 2'/);
  });

  test('missing project folder fails', () => {
    const missing = join(project.dir, 'nowhere');

    const result = cli('jobs', missing);

    assert.equal(result.status, 1);
    assert.match(result.stderr, /Project folder not found/);
  });

  test('run serves the admin API until SIGINT', async () => {
    const { child, exited, output } = await startRun(project.dir);
    try {
      const url = /Admin API: (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
      const tokenFile = /bearer token in (\S+)\)/.exec(output())?.[1];
      assert.ok(url, output());
      assert.equal(tokenFile, join(project.dir, '.trailcron', 'admin-token'));
      const token = readFileSync(tokenFile, 'utf8').trim();

      const response = await fetch(`${url}/api/_admin/jobs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { jobs: { id: number }[] };
      assert.equal(response.status, 200);
      assert.equal(body.jobs.length, 6);
      assert.doesNotMatch(output(), new RegExp(token));

      child.kill('SIGINT');
      assert.equal(await exited, 0);
      assert.match(output(), /Received SIGINT/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('second run on one project exits 1', async () => {
    const { child: first, exited, output } = await startRun(project.dir);
    try {
      assert.match(output(), /Press Ctrl-C/);

      const second = cli('run', project.dir, '--port', '0');

      assert.equal(second.status, 1);
      assert.match(
        second.stderr,
        new RegExp(`Another trailcron scheduler \\(process ${first.pid}\\)`),
      );
      first.kill('SIGINT');
      assert.equal(await exited, 0);
      assert.equal(existsSync(join(project.dir, '.trailcron', 'scheduler.pid')), false);
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
    }
  });

  test('run takes over a stale lock', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']);
    mkdirSync(join(project.dir, '.trailcron'), { recursive: true });
    writeFileSync(join(project.dir, '.trailcron', 'scheduler.pid'), `${dead.pid}\n`);

    const { child, exited, output } = await startRun(project.dir);
    try {
      assert.match(output(), /Press Ctrl-C/);
      const lock = readFileSync(join(project.dir, '.trailcron', 'scheduler.pid'), 'utf8');
      assert.equal(lock.trim(), String(child.pid));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('run with an invalid config exits 1', () => {
    writeFileSync(join(project.dir, 'config.textproto'), 'jobs { system_jobs { id: 2 \n');

    const result = cli('run', project.dir, '--port', '0');

    assert.equal(result.status, 1);
    assert.match(result.stderr, /Invalid config, TrailBase would not start/);
    assert.match(result.stderr, /fix config\.textproto and start again/);
  });

  test('oversized config is rejected quickly', () => {
    const entry = 'jobs { system_jobs { id: 2 schedule: "x" } }\n';
    writeFileSync(join(project.dir, 'config.textproto'), entry.repeat(150_000));

    const result = cli('jobs', project.dir);

    assert.equal(result.status, 0);
    assert.match(result.stderr, /config\.textproto is 6\.\d MB, more than the 5 MB/);
  });

  test('binary config is named as such', () => {
    writeFileSync(join(project.dir, 'config.textproto'), Buffer.from([0, 159, 146, 150, 0, 1]));

    const result = cli('run', project.dir, '--port', '0');

    assert.equal(result.status, 1);
    assert.match(result.stderr, /is a binary file, not protobuf text format/);
  });

  test('run-job honours --run-timeout-sec', () => {
    const result = cli('run-job', project.dir, '3', '--run-timeout-sec', '0');

    assert.equal(result.status, 2);
    assert.match(result.stderr, /--run-timeout-sec expects a positive number, got '0'/);
  });
});
