// What the in-editor tests share: the opened example project, trailcron's activation, and
// the sidecar's admin API (TrailBase's /api/_admin/jobs routes), which reports the same jobs,
// next runs and last results that the Jobs view shows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'trailcron.trailcron';

// A job as GET /api/_admin/jobs returns it: `next` in unix seconds, `latest` as
// [start unix seconds, duration ms, error or null].
export interface AdminJob {
  id: number;
  name: string;
  schedule: string;
  enabled: boolean;
  next: number | null;
  latest: [number, number, string | null] | null;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

export function projectFolder(): string {
  return join(workspaceRoot(), 'traildepot');
}

export function configUri(): vscode.Uri {
  return vscode.Uri.file(join(projectFolder(), 'config.textproto'));
}

export async function activateTrailcron(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  await extension.activate();
  return extension;
}

// The test profile sets trailcron.adminPort, so the sidecar serves the admin API there.
export function adminUrl(): string {
  const port = vscode.workspace.getConfiguration('trailcron').get<number | null>('adminPort');
  if (!port) throw new Error('trailcron.adminPort is not set in the test profile');
  return `http://127.0.0.1:${port}`;
}

// Returns the jobs, or undefined while the sidecar has not started its admin API yet.
export async function fetchAdminJobs(): Promise<AdminJob[] | undefined> {
  let token: string;
  try {
    token = readFileSync(join(projectFolder(), '.trailcron', 'admin-token'), 'utf8').trim();
  } catch {
    return undefined;
  }
  try {
    const response = await fetch(`${adminUrl()}/api/_admin/jobs`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) return undefined;
    return ((await response.json()) as { jobs: AdminJob[] }).jobs;
  } catch {
    return undefined;
  }
}

interface Database {
  prepare(sql: string): {
    get(...params: unknown[]): Record<string, unknown> | undefined;
    run(...params: unknown[]): unknown;
  };
  close(): void;
}

interface SqliteModule {
  DatabaseSync: new (path: string) => Database;
}

// Opens a database of the project with the SQLite binding that ships inside the installed
// extension, so the test reads and writes the files the way the sidecar does.
function openDatabase(extension: vscode.Extension<unknown>, db: string): Database {
  const load = createRequire(join(extension.extensionPath, 'package.json'));
  const sqlite = load(
    join(extension.extensionPath, 'dist', 'node_modules', '@photostructure', 'sqlite'),
  ) as SqliteModule;
  return new sqlite.DatabaseSync(join(projectFolder(), 'data', db));
}

export function countRows(extension: vscode.Extension<unknown>, db: string, sql: string): number {
  const database = openDatabase(extension, db);
  try {
    const row = database.prepare(sql).get();
    return Number(Object.values(row ?? {})[0]);
  } finally {
    database.close();
  }
}

export function execute(
  extension: vscode.Extension<unknown>,
  db: string,
  sql: string,
  ...params: unknown[]
): void {
  const database = openDatabase(extension, db);
  try {
    database.prepare(sql).run(...params);
  } finally {
    database.close();
  }
}
