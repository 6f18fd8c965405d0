// The admin HTTP API against the real job runtime and history file, over real HTTP on
// 127.0.0.1: auth, TrailBase's shapes and status codes, aliases, extras and limits.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startAdminServer } from '../../scheduler/admin/server';
import { HistoryStore } from '../../scheduler/history';
import type { JobDefinition } from '../../scheduler/job';
import type { LogLevel } from '../../scheduler/protocol';
import { JobRuntime } from '../../scheduler/runtime';

const TOKEN = 'test-token-0123456789abcdef';
const NEXT_RUN = new Date('2031-01-01T00:00:17Z');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(
  url: string,
  options: { method?: string; token?: string | null; body?: string; contentType?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function definition(id: number, name: string, run: () => Promise<void>): JobDefinition {
  return {
    id,
    name,
    kind: id >= 1024 ? 'user' : 'system',
    schedule: '17 * * * * * *',
    enabled: true,
    nextRun: () => NEXT_RUN,
    run,
  };
}

describe('admin API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trailcron-admin-'));
  const history = new HistoryStore(join(dir, 'history.db'));
  const runtime = new JobRuntime({ project: dir, history, timers: false });
  const logs: { level: LogLevel; message: string }[] = [];
  let releaseSlowJob: () => void = () => undefined;
  let server: { url: string; close(): Promise<void> };

  before(async () => {
    runtime.setJobs(
      [
        definition(2, 'Heartbeat', async () => undefined),
        definition(3, 'Logs Cleanup', async () => {
          throw new Error('database is locked');
        }),
        definition(1024, 'slow', () => new Promise<void>((resolve) => (releaseSlowJob = resolve))),
      ],
      [],
    );
    server = await startAdminServer({
      port: 0,
      token: TOKEN,
      control: runtime,
      log: (level, message) => logs.push({ level, message }),
      maxBodyBytes: 1024,
    });
  });

  after(async () => {
    releaseSlowJob();
    await server.close();
    await runtime.shutdown(1000);
    history.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 only', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('missing token is 401', async () => {
    const before = logs.length;
    const reply = await send(`${server.url}/api/_admin/jobs`, { token: null });
    assert.equal(reply.status, 401);
    assert.equal(reply.headers['www-authenticate'], 'Bearer');
    assert.equal(logs.length, before + 1);
    assert.match(logs.at(-1)?.message ?? '', /401 unauthorized: missing bearer token/);
  });

  test('wrong token is 401', async () => {
    for (const token of ['wrong', `${TOKEN}x`, TOKEN.replace('0', '1'), '']) {
      const reply = await send(`${server.url}/api/_admin/jobs`, { token });
      assert.equal(reply.status, 401, `token '${token}'`);
    }
    assert.ok(
      logs.every((line) => !line.message.includes(TOKEN)),
      'token never logged',
    );
  });

  test('token is checked on every route', async () => {
    for (const [method, path] of [
      ['POST', '/api/_admin/job/run'],
      ['POST', '/_/admin/jobs/2/run'],
      ['GET', '/api/_admin/jobs/history'],
      ['GET', '/nowhere'],
    ] as const) {
      const body = method === 'POST' ? '{"id":2}' : undefined;
      const reply = await send(`${server.url}${path}`, { method, token: 'nope', body });
      assert.equal(reply.status, 401, `${method} ${path}`);
    }
  });

  test('list has exact TrailBase shape', async () => {
    const reply = await send(`${server.url}/api/_admin/jobs`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json');
    const body = JSON.parse(reply.text) as { jobs: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(body), ['jobs']);
    assert.deepEqual(Object.keys(body.jobs[0] ?? {}), [
      'id',
      'name',
      'schedule',
      'enabled',
      'next',
      'latest',
    ]);
    assert.deepEqual(body.jobs[0], {
      id: 2,
      name: 'Heartbeat',
      schedule: '17 * * * * * *',
      enabled: true,
      next: NEXT_RUN.getTime() / 1000,
      latest: null,
    });
  });

  test('run returns null error, latest', async () => {
    const reply = await send(`${server.url}/api/_admin/job/run`, {
      method: 'POST',
      body: '{"id":2}',
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.text, '{"error":null}');

    const list = JSON.parse((await send(`${server.url}/api/_admin/jobs`)).text) as {
      jobs: { id: number; latest: [number, number, string | null] | null }[];
    };
    const latest = list.jobs.find((job) => job.id === 2)?.latest;
    assert.ok(latest, 'latest set after the run');
    assert.equal(latest.length, 3);
    assert.ok(Number.isInteger(latest[0]), 'start is an integer');
    assert.ok(latest[0] < 1e11, 'start in unix seconds, not milliseconds');
    assert.ok(latest[1] >= 0, 'duration in ms');
    assert.equal(latest[2], null);
  });

  test('failing run returns its error', async () => {
    const reply = await send(`${server.url}/api/_admin/job/run`, {
      method: 'POST',
      body: '{"id":3}',
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.text), { error: 'database is locked' });
  });

  test('unknown id is 412', async () => {
    const reply = await send(`${server.url}/api/_admin/job/run`, {
      method: 'POST',
      body: '{"id":99}',
    });
    assert.equal(reply.status, 412);
    assert.equal(reply.text, 'precondition failed: Job not found');
    assert.match(reply.headers['content-type'] as string, /^text\/plain/);
  });

  test('bad JSON is 400', async () => {
    const before = logs.length;
    const reply = await send(`${server.url}/api/_admin/job/run`, {
      method: 'POST',
      body: '{"id":',
    });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /^invalid JSON in request body: /);
    assert.equal(logs.length, before + 1);
  });

  test('body without id is 422', async () => {
    for (const body of ['{}', '[2]', '{"id":"2"}', '{"id":2.5}', 'null']) {
      const reply = await send(`${server.url}/api/_admin/job/run`, { method: 'POST', body });
      assert.equal(reply.status, 422, body);
    }
  });

  test('non-JSON content type is 415', async () => {
    const reply = await send(`${server.url}/api/_admin/job/run`, {
      method: 'POST',
      body: 'id=2',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(reply.status, 415);
  });

  test('oversized body is 413', async () => {
    const body = JSON.stringify({ id: 2, padding: 'x'.repeat(2000) });
    const reply = await send(`${server.url}/api/_admin/job/run`, { method: 'POST', body });
    assert.equal(reply.status, 413);
    assert.equal(reply.headers.connection, 'close');
    assert.equal(reply.text, 'request body exceeds 1024 bytes');
  });

  test('oversized stream is cut off', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);

    socket.write(
      'POST /api/_admin/job/run HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\n` +
        'Transfer-Encoding: chunked\r\n\r\n',
    );
    // Chunks keep coming until the server closes the connection; it must not wait for the end.
    let written = 0;
    while (!socket.destroyed && written < 64 * 1024 * 1024) {
      const chunk = 'x'.repeat(512);
      if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) {
        await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
      }
      written += 512;
    }
    if (!socket.destroyed) socket.end();
    await closed;
    assert.match(received, /^HTTP\/1\.1 413 /);
    assert.ok(written < 64 * 1024 * 1024, 'connection closed before the body ended');
  });

  test('malformed request is 400', async () => {
    const before = logs.length;
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.write('GARBAGE / HTTP/9\r\n\r\n');
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    assert.match(received, /^HTTP\/1\.1 400 /);
    assert.equal(logs.length, before + 1);
    assert.match(logs.at(-1)?.message ?? '', /malformed request/);
  });

  test('unknown route is 404', async () => {
    const reply = await send(`${server.url}/api/_admin/nope`);
    assert.equal(reply.status, 404);
  });

  test('wrong method is 405 with Allow', async () => {
    const list = await send(`${server.url}/api/_admin/jobs`, { method: 'DELETE' });
    assert.equal(list.status, 405);
    assert.equal(list.headers.allow, 'GET, HEAD');
    const head = await send(`${server.url}/api/_admin/jobs`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    const run = await send(`${server.url}/api/_admin/job/run`);
    assert.equal(run.status, 405);
    assert.equal(run.headers.allow, 'POST');
  });

  test('docs page aliases', async () => {
    const canonical = await send(`${server.url}/api/_admin/jobs`);
    const alias = await send(`${server.url}/_/admin/jobs`);
    assert.equal(alias.status, 200);
    assert.deepEqual(JSON.parse(alias.text), JSON.parse(canonical.text));

    const run = await send(`${server.url}/_/admin/jobs/2/run`, { method: 'POST' });
    assert.equal(run.status, 200);
    assert.equal(run.text, '{"error":null}');
    assert.equal((await send(`${server.url}/_/admin/jobs/99/run`, { method: 'POST' })).status, 412);
    assert.equal(
      (await send(`${server.url}/_/admin/jobs/two/run`, { method: 'POST' })).status,
      400,
    );
  });

  test('stop and start a job', async () => {
    const stop = await send(`${server.url}/api/_admin/job/stop`, {
      method: 'POST',
      body: '{"id":2}',
    });
    assert.equal(stop.status, 200);
    const stopped = JSON.parse(stop.text) as { enabled: boolean; next: number | null };
    assert.equal(stopped.enabled, false);
    assert.equal(stopped.next, null);

    const start = await send(`${server.url}/api/_admin/job/start`, {
      method: 'POST',
      body: '{"id":2}',
    });
    assert.equal(start.status, 200);
    const started = JSON.parse(start.text) as { enabled: boolean; next: number | null };
    assert.equal(started.enabled, true);
    assert.equal(started.next, NEXT_RUN.getTime() / 1000);

    const unknown = await send(`${server.url}/api/_admin/job/stop`, {
      method: 'POST',
      body: '{"id":99}',
    });
    assert.equal(unknown.status, 412);
  });

  test('history by id and limit', async () => {
    const reply = await send(`${server.url}/api/_admin/jobs/history?id=3&limit=1`);
    assert.equal(reply.status, 200);
    const body = JSON.parse(reply.text) as { runs: { jobId: number; error: string | null }[] };
    assert.equal(body.runs.length, 1);
    assert.equal(body.runs[0]?.jobId, 3);
    assert.equal(body.runs[0]?.error, 'database is locked');

    assert.equal((await send(`${server.url}/api/_admin/jobs/history?limit=0`)).status, 400);
    assert.equal((await send(`${server.url}/api/_admin/jobs/history?id=x`)).status, 400);
  });

  test('run while running is 409', async () => {
    const first = send(`${server.url}/api/_admin/job/run`, { method: 'POST', body: '{"id":1024}' });
    // The slow job's run has begun once the runtime lists it as running.
    while (!runtime.listJobs().jobs.find((job) => job.id === 1024)?.running) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const second = await send(`${server.url}/api/_admin/job/run`, {
      method: 'POST',
      body: '{"id":1024}',
    });
    assert.equal(second.status, 409);
    assert.equal(second.text, 'conflict: already running');

    const listed = await send(`${server.url}/api/_admin/jobs`);
    assert.equal(listed.status, 200, 'list answers while a run waits');
    releaseSlowJob();
    assert.equal((await first).text, '{"error":null}');
  });
});
