// Opening TrailBase's databases from a worker. TrailBase runs them in WAL mode; we never
// change the journal mode, never create a missing file and wait on locks instead of failing
// at once, so a running TrailBase server and our jobs can share the files.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite';

export function openDatabase(file: string, busyTimeoutMs: number): DatabaseSyncInstance {
  if (!existsSync(file)) {
    throw new Error(
      `Database ${basename(file)} not found at ${file}. TrailBase creates it on its first ` +
        'start; check that the project folder is a TrailBase data folder.',
    );
  }
  try {
    return new DatabaseSync(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new Error(`Cannot open ${file}: ${messageOf(error)}`, { cause: error });
  }
}

/** Throws when one of `tables` is missing, naming the file and the table. */
export function requireTables(
  db: DatabaseSyncInstance,
  file: string,
  tables: readonly string[],
): void {
  const statement = db.prepare(
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? LIMIT 1",
  );
  for (const table of tables) {
    if (statement.get(table) === undefined) {
      throw new Error(
        `Table ${table} not found in ${file}. TrailBase's migrations create it; ` +
          'start TrailBase once on this folder or check the path.',
      );
    }
  }
}

/** Runs `action`, prefixing an SQLite error with the file and the step that failed. */
export function withContext<T>(file: string, step: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new Error(`${basename(file)}: ${step} failed: ${messageOf(error)}`, { cause: error });
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
