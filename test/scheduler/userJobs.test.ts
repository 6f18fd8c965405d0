// User jobs from real guest modules in a temp workspace, run in real worker threads
// against a real SQLite main.db.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DatabaseSync } from '@photostructure/sqlite';

import type { LogLevel } from '../../scheduler/protocol';
import { findGuestModules } from '../../scheduler/userJobs/discovery';
import {
  loadUserJobs,
  UNTRUSTED_PROBLEM,
  type LoadedUserJobs,
  type UserJobDefinition,
} from '../../scheduler/userJobs/index';

const GUEST = `import { defineConfig } from 'trailbase-wasm';
import { execute, query, Transaction } from 'trailbase-wasm/db';
import { JobHandler } from 'trailbase-wasm/job';
import { label } from './lib.js';

type Row = [number, string];

export const { initEndpoint, incomingHandler, sqliteFunctionEndpoint } = defineConfig({
  jobHandlers: [
    JobHandler.minutely('write', async () => {
      await execute('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)', []);
      const changed = await execute('INSERT INTO notes (text) VALUES (?)', [label('hello')]);
      const rows = (await query('SELECT id, text FROM notes', [])) as Row[];
      console.log('inserted', changed, 'rows', rows.length);
    }),
    JobHandler.hourly('values', async () => {
      const [row] = await query('SELECT 7, 9007199254740993, 1.5, ?, ?, NULL', [true, new Uint8Array([1, 2])]);
      const kinds = row!.map((value) => (value instanceof Uint8Array ? 'bytes' : typeof value));
      if (kinds.join() !== 'number,bigint,number,number,bytes,object') throw new Error(kinds.join());
      const tx = new Transaction();
      tx.execute('CREATE TABLE IF NOT EXISTS tx_rows (n INTEGER)', []);
      tx.execute('INSERT INTO tx_rows VALUES (?)', [1n]);
      tx.rollback();
    }),
    JobHandler.hourly('throws', () => {
      throw new Error('quota exceeded for table notes');
    }),
    JobHandler.hourly('hangs', () => new Promise((resolve) => setTimeout(resolve, 60_000))),
    JobHandler.hourly('spins', () => {
      for (;;) {}
    }),
    JobHandler.hourly('exits', () => {
      process.exit(3);
    }),
    JobHandler.hourly('bad sql', async () => {
      await query('SELECT * FROM missing_table', []);
    }),
    JobHandler.hourly('prints', () => {
      process.stdout.write('raw stdout line\\n');
      console.warn('careful');
    }),
    JobHandler.hourly('prints', () => undefined),
    new JobHandler('unix cron', '0 3 * * *', () => undefined),
    new JobHandler('six fields', '0 0 3 * * *', () => undefined),
    new JobHandler('minute 61', '0 61 * * * *', () => undefined),
  ],
});
`;

const LIB = `import { escape } from 'trailbase-wasm/db';
export function label(text: string): string {
  return text + ' ' + escape("it's");
}
`;

const LOAD_FAILURE = `import { defineConfig } from 'trailbase-wasm';

throw new Error('config missing');
export const { initEndpoint } = defineConfig({ jobHandlers: [] });
`;

const NO_EXPORT = `import { defineConfig } from "trailbase-wasm";
const config = defineConfig({ jobHandlers: [] });
`;

const MARKER_MODULE = `import { defineConfig } from 'trailbase-wasm';
import { writeFileSync } from 'node:fs';
writeFileSync(__dirname + '/evaluated.txt', 'yes');
export const { initEndpoint } = defineConfig({ jobHandlers: [] });
`;

