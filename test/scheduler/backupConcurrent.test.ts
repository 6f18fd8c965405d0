// Backup while another process keeps writing to main.db: the copy must be one consistent
// snapshot that passes PRAGMA integrity_check.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DatabaseSync } from '@photostructure/sqlite';
import { runInWorker } from '../../scheduler/workerTask';
import { createProject, DIST, ONE_DAY_SEC, type TempProject, WORKER_FILE } from './fixtures';

let project: TempProject;
before(() => {
  project = createProject();
  // About 8 MB of rows, so the copy takes long enough for writes to interleave with it.
  const db = new DatabaseSync(join(project.dir, 'data', 'main.db'));
  db.exec('CREATE TABLE payload (id INTEGER PRIMARY KEY, batch INTEGER, body BLOB)');
  const insert = db.prepare('INSERT INTO payload (batch, body) VALUES (0, randomblob(4096))');
  db.exec('BEGIN');
  for (let index = 0; index < 2_000; index++) insert.run();
  db.exec('COMMIT');
  db.close();
});
after(() => project.remove());

function startWriter(file: string) {
  // Each transaction inserts ten rows of one batch, so a consistent copy holds only whole
  // batches.
  const script = `
    const { DatabaseSync } = require(${JSON.stringify(join(DIST, 'node_modules/@photostructure/sqlite'))});
    const db = new DatabaseSync(${JSON.stringify(file)}, { timeout: 5000 });
    const insert = db.prepare('INSERT INTO payload (batch, body) VALUES (?, randomblob(4096))');
    let batch = 1;
    let stop = false;
    process.stdin.on('end', () => { stop = true; });
    process.stdin.resume();
    function step() {
      if (stop) { db.close(); process.stdout.write('batches ' + (batch - 1) + '\\n'); return; }
      db.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < 10; i++) insert.run(batch);
      db.exec('COMMIT');
      if (batch === 1) process.stdout.write('writing\\n');
      batch++;
      setImmediate(step);
    }
    step();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = new Promise<void>((resolve) => {
    child.stdout.on('data', () => {
      if (output.includes('writing')) resolve();
    });
  });
  const stop = (): Promise<number> =>
    new Promise((resolve) => {
      child.once('exit', () => resolve(Number(/batches (\d+)/.exec(output)?.[1] ?? -1)));
      child.stdin.end();
    });
  return { started, stop };
}

test('backup during writes is consistent', async () => {
  const writer = startWriter(join(project.dir, 'data', 'main.db'));
  await writer.started;

  await runInWorker(
    WORKER_FILE,
    {
      name: 'backup',
      projectDir: project.dir,
      busyTimeoutMs: 5_000,
      logsRetentionSec: ONE_DAY_SEC,
      backupWindowSize: 5,
      databases: [],
    },
    { signal: new AbortController().signal, timeoutMs: 60_000, log: () => {} },
  );
  const batches = await writer.stop();

  const [folder] = readdirSync(join(project.dir, 'backups'));
  const copy = new DatabaseSync(join(project.dir, 'backups', folder!, 'main.db'), {
    readOnly: true,
  });
  const integrity = copy.prepare('PRAGMA integrity_check').get() as Record<string, string>;
  const partial = copy
    .prepare(
      'SELECT COUNT(*) AS count FROM (SELECT batch FROM payload GROUP BY batch HAVING COUNT(*) != 10 AND batch > 0)',
    )
    .get() as { count: number };
  const copied = copy.prepare('SELECT MAX(batch) AS batch FROM payload').get() as { batch: number };
  copy.close();

  assert.equal(Object.values(integrity)[0], 'ok');
  assert.equal(partial.count, 0);
  assert.ok(batches >= 1, `writer committed ${batches} batches`);
  assert.ok(copied.batch <= batches, `copy has batch ${copied.batch} of ${batches}`);
});
