// Temporary TrailBase project folders for the scheduler and CLI tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { createExampleData, type ExampleData } from '../../examples/exampleData';

export const DIST = resolve(__dirname, '../../dist');
export const WORKER_FILE = join(DIST, 'worker.js');
export const SIDECAR_FILE = join(DIST, 'sidecar.js');
export const CLI_FILE = join(DIST, 'cli.js');
export const ONE_DAY_SEC = 24 * 60 * 60;

export interface TempProject {
  dir: string;
  data: ExampleData;
  remove(): void;
}

/** Creates a project folder with example data and, when given, a config.textproto. */
export function createProject(config?: string, logsRetentionSec = ONE_DAY_SEC): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'trailcron-project-'));
  const data = createExampleData(dir, logsRetentionSec);
  if (config !== undefined) writeFileSync(join(dir, 'config.textproto'), config);
  return { dir, data, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function countRows(dir: string, database: string, table: string): number {
  const db = new DatabaseSync(join(dir, 'data', `${database}.db`), { readOnly: true });
  try {
    // The sidecar's worker may still be closing its connection, which checkpoints the WAL
    // under an exclusive lock, so the count waits for it like any reader beside TrailBase.
    db.exec('PRAGMA busy_timeout = 5000');
    const row = db.prepare(`SELECT COUNT(*) AS count FROM ${table}`).get() as { count: number };
    return row.count;
  } finally {
    db.close();
  }
}

export const RETENTION_ONE_DAY_CONFIG = `
server { logs_retention_sec: 86400 }
`;

/**
 * Holds the write lock of a database from another process until `release` is called. It has
 * to be another process: POSIX locks do not conflict within one process, and the tests load a
 * second copy of SQLite next to the bundled one, whose locks the first cannot see.
 */
export async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const { DatabaseSync } = require(${JSON.stringify(join(DIST, 'node_modules/@photostructure/sqlite'))});
    const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.exec("CREATE TABLE IF NOT EXISTS lock_holder (x)");
    process.stdout.write('locked\\n');
    process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited with code ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    release: () => {
      child.stdin.end();
      return exited;
    },
  };
}