/** Zero-based line and column of `needle` in the guest source. */
function positionInGuest(needle: string): { line: number; character: number } {
  const lines = GUEST.split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  return { line, character: lines[line]?.indexOf(needle) ?? -1 };
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('user jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trailcron-userjobs-'));
  const project = join(dir, 'traildepot');
  const guests = join(dir, 'guests');
  const mainDbPath = join(project, 'data', 'main.db');
  const logs: { level: LogLevel; message: string }[] = [];
  let loaded: LoadedUserJobs;

  function job(name: string): UserJobDefinition {
    const found = loaded.jobs.find((candidate) => candidate.name === name);
    assert.ok(found, `job '${name}' loaded`);
    return found;
  }

  function run(name: string, timeoutMs = 5000, signal = new AbortController().signal) {
    const log = (level: LogLevel, message: string) => logs.push({ level, message });
    return loaded.run(job(name), { mainDbPath, timeoutMs, signal, log });
  }

  before(async () => {
    write(join(guests, 'app', 'src', 'index.ts'), GUEST);
    write(join(guests, 'app', 'src', 'lib.ts'), LIB);
    write(join(guests, 'broken', 'index.ts'), LOAD_FAILURE);
    write(join(guests, 'noexport', 'index.js'), NO_EXPORT);
    write(join(guests, 'marker', 'index.ts'), MARKER_MODULE);
    write(join(guests, 'app', 'node_modules', 'dep', 'index.ts'), NO_EXPORT);
    write(join(guests, 'app', 'dist', 'index.js'), NO_EXPORT);
    write(join(guests, 'app', 'src', 'index.test.ts'), NO_EXPORT);
    write(join(guests, 'app', 'src', 'quoted.ts'), `const text = \`${NO_EXPORT}\`;\n`);
    write(
      join(guests, 'app', 'src', 'types.ts'),
      "import type { defineConfig } from 'trailbase-wasm';\n",
    );
    write(join(project, 'wasm', 'auth.wasm'), '\0asm');
    mkdirSync(join(project, 'data'), { recursive: true });
    new DatabaseSync(mainDbPath).close();

    loaded = await loadUserJobs({ projectDir: project, searchRoots: [guests], trusted: true });
  });

  after(async () => {
    await loaded.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('discovery finds guest modules only', () => {
    const { files, truncated } = findGuestModules([guests]);
    assert.equal(truncated, false);
    assert.deepEqual(files, [
      join(guests, 'app', 'src', 'index.ts'),
      join(guests, 'broken', 'index.ts'),
      join(guests, 'marker', 'index.ts'),
      join(guests, 'noexport', 'index.js'),
    ]);
  });

  test('search roots resolve from the project', async () => {
    const relative = await loadUserJobs({
      projectDir: project,
      searchRoots: ['../guests/app'],
      trusted: true,
    });
    assert.deepEqual(
      relative.jobs.map((definition) => definition.name),
      ['write', 'values', 'throws', 'hangs', 'spins', 'exits', 'bad sql', 'prints', 'six fields'],
    );
    await relative.dispose();
  });

  test('trust gates module evaluation', async () => {
    const marker = join(guests, 'marker', 'evaluated.txt');
    rmSync(marker, { force: true });
    const untrusted = await loadUserJobs({
      projectDir: project,
      searchRoots: [guests],
      trusted: false,
    });
    assert.deepEqual(untrusted.jobs, []);
    assert.equal(untrusted.problems[0]?.message, UNTRUSTED_PROBLEM);
    assert.equal(existsSync(marker), false, 'untrusted load ran no module code');
    await untrusted.dispose();

    const trusted = await loadUserJobs({
      projectDir: project,
      searchRoots: [guests],
      trusted: true,
    });
    assert.equal(existsSync(marker), true, 'trusted load evaluated the module');
    await trusted.dispose();
  });

  test('jobs carry schedule and source', () => {
    const write = job('write');
    assert.equal(write.schedule, '5 * * * * *');
    assert.deepEqual(write.source, {
      file: join(guests, 'app', 'src', 'index.ts'),
      ...positionInGuest("'write'"),
    });
    assert.equal(job('throws').schedule, '@hourly');
    assert.equal(job('six fields').schedule, '0 0 3 * * *');
  });

  test('invalid spec is a problem', () => {
    assert.equal(
      loaded.jobs.find((candidate) => candidate.name === 'unix cron'),
      undefined,
    );
    const problem = loaded.problems.find((candidate) => candidate.name === 'unix cron');
    assert.ok(problem, 'problem reported');
    assert.match(problem.message, /invalid job spec '0 3 \* \* \*': 5 fields/);
    assert.match(problem.message, /'0 0 3 \* \* \*'/);
    assert.deepEqual(problem.source, {
      file: join(guests, 'app', 'src', 'index.ts'),
      ...positionInGuest("'unix cron'"),
    });
  });

  test('schedule the host rejects is a problem', () => {
    assert.equal(
      loaded.jobs.find((candidate) => candidate.name === 'minute 61'),
      undefined,
    );
    const problem = loaded.problems.find((candidate) => candidate.name === 'minute 61');
    assert.ok(problem, 'problem reported');
    assert.match(
      problem.message,
      /^invalid job spec '0 61 \* \* \* \*': minute 61 is out of range/,
    );
    assert.deepEqual(problem.source?.line, positionInGuest("'minute 61'").line);
  });

  test('duplicate name keeps the first', () => {
    assert.equal(loaded.jobs.filter((candidate) => candidate.name === 'prints').length, 1);
    const problem = loaded.problems.find((candidate) => candidate.name === 'prints');
    assert.ok(problem, 'duplicate reported');
    assert.match(problem.message, /duplicate job name 'prints'/);
    assert.equal(
      problem.source?.line,
      positionInGuest("JobHandler.hourly('prints', () => undefined)").line,
    );
  });

  test('worker output becomes log lines', async () => {
    await run('prints');
    assert.ok(logs.some((line) => line.level === 'info' && line.message === 'raw stdout line'));
    assert.ok(logs.some((line) => line.level === 'warn' && line.message === 'careful'));
  });

  test('module load failures are problems', () => {
    const broken = loaded.problems.find((candidate) => candidate.name.endsWith('broken/index.ts'));
    assert.ok(broken, 'throwing module reported');
    assert.match(broken.message, /module failed to load: config missing/);
    assert.equal(broken.source?.line, 2);

    const noExport = loaded.problems.find((candidate) => candidate.name.endsWith('index.js'));
    assert.ok(noExport, 'module without initEndpoint reported');
    assert.match(noExport.message, /does not export the initEndpoint/);
  });

  test('wasm components listed as not runnable', async () => {
    for (const trusted of [true, false]) {
      const result = await loadUserJobs({ projectDir: project, searchRoots: [], trusted });
      const wasm = result.problems.find((candidate) => candidate.name === 'auth.wasm');
      assert.ok(wasm, `listed when trusted=${trusted}`);
      assert.match(wasm.message, /not runnable yet/);
      assert.match(wasm.message, /does not host TrailBase's WASM component runtime/);
      assert.equal(wasm.source?.file, join(project, 'wasm', 'auth.wasm'));
      await result.dispose();
    }
  });

  test('job writes to main.db', async () => {
    await run('write');
    const db = new DatabaseSync(mainDbPath, { readOnly: true });
    const rows = db.prepare('SELECT text FROM notes').all();
    db.close();
    assert.deepEqual(
      rows.map((row) => row.text),
      ["hello 'it''s'"],
    );
    assert.ok(logs.some((line) => line.level === 'info' && line.message === 'inserted 1 rows 1'));
  });

  test('values and transactions', async () => {
    await run('values');
    const db = new DatabaseSync(mainDbPath, { readOnly: true });
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'tx_rows'").get();
    db.close();
    assert.equal(table, undefined, 'rolled back');
  });

  test('throwing job rejects with its message', async () => {
    await assert.rejects(run('throws'), { message: 'quota exceeded for table notes' });
  });

  test('SQL error rejects with SQLite message', async () => {
    await assert.rejects(run('bad sql'), { message: /no such table: missing_table/ });
  });

  test('hanging job times out', async () => {
    await assert.rejects(run('hangs', 300), { message: 'timed out after 0.3 s' });
    await assert.rejects(run('spins', 1000), { message: 'timed out after 1 s' });
  });

  test('exiting worker reports its code', async () => {
    await assert.rejects(run('exits'), { message: 'worker exited with code 3' });
  });

  test('abort terminates the run', async () => {
    const controller = new AbortController();
    const pending = run('hangs', 30_000, controller.signal);
    controller.abort();
    await assert.rejects(pending, { message: 'aborted' });
  });

  test('locked database waits for the lock', async () => {
    const locker = new DatabaseSync(mainDbPath);
    locker.exec('BEGIN IMMEDIATE');
    const pending = run('write');
    // The job cannot write until the lock goes; releasing it lets the run succeed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    locker.exec('COMMIT');
    locker.close();
    await pending;
  });

  test('missing main.db fails the run', async () => {
    const missing = join(dir, 'nowhere', 'main.db');
    const log = () => undefined;
    const signal = new AbortController().signal;
    await assert.rejects(
      loaded.run(job('write'), { mainDbPath: missing, timeoutMs: 5000, signal, log }),
      {
        message: `main database not found: ${missing}`,
      },
    );
    assert.equal(existsSync(missing), false);
  });

  test('dispose ends running workers', async () => {
    const pending = run('hangs', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await loaded.dispose();
    await assert.rejects(pending, { message: /worker exited with code/ });
  });
});
