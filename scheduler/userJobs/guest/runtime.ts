// State shared by the `trailbase-wasm` stand-ins inside one worker: which files are
// guest code, where each job handler was declared, the config each module built, and
// the connection to main.db.
import { existsSync } from 'node:fs';
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite';

import type { GuestLocation } from '../workerProtocol';

export interface JobHandlerShape {
  name: string;
  spec: string;
  handler: () => void | Promise<void>;
}

/** Waits this long for a lock held by TrailBase or a system job before a query fails. */
const BUSY_TIMEOUT_MS = 5000;

export const guestFiles = new Set<string>();

const declaredAt = new WeakMap<object, GuestLocation>();
const jobHandlersByEndpoint = new WeakMap<object, JobHandlerShape[]>();

let mainDbPath: string | undefined;
let database: DatabaseSyncInstance | undefined;

/** Records the guest line that called into the stand-in, read from the V8 call sites. */
export function rememberDeclaration(target: object): void {
  const location = findGuestCaller();
  if (location) declaredAt.set(target, location);
}

export function declarationOf(target: object): GuestLocation | undefined {
  return declaredAt.get(target);
}

export function registerJobHandlers(endpoint: object, handlers: JobHandlerShape[]): void {
  jobHandlersByEndpoint.set(endpoint, handlers);
}

export function jobHandlersOf(endpoint: object): JobHandlerShape[] | undefined {
  return jobHandlersByEndpoint.get(endpoint);
}

export function setMainDbPath(path: string): void {
  mainDbPath = path;
}

/** Opens main.db on first use, so listing jobs never touches the database. */
export function mainDatabase(): DatabaseSyncInstance {
  if (database) return database;
  if (!mainDbPath) throw new Error('no database is available while loading job handlers');
  if (!existsSync(mainDbPath)) throw new Error(`main database not found: ${mainDbPath}`);
  database = new DatabaseSync(mainDbPath);
  database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return database;
}

export function closeMainDatabase(): void {
  if (database?.isOpen) database.close();
  database = undefined;
}

function findGuestCaller(): GuestLocation | undefined {
  const holder: { stack?: unknown } = {};
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, sites) => sites;
  Error.captureStackTrace(holder, findGuestCaller);
  const sites = holder.stack as NodeJS.CallSite[] | undefined;
  Error.prepareStackTrace = previous;

  const site = sites?.find((candidate) => guestFiles.has(candidate.getFileName() ?? ''));
  if (!site) return undefined;
  return {
    file: site.getFileName() ?? '',
    line: Math.max(0, (site.getLineNumber() ?? 1) - 1),
    character: Math.max(0, (site.getColumnNumber() ?? 1) - 1),
  };
}
